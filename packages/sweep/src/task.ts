/** One variant's run, the unit a worker thread (or the main thread) executes. */
import { performance } from "node:perf_hooks";
import { loadBackend } from "@ksm-sim/backends";
import { type ResultDocument, runScenario, type Scenario } from "@ksm-sim/scenario";
import type { ContentMode } from "./content.js";

/** What a worker receives: plain data, so it crosses postMessage unchanged. */
export interface VariantTask {
  readonly index: number;
  readonly scenario: Scenario;
  /** The backend: a built-in name, or the file URL of a module whose default export is one (Variant.backendSpecifier). */
  readonly backend: string;
  readonly content: ContentMode;
}

/** What a worker posts back: the result document and the wall time, or why the variant failed. */
export type VariantOutcome =
  | { readonly index: number; readonly ok: true; readonly result: ResultDocument; readonly wallMs: number }
  | { readonly index: number; readonly ok: false; readonly error: string; readonly wallMs: number };

/**
 * Loads the backend (once per thread; modules are cached by their URL) and
 * runs the variant exactly as `runScenario(scenario, { tree, content })`
 * would alone; the wall time is that of runScenario. Never rejects.
 */
export async function runVariantTask(task: VariantTask): Promise<VariantOutcome> {
  let t0 = performance.now();
  try {
    const tree = await loadBackend(task.backend);
    t0 = performance.now();
    const result = runScenario(task.scenario, { tree, content: task.content });
    return { index: task.index, ok: true, result, wallMs: performance.now() - t0 };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { index: task.index, ok: false, error, wallMs: performance.now() - t0 };
  }
}
