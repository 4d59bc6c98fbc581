export {
  type AccessCount,
  type AccessCounts,
  accessCost,
  type RemoteAccessReport,
  remoteAccessReport,
} from "./cost.js";
export { NumaError, type NumaErrorCode } from "./errors.js";
export {
  interleaveNode,
  nextInterleaveNode,
  type Policy,
  type PolicyMode,
  type PolicySpec,
  parsePolicy,
  placeOrder,
  placePage,
} from "./policy.js";
export {
  createTopology,
  DEFAULT_LOCAL_LATENCY_NS,
  LOCAL_DISTANCE,
  MAX_DISTANCE,
  MAX_NODES,
  type PfnRange,
  REMOTE_DISTANCE,
  type Topology,
  type TopologySpec,
} from "./topology.js";
