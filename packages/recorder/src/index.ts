/**
 * @ksm-sim/recorder: runs a scenario on this machine's real Linux KSM and
 * returns the result document the simulator gives, for `ksm-sim compare`.
 */

import { buildWorker } from "./build-worker.js";
import { realFs } from "./kernel-fs.js";
import type { Machine } from "./record.js";
import { realClock } from "./sleep.js";
import { fifoWorkers, type Workers } from "./workers.js";

export { buildWorker, workerSource } from "./build-worker.js";
export { KernelWriteError, RecorderError } from "./errors.js";
export { type KernelFs, realFs } from "./kernel-fs.js";
export { parseTrace, type TraceState, traceStart, traceStop } from "./kernel-trace.js";
export { foreignKsmUsers, KSM_DIR, KsmFiles, ksmdCpuSeconds, RESET_WRITES } from "./ksm-files.js";
export { type Machine, preflight, type RecordOptions, recordScenario } from "./record.js";
export { type Clock, realClock } from "./sleep.js";
export { fifoWorkers, type WorkerProc, type Workers } from "./workers.js";

/** This machine: real files, real worker processes (worker.c built when the first one starts), the real clock. */
export function thisMachine(): Machine {
  let real: Workers | null = null;
  const workers = () => {
    real ??= fifoWorkers(buildWorker(), realClock);
    return real;
  };
  return {
    fs: realFs,
    workers: {
      spawn: (name) => workers().spawn(name),
      fork: (parent, child) => workers().fork(parent, child),
      close: () => real?.close(),
    },
    clock: realClock,
    uid: process.getuid?.() ?? -1,
  };
}
