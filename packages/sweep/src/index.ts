/**
 * @ksm-sim/sweep: run a grid of variants of a scenario (sysfs knob values,
 * tree backends, content modes) in parallel worker threads, each exactly as
 * runScenario would alone; one CSV and one HTML report of them.
 */
export { CONTENT_MODES, type ContentMode } from "./content.js";
export { sweepToCsv } from "./csv.js";
export type { SweepError } from "./errors.js";
export { type Lane, type LaneFactory, mainThreadLanes, workerExecArgv, workerLanes } from "./lanes.js";
export { type LoadOptions, loadSweep, loadSweepFile, type Sweep, type SweepLoad } from "./load.js";
export { type PoolOptions, runPool } from "./pool.js";
export { sweepProgressBar } from "./progress.js";
export { backendRows, sweepReport, sweepSections } from "./report.js";
export { MAX_VARIANTS, type SweepGrid, type SweepSpec } from "./spec.js";
export { runSweep, type SweepOptions, type SweepResult } from "./sweep.js";
export type { SweepBackend } from "./sweep-backends.js";
export { runVariantTask, type VariantOutcome, type VariantTask } from "./task.js";
export { expandVariants, type Variant, variantCount, withKnobs } from "./variants.js";
export { workerScript } from "./worker-script.js";
