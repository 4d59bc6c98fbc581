export {
  type AdvisorCtx,
  type AdvisorInput,
  type AdvisorStep,
  advisorStartScan,
  advisorStopScan,
  EWMA_WEIGHT,
  ewma,
  KSM_ADVISOR_MIN_CPU,
  newAdvisorCtx,
  scanTimeAdvisor,
  scanTimeAdvisorStep,
  setAdvisorDefaults,
} from "./advisor.js";
export { checkKsm } from "./check.js";
export {
  ERRNO_VALUE,
  KSM_RUN_MERGE,
  KSM_RUN_OFFLINE,
  KSM_RUN_STOP,
  KSM_RUN_UNMERGE,
  STABLE_NODE_CHAIN,
} from "./constants.js";
export { KSM_STAT_FIELDS, KSM_STAT_FLAGS, KSM_STAT_NUMBERS, type KsmCounters, type KsmStat } from "./counters.js";
export { ALL_FIXES, type Fixes, type Knobs, type KsmClock, type KsmOptions, KsmState } from "./engine.js";
export { createKsm, Ksm, type SysfsResult } from "./ksm.js";
export { KsmOops } from "./oops.js";
export type { AfterMmFn } from "./run.js";
export { StableNode } from "./stable-node.js";
export * from "./sysfs/index.js";
export { type TraceEvent, Tracer, type TraceSink } from "./trace.js";
