/** The worker-thread script: runs each variant task it is sent and posts the outcome back. */
import { parentPort } from "node:worker_threads";
import { runVariantTask, type VariantTask } from "./task.js";

const port = parentPort;
if (port === null) throw new Error("@ksm-sim/sweep worker.js runs only as a worker thread");
port.on("message", async (task: VariantTask) => port.postMessage(await runVariantTask(task)));
