export { formatMmBench } from "./format.js";
export { benchMode, type MmBenchOptions, type MmBenchRow, runMmBench } from "./mm-bench.js";
