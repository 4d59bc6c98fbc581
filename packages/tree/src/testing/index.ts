/**
 * The conformance suite every tree backend runs (keyv style: it takes the
 * test runner's `it`, so any runner can call it). A backend's whole test file
 * can be `treeConformanceSuite(it, myBackend)`.
 */
import type { TreeBackend } from "../types.js";
import { basicCases } from "./basic.js";
import { inconsistentComparatorCases } from "./inconsistent.js";
import { propertyCases } from "./property.js";

/** The subset of a runner's `it` the suite needs (vitest, jest, mocha and node:test fit). */
export type ItFn = (name: string, fn: () => void | Promise<void>) => unknown;

export interface SuiteOptions {
  /** fast-check runs per property (default 200). */
  readonly numRuns?: number;
}

/** Register every conformance test for `backend` with the runner. */
export function treeConformanceSuite(it: ItFn, backend: TreeBackend, options: SuiteOptions = {}): void {
  const numRuns = options.numRuns ?? 200;
  basicCases(it, backend);
  inconsistentComparatorCases(it, backend);
  propertyCases(it, backend, numRuns);
}

export { checkOrder, collectValues, numberCmp } from "./helpers.js";
