/**
 * @ksm-sim/scenario: scenario format v1 (docs/scenario-format.md). Validation
 * with path-naming errors, the published JSON Schema
 * (`@ksm-sim/scenario/schema.json`), result documents, trace renaming and the
 * kernel-versus-simulator comparison of fixture-check.py.
 */
export {
  type CompareOptions,
  compareResults,
  type Difference,
  type DifferenceKind,
  firstDifference,
} from "./compare.js";
export { MAX_ERRORS, type ScenarioError, type ScenarioErrorCode } from "./errors.js";
export { mmapSlots, pagesPerNode, slotAddress } from "./layout.js";
export { placementAccesses, vmaNodes } from "./placement-access.js";
export {
  KSM_COUNTERS,
  type KsmCounter,
  type KsmCounters,
  type LoadResult,
  loadResultDocument,
  type PlacementEntry,
  type ResultDocument,
  type Snapshot,
  type StepNumber,
  type StepResult,
  type VmaPlacement,
} from "./result.js";
export { piecesOf, type Region } from "./run/regions.js";
export { type RunOptions, type RunProgress, runScenario, SCAN_PROGRESS_BATCH, ScenarioRunError } from "./run/runner.js";
export { Sampler } from "./run/sampler.js";
export { type KsmdSample, type Sample, seriesToCsv, seriesToJson } from "./series.js";
export { runValue, sysfsText } from "./sysfs-text.js";
export {
  type NormalizedEvent,
  normalizeForCompare,
  RENAMED_KINDS,
  type RenamedKind,
  renameTrace,
  type TraceEvent,
} from "./trace.js";
export * from "./types.js";
export { parseScenario, type ValidationResult, validateScenario } from "./validate.js";
