/** One variant's run, the unit a worker thread (or the main thread) executes. */
import { performance } from "node:perf_hooks";
import { type ResultDocument, runScenario, type Scenario } from "@ksm-sim/scenario";
import { BACKENDS, type BackendName, type ContentMode } from "./backends.js";

/** What a worker receives: plain data, so it crosses postMessage unchanged. */
export interface VariantTask {
  readonly index: number;
  readonly scenario: Scenario;
  readonly backend: BackendName;
  readonly content: ContentMode;
}

/** What a worker posts back: the result document and the wall time, or why the variant failed. */
export type VariantOutcome =
  | { readonly index: number; readonly ok: true; readonly result: ResultDocument; readonly wallMs: number }
  | { readonly index: number; readonly ok: false; readonly error: string; readonly wallMs: number };

/** Runs the variant exactly as `runScenario(scenario, { tree, content })` would alone; never throws. */
export function runVariantTask(task: VariantTask): VariantOutcome {
  const t0 = performance.now();
  try {
    const result = runScenario(task.scenario, { tree: BACKENDS[task.backend], content: task.content });
    return { index: task.index, ok: true, result, wallMs: performance.now() - t0 };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { index: task.index, ok: false, error, wallMs: performance.now() - t0 };
  }
}
