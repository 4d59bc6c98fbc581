/**
 * @ksm-sim/ksmd: ksmd on a simulated clock. The ksm_scan_thread loop
 * (batches of pages_to_scan, sleeps of sleep_millisecs rounded up to whole
 * jiffies and ending on the tick the timer wheel rounds them to, cut short
 * only by a sleep_millisecs change, parking while run is not 1), a CPU-cost
 * model for batches calibrated on a real ksmd so that simulated time
 * includes scan time, the time source of the scan-time advisor (which lives in
 * @ksm-sim/ksm, as in mm/ksm.c), and seeded write workloads interleaved
 * with ksmd on one discrete-event timeline.
 */
export {
  type BatchWork,
  batchCostNs,
  COST_FIELDS,
  type CostModel,
  costModel,
  costModelFromTruth,
  DEFAULT_COST_MODEL,
} from "./cost.js";
export { type BatchRecord, Ksmd, type KsmdState } from "./ksmd.js";
export { Prng } from "./prng.js";
export { Simulation, type SimulationOptions } from "./simulation.js";
export { jiffiesAt, tickNs, timerExpiryJiffies } from "./timer-wheel.js";
export { Workload, type WorkloadContent, type WorkloadSpec } from "./workload.js";
