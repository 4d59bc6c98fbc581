/**
 * The conformance suite every tree backend runs (keyv style: it takes the
 * test runner's `it`, so any runner can call it). A backend's whole test file
 * can be `treeConformanceSuite(it, myBackend)`: it runs the base cases, and
 * the sub-suites of the optional capabilities the backend declares
 * (`flags.walk`: TreeWalk; `createIndexed`: IndexedTree).
 */
import assert from "node:assert/strict";
import type { TreeBackend } from "../types.js";
import { basicCases } from "./basic.js";
import { inconsistentComparatorCases } from "./inconsistent.js";
import { indexedCases } from "./indexed.js";
import { propertyCases } from "./property.js";
import { walkCases } from "./walk.js";

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
  it(`${backend.name}: flags.walk says whether its trees have a walk`, () => {
    assert.equal(backend.create<number>().walk !== undefined, backend.flags.walk === true);
  });
  if (backend.flags.walk === true) walkCases(it, backend, numRuns);
  if (backend.createIndexed !== undefined) indexedCases(it, backend, numRuns);
}

/** The TreeWalk sub-suite alone (for a backend with `flags.walk`). */
export function walkConformanceSuite(it: ItFn, backend: TreeBackend, options: SuiteOptions = {}): void {
  walkCases(it, backend, options.numRuns ?? 200);
}

/** The IndexedTree sub-suite alone (for a backend with `createIndexed`). */
export function indexedConformanceSuite(it: ItFn, backend: TreeBackend, options: SuiteOptions = {}): void {
  indexedCases(it, backend, options.numRuns ?? 200);
}

export { checkOrder, collectValues, numberCmp } from "./helpers.js";
export { plainBackend } from "./plain.js";
export { walkHeight, walkInOrder } from "./walk.js";
