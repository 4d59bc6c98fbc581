/** placementAccesses: a result's placement as mapped pages per (cpu node, memory node), for the NUMA cost model. */
import { describe, expect, it } from "vitest";
import { placementAccesses, runScenario, type Scenario, validateScenario, vmaNodes } from "../src/index.js";

function scenario(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join("\n"));
  return v.scenario;
}

/** A on node 0 and B on node 1 hold the same 8 pages; C (no binding) too. */
const twoNodes = (mergeAcrossNodes: number) =>
  scenario({
    version: 1,
    name: "two-nodes",
    topology: { nodes: 2 },
    sysfs: { merge_across_nodes: mergeAcrossNodes },
    steps: [
      { op: "spawn", proc: "A" },
      { op: "spawn", proc: "B" },
      { op: "spawn", proc: "C" },
      { op: "mmap", proc: "A", vma: "heap", pages: 8, node: 0 },
      { op: "mmap", proc: "B", vma: "heap", pages: 8, node: 1 },
      { op: "mmap", proc: "C", vma: "heap", pages: 8 },
      { op: "write", proc: "A", vma: "heap", content: { from: 1 } },
      { op: "write", proc: "B", vma: "heap", content: { from: 1 } },
      { op: "write", proc: "C", vma: "heap", content: { from: 1 } },
      { op: "madvise", proc: "A", vma: "heap", advice: "mergeable" },
      { op: "madvise", proc: "B", vma: "heap", advice: "mergeable" },
      { op: "scan", full_scans: 2 },
      { op: "snapshot", label: "merged" },
    ],
  });

describe("vmaNodes", () => {
  it("takes each VMA's node from its last mmap, follows forks and leaves unbound VMAs out", () => {
    const s = scenario({
      version: 1,
      name: "nodes",
      topology: { nodes: 2 },
      steps: [
        { op: "spawn", proc: "P" },
        { op: "mmap", proc: "P", vma: "a", pages: 1, node: 0 },
        { op: "mmap", proc: "P", vma: "b", pages: 1 },
        { op: "munmap", proc: "P", vma: "a" },
        { op: "mmap", proc: "P", vma: "a", pages: 1, node: 1 },
        { op: "fork", proc: "P", child: "K" },
      ],
    });
    expect([...vmaNodes(s)].sort()).toEqual([
      ["K/a", 1],
      ["P/a", 1],
    ]);
  });
});

describe("placementAccesses", () => {
  it("counts a node-1 VMA mapping node-0 KSM pages as remote with merge_across_nodes=1", () => {
    const s = twoNodes(1);
    const entry = runScenario(s).placement!.find((p) => p.label === "merged")!;
    const m = placementAccesses(s, entry, 2);
    expect(m[0]![0]! + m[0]![1]!).toBe(8); // A's pages
    expect(m[1]![0]! + m[1]![1]!).toBe(8); // B's pages; C (unbound) is left out
    expect(m[0]![1]! + m[1]![0]!).toBe(8); // one KSM page per content, on A's node or B's: 8 remote mappings
  });

  it("finds every mapping local with merge_across_nodes=0", () => {
    const s = twoNodes(0);
    const entry = runScenario(s).placement!.find((p) => p.label === "merged")!;
    expect(placementAccesses(s, entry, 2)).toEqual([
      [8, 0],
      [0, 8],
    ]);
  });

  it("refuses a node count that does not cover the bindings", () => {
    const s = twoNodes(1);
    const entry = runScenario(s).placement![0]!;
    expect(() => placementAccesses(s, entry, 1)).toThrow("B/heap: bound to node 1, but nodes is 1");
    expect(() => placementAccesses(s, entry, 0)).toThrow("nodes: must be a positive integer, got 0");
  });
});
