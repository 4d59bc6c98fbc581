/**
 * One scale row of the engine benchmark in a child process of its own (see
 * scale-bench.ts), so that its peak RSS is the row's alone: the warm-up and
 * timed scans of benchScan, the peak RSS, then (if asked) the floor at the
 * same size, sent to the parent over the IPC channel. Spec: argv[2], JSON.
 */
import "./expose-gc.js";
import { loadBackend } from "@ksm-sim/backends";
import { benchScan, runFloorBench } from "@ksm-sim/ksm/bench";
import { peakRssBytes } from "./peak-rss.js";
import type { ScaleChildResult, ScaleChildSpec } from "./scale-bench.js";

const spec = JSON.parse(process.argv[2] ?? "null") as ScaleChildSpec;
const tree = await loadBackend(spec.backend);
const t0 = performance.now();
const scan = benchScan(tree, spec.mode, spec.pages, { warmupPages: spec.warmupPages });
const wallSeconds = (performance.now() - t0) / 1000;
const peak = peakRssBytes(); // before the floor, which is not the row's
const floor = spec.floorRuns > 0 ? runFloorBench({ pages: spec.pages, runs: spec.floorRuns }) : null;
const result: ScaleChildResult = { scan, peakRssBytes: peak.bytes, peakRssSource: peak.source, wallSeconds, floor };
process.send?.(result);
