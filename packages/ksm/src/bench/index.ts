export { type FloorBenchRow, runFloorBench } from "./floor-bench.js";
export { formatScanBench } from "./format.js";
export {
  type BenchScanOptions,
  benchScan,
  benchToken,
  REPEATED_CONTENTS,
  runScanBench,
  type ScanBenchOptions,
  type ScanBenchRow,
  WARMUP_PAGES,
} from "./scan-bench.js";
