/** Running a sweep: every variant in a pool of worker threads (or in this thread), results in variant order. */
import { availableParallelism } from "node:os";
import { type LaneFactory, mainThreadLanes, workerLanes } from "./lanes.js";
import type { Sweep } from "./load.js";
import { runPool } from "./pool.js";
import type { VariantOutcome } from "./task.js";
import { workerScript } from "./worker-script.js";

export interface SweepOptions {
  /** How many variants run at once (default: os.availableParallelism()); the pool opens min(jobs, variants) lanes. */
  readonly jobs?: number;
  /**
   * `true`: worker threads (an error when the worker script is not built);
   * `false`: the main thread, one variant after another;
   * `"auto"` (default): worker threads when the worker script is there, else the main thread.
   */
  readonly threads?: boolean | "auto";
  /** Run the variants on these lanes instead (tests). */
  readonly lanes?: LaneFactory;
  /** Called as each variant finishes: how many are done of the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SweepResult {
  readonly sweep: Sweep;
  /** One per variant, in the variants' order. */
  readonly outcomes: readonly VariantOutcome[];
  /** Where the variants ran: worker threads, the main thread, or lanes the caller gave. */
  readonly runner: "threads" | "main-thread" | "custom";
  /** How many lanes ran. */
  readonly jobs: number;
}

export async function runSweep(sweep: Sweep, options: SweepOptions = {}): Promise<SweepResult> {
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new RangeError(`jobs: must be an integer >= 1, got ${jobs}`);
  let lanes = options.lanes;
  let runner: SweepResult["runner"] = "custom";
  if (lanes === undefined) {
    const script = options.threads === false ? null : workerScript();
    if (script === null && options.threads === true)
      throw new Error("threads: the worker script dist/worker.js of @ksm-sim/sweep is not built (run pnpm build)");
    runner = script !== null ? "threads" : "main-thread";
    lanes = script !== null ? workerLanes(script) : mainThreadLanes;
  }
  const tasks = sweep.variants.map((v) => ({
    index: v.index,
    scenario: v.scenario,
    backend: v.backendSpecifier,
    content: v.content,
  }));
  const progress = options.onProgress;
  const outcomes = await runPool(tasks, {
    jobs,
    lanes,
    ...(progress ? { onOutcome: (_o: VariantOutcome, done: number, total: number) => progress(done, total) } : {}),
  });
  return { sweep, outcomes, runner, jobs: Math.min(jobs, tasks.length) };
}
