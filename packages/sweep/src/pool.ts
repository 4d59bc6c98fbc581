/** A pool of lanes working through a list of variant tasks; every task gets an outcome. */
import type { LaneFactory } from "./lanes.js";
import type { VariantOutcome, VariantTask } from "./task.js";

export interface PoolOptions {
  /** How many lanes to open at most (the pool opens min(jobs, tasks)). */
  readonly jobs: number;
  readonly lanes: LaneFactory;
  /** Called as each task finishes, with how many are done of the total. */
  readonly onOutcome?: (outcome: VariantOutcome, done: number, total: number) => void;
}

/** Runs every task; the outcomes come back in the tasks' order, whatever order they finished in. */
export async function runPool(tasks: readonly VariantTask[], options: PoolOptions): Promise<VariantOutcome[]> {
  const outcomes: VariantOutcome[] = new Array(tasks.length);
  const lanes = Array.from({ length: Math.min(options.jobs, tasks.length) }, () => options.lanes());
  let next = 0;
  let done = 0;
  const work = async (lane: (typeof lanes)[number]) => {
    while (next < tasks.length) {
      const at = next++;
      const task = tasks[at]!;
      let outcome: VariantOutcome;
      try {
        outcome = await lane.run(task);
      } catch (e) {
        outcome = { index: task.index, ok: false, error: `lane failed: ${(e as Error).message}`, wallMs: 0 };
      }
      outcomes[at] = outcome;
      options.onOutcome?.(outcome, ++done, tasks.length);
    }
  };
  try {
    await Promise.all(lanes.map(work));
  } finally {
    await Promise.all(lanes.map((l) => l.close()));
  }
  return outcomes;
}
