/**
 * The one way tree backends may differ (docs: packages/ksm/README.md, "Tree
 * backends and what may differ"): a stable-tree descent cleans up what it
 * passes, and the backends' shapes decide what it passes. In
 * examples/tree-shape-stale-chain.json, A's exit leaves the chain of content 1
 * with no dups; B's search for content 0 frees that chain only when its
 * descent goes through it (stable_node_dup → free_stable_node_chain, which
 * has no trace event). The kernel's shape (rbtree) never passes it.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TreeBackend } from "@ksm-sim/tree";
import { avlBackend } from "@ksm-sim/tree-avl";
import { bintreesBackend } from "@ksm-sim/tree-bintrees";
import { functionalRedBlackTreeBackend } from "@ksm-sim/tree-functional-red-black-tree";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";
import { type ResultDocument, runScenario, validateScenario } from "../src/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const checked = validateScenario(
  JSON.parse(readFileSync(resolve(repoRoot, "examples/tree-shape-stale-chain.json"), "utf8")),
);
if (!checked.ok) throw new Error(`examples/tree-shape-stale-chain.json: ${JSON.stringify(checked.errors)}`);
const scenario = checked.scenario;

function run(tree: TreeBackend, content: "tokens" | "bytes"): ResultDocument {
  return runScenario(scenario, { tree, content, trace: true });
}

describe.each(["tokens", "bytes"] as const)("tree shape decides when an empty chain is freed (%s)", (content) => {
  const kernel = run(rbtreeBackend, content);
  const end = (r: ResultDocument) => r.snapshots.find((s) => s.label === "end")!;

  it("rbtree (the kernel's shape) keeps the empty chain: its descent stops at the root", () => {
    expect(end(kernel).ksm.stable_node_chains).toBe(1);
    expect(end(kernel).ksm.stable_node_dups).toBe(0);
  });

  it("avl's shape stops at the root too, and keeps the empty chain as the kernel does", () => {
    expect(run(avlBackend, content)).toEqual(kernel);
  });

  it.each([functionalRedBlackTreeBackend, bintreesBackend])("$name passes the empty chain and frees it", (backend) => {
    const other = run(backend, content);
    expect(end(other).ksm.stable_node_chains).toBe(0);
    // everything else is the same: counters, ksm_stat, step results, trace
    const { stable_node_chains: _a, ...restOther } = end(other).ksm;
    const { stable_node_chains: _b, ...restKernel } = end(kernel).ksm;
    expect(restOther).toEqual(restKernel);
    expect(end(other).procs).toEqual(end(kernel).procs);
    expect(other.steps).toEqual(kernel.steps);
    expect(other.trace).toEqual(kernel.trace);
  });
});
