export { type FloorBenchRow, runFloorBench } from "./floor-bench.js";
export { formatScanBench } from "./format.js";
export {
  benchScan,
  benchToken,
  REPEATED_CONTENTS,
  runScanBench,
  type ScanBenchOptions,
  type ScanBenchRow,
} from "./scan-bench.js";
