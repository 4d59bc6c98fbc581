/**
 * One row of the engine benchmark in a worker thread of its own: a fresh V8
 * isolate, so no row runs on code the JIT specialised (and then
 * deoptimised) for another backend or content mode. See engine-bench.ts.
 */
import "./expose-gc.js";
import { parentPort, workerData } from "node:worker_threads";
import { loadBackend } from "@ksm-sim/backends";
import { runScanBench } from "@ksm-sim/ksm/bench";
import type { ContentMode } from "@ksm-sim/mm";

const { backend, mode, quick, pages } = workerData as {
  backend: string;
  mode: ContentMode;
  quick: boolean;
  pages: number | undefined;
};
const tree = await loadBackend(backend); // a built-in name, or a module's path as `ksm-sim run --backend` takes it
const [row] = runScanBench({ quick, backends: [tree], modes: [mode], ...(pages === undefined ? {} : { pages }) });
parentPort?.postMessage(row);
