/**
 * Lanes: where the pool runs variant tasks, one at a time per lane. A worker
 * lane owns one worker thread; a main-thread lane runs the task in this
 * thread (for tests, and where the worker script is not built).
 */
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { runVariantTask, type VariantOutcome, type VariantTask } from "./task.js";

export interface Lane {
  /** Runs one task; never rejects (a failure is an outcome with `ok: false`). */
  run(task: VariantTask): Promise<VariantOutcome>;
  close(): Promise<void>;
}

/** Makes one lane; the pool calls it once per lane it opens. */
export type LaneFactory = () => Lane;

/** Lanes that run tasks in the calling thread, one macrotask each (so progress can be drawn between them). */
export const mainThreadLanes: LaneFactory = () => ({
  run: (task) => new Promise((done) => setImmediate(() => done(runVariantTask(task)))),
  close: async () => {},
});

/** Lanes of worker threads running `script` (see worker-script.ts). A worker that dies is replaced. */
export function workerLanes(script: URL): LaneFactory {
  return () => new WorkerLane(script);
}

/**
 * The parent's node options without the `@ksm-sim/source` export condition:
 * the worker script is built JavaScript, and so must be what it imports
 * (vitest runs the tests with `--conditions @ksm-sim/source`).
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if ((a === "--conditions" || a === "-C") && execArgv[i + 1] === SOURCE_CONDITION) i++;
    else if (a !== `--conditions=${SOURCE_CONDITION}` && a !== `-C=${SOURCE_CONDITION}`) out.push(a);
  }
  return out;
}
const SOURCE_CONDITION = "@ksm-sim/source";

class WorkerLane implements Lane {
  #worker: Worker | null = null;

  constructor(readonly script: URL) {}

  run(task: VariantTask): Promise<VariantOutcome> {
    const t0 = performance.now();
    let w: Worker;
    try {
      if (this.#worker === null) {
        this.#worker = new Worker(this.script, { execArgv: workerExecArgv(process.execArgv) });
        this.#worker.on("error", () => {}); // an idle worker's failure is reported at its next task (exit)
      }
      w = this.#worker;
    } catch (e) {
      return Promise.resolve(this.failed(task, t0, `cannot start a worker: ${(e as Error).message}`));
    }
    return new Promise((resolve) => {
      const finish = (outcome: VariantOutcome) => {
        w.off("message", onMessage).off("error", onError).off("exit", onExit);
        resolve(outcome);
      };
      const onMessage = (outcome: VariantOutcome) => finish(outcome);
      const onError = (e: Error) => {
        this.#worker = null;
        void w.terminate();
        finish(this.failed(task, t0, `worker thread failed: ${e.name}: ${e.message}`));
      };
      const onExit = (code: number) => {
        this.#worker = null;
        finish(this.failed(task, t0, `worker thread exited with code ${code}`));
      };
      w.on("message", onMessage).on("error", onError).on("exit", onExit);
      try {
        w.postMessage(task);
      } catch (e) {
        finish(this.failed(task, t0, `cannot send the variant to a worker: ${(e as Error).message}`));
      }
    });
  }

  private failed(task: VariantTask, t0: number, error: string): VariantOutcome {
    return { index: task.index, ok: false, error, wallMs: performance.now() - t0 };
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = null;
    if (w !== null) await w.terminate();
  }
}
