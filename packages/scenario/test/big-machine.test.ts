/**
 * Real-size machines: topology.pages_per_node (equal and unequal nodes, frames
 * in their node's pfn range, ENOMEM when a node is full), VMAs of more than
 * 2^20 pages and the default address rule that places them, and a 64 GiB
 * two-node machine in its cheapest form (so the sizes cannot regress).
 */
import { readFileSync } from "node:fs";
import { type Machine, nextMappedPte, pteAt, ptePfn } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import {
  MAX_MACHINE_PAGES,
  MAX_PAGES_PER_NODE,
  MAX_VMA_PAGES,
  mmapSlots,
  pagesPerNode,
  runScenario,
  type Scenario,
  slotAddress,
  validateScenario,
} from "../src/index.js";

function valid(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join("\n"));
  return v.scenario;
}

/** Runs `s`, returning its result and the start address of every VMA of every process after each step. */
function runWithAddresses(s: Scenario) {
  const addresses: Record<string, Record<string, number>>[] = [];
  const doc = runScenario(s, {
    afterStep: (m: Machine) => {
      const now: Record<string, Record<string, number>> = {};
      for (const mm of m.mms.values()) now[mm.name] = Object.fromEntries(mm.vmas.map((v) => [v.name, v.address]));
      addresses.push(now);
    },
  });
  return { doc, addresses };
}

describe("the limits", () => {
  it("are 2^28 pages per VMA and per node, and the PTE's frames in all", () => {
    expect(MAX_VMA_PAGES).toBe(2 ** 28);
    expect(MAX_PAGES_PER_NODE).toBe(2 ** 28);
    expect(MAX_MACHINE_PAGES).toBeGreaterThanOrEqual(2 ** 26);
    expect(Math.log2(MAX_MACHINE_PAGES) % 1).toBe(0);
  });

  it("pagesPerNode fills in the default of 2^20 per node", () => {
    expect(pagesPerNode(undefined)).toEqual([2 ** 20]);
    expect(pagesPerNode({ nodes: 3 })).toEqual([2 ** 20, 2 ** 20, 2 ** 20]);
    expect(pagesPerNode({ nodes: 2, pages_per_node: 7 })).toEqual([7, 7]);
    expect(pagesPerNode({ nodes: 2, pages_per_node: [7, 9] })).toEqual([7, 9]);
  });
});

describe("the default address rule", () => {
  it("keeps every existing address: the k-th mmap of VMAs of at most 2^20 pages at 2^40 + k * 2^32, a child going on from its parent", () => {
    expect([1, 2 ** 20, 2 ** 20 + 1, 2 ** 21, 2 ** 28].map(mmapSlots)).toEqual([1, 1, 2, 2, 256]);
    const { addresses } = runWithAddresses(
      valid({
        version: 1,
        name: "addresses",
        steps: [
          { op: "spawn", proc: "A" },
          { op: "mmap", proc: "A", vma: "a", pages: 2 ** 20 },
          { op: "mmap", proc: "A", vma: "b", pages: 1, address: 2 ** 41 },
          { op: "mmap", proc: "A", vma: "c", pages: 100 },
          { op: "fork", proc: "A", child: "B" },
          { op: "mmap", proc: "B", vma: "d", pages: 5 },
          { op: "munmap", proc: "A", vma: "a" },
          { op: "mmap", proc: "A", vma: "a", pages: 5 },
        ],
      }),
    );
    const last = addresses.at(-1)!;
    expect(last.A).toEqual({ c: 2 ** 40 + 2 * 2 ** 32, a: 2 ** 40 + 3 * 2 ** 32, b: 2 ** 41 });
    expect(last.B).toEqual({ a: 2 ** 40, c: 2 ** 40 + 2 * 2 ** 32, d: 2 ** 40 + 3 * 2 ** 32, b: 2 ** 41 });
  });

  it("puts a small VMA after a 2^21-page one (two slots), in a child too", () => {
    const s = valid({
      version: 1,
      name: "big-then-small",
      steps: [
        { op: "spawn", proc: "A" },
        { op: "mmap", proc: "A", vma: "big", pages: 2 ** 21 },
        { op: "mmap", proc: "A", vma: "small", pages: 1 },
        { op: "write", proc: "A", vma: "big", start: 2 ** 21 - 1, content: 7 },
        { op: "write", proc: "A", vma: "small", content: 7 },
        { op: "fork", proc: "A", child: "B" },
        { op: "mmap", proc: "B", vma: "huge", pages: 2 ** 20 + 1 },
        { op: "mmap", proc: "B", vma: "after", pages: 1 },
        { op: "madvise", proc: "A", vma: "big", advice: "mergeable" },
        { op: "madvise", proc: "A", vma: "small", advice: "mergeable" },
        { op: "scan", full_scans: 2 },
        { op: "snapshot" },
      ],
    });
    const { doc, addresses } = runWithAddresses(s);
    const last = addresses.at(-1)!;
    expect(last.A).toEqual({ big: 2 ** 40, small: slotAddress(2) });
    expect(last.B).toMatchObject({ huge: slotAddress(3), after: slotAddress(5) });
    expect(doc.steps.every((r) => r.result === "ok")).toBe(true);
    // the last page of the big VMA and the small one hold the same content: one KSM page
    expect(doc.snapshots[0]!.ksm).toMatchObject({ pages_shared: 1, pages_sharing: 1 });
  });
});

describe("topology.pages_per_node", () => {
  it("sizes each node; a node's frames lie in its pfn range, and mmap with node binds there", () => {
    let seen: { node: number; pfn: number; start: number; end: number }[] = [];
    const s = valid({
      version: 1,
      name: "unequal-nodes",
      topology: { nodes: 3, pages_per_node: [64, 2 ** 21, 32] },
      steps: [
        { op: "spawn", proc: "A" },
        { op: "mmap", proc: "A", vma: "n1", pages: 2 ** 21, node: 1 },
        { op: "mmap", proc: "A", vma: "n2", pages: 8, node: 2 },
        { op: "write", proc: "A", vma: "n1", start: 2 ** 21 - 4, content: { from: 1 } },
        { op: "write", proc: "A", vma: "n2", content: { from: 10 } },
        { op: "snapshot", label: "placed" },
      ],
    });
    const doc = runScenario(s, {
      afterStep: (m, _k, step) => {
        if (step.op !== "snapshot") return;
        const t = m.topology;
        expect([0, 1, 2].map((n) => t.pagesOnNode(n))).toEqual([64, 2 ** 21, 32]);
        seen = [];
        for (const mm of m.mms.values()) {
          for (const vma of mm.vmas) {
            const node = vma.name === "n1" ? 1 : 2;
            for (let i = nextMappedPte(vma, 0); i >= 0; i = nextMappedPte(vma, i + 1)) {
              const pfn = ptePfn(pteAt(vma, i));
              if (pfn >= 0) seen.push({ node, pfn, ...t.pfnRange(node) });
            }
          }
        }
      },
    });
    expect(seen).toHaveLength(12);
    for (const x of seen) {
      expect(x.pfn).toBeGreaterThanOrEqual(x.start);
      expect(x.pfn).toBeLessThan(x.end);
    }
    expect(doc.placement![0]!.procs.A).toEqual({
      n1: { node0: 0, node1: 4, node2: 0, other: 2 ** 21 - 4 },
      n2: { node0: 0, node1: 0, node2: 8, other: 0 },
    });
  });

  it("a write that needs more frames than its node has gets ENOMEM, with the pages before it written", () => {
    const doc = runScenario(
      valid({
        version: 1,
        name: "full-node",
        topology: { nodes: 2, pages_per_node: [16, 2 ** 20] },
        steps: [
          { op: "spawn", proc: "A" },
          { op: "mmap", proc: "A", vma: "h", pages: 2 ** 22, node: 0 },
          { op: "write", proc: "A", vma: "h", count: 20, content: { from: 1 } },
          { op: "write", proc: "A", vma: "h", start: 2 ** 22 - 1, content: 5 },
          { op: "snapshot" },
        ],
      }),
    );
    expect(doc.steps.map((r) => r.result)).toEqual(["ok", "ok", "ENOMEM", "ENOMEM", "ok"]);
    expect(doc.placement![0]!.procs.A!.h).toMatchObject({ node0: 16, node1: 0 });
  });
});

describe("a 64 GiB two-node machine, in its cheapest form", () => {
  const N = 2 ** 23;
  const s = valid({
    version: 1,
    name: "64-gib-two-nodes",
    topology: { nodes: 2, pages_per_node: N },
    steps: [
      { op: "spawn", proc: "A" },
      { op: "spawn", proc: "B" },
      { op: "mmap", proc: "A", vma: "guest", pages: N, node: 0 },
      { op: "mmap", proc: "B", vma: "guest", pages: N, node: 1 },
      // A: 16 contents, four copies each; B: the same 16 once, and 48 of its own at the far end of its VMA
      { op: "write", proc: "A", vma: "guest", count: 64, content: { from: 1, period: 16 } },
      { op: "write", proc: "B", vma: "guest", count: 16, content: { from: 1 } },
      { op: "write", proc: "B", vma: "guest", start: N - 48, content: { from: 1000 } },
      { op: "madvise", proc: "A", vma: "guest", advice: "mergeable" },
      { op: "madvise", proc: "B", vma: "guest", advice: "mergeable" },
      { op: "scan", full_scans: 2 },
      { op: "snapshot", label: "merged" },
    ],
  });

  it("merges what it should and places each process on its node", () => {
    const doc = runScenario(s);
    expect(doc.steps.every((r) => r.result === "ok")).toBe(true);
    const snap = doc.snapshots[0]!;
    expect(snap.ksm).toMatchObject({
      pages_shared: 16,
      pages_sharing: 64,
      pages_unshared: 48,
      pages_volatile: 0,
      pages_scanned: 2 * (64 + 16 + 48),
      full_scans: 2,
      stable_node_chains: 0,
      stable_node_dups: 0,
      ksm_zero_pages: 0,
    });
    expect(snap.procs.A).toMatchObject({ ksm_rmap_items: 64, ksm_merging_pages: 64 });
    expect(snap.procs.B).toMatchObject({ ksm_rmap_items: 64, ksm_merging_pages: 16 });
    const placed = doc.placement![0]!.procs;
    // A's pages all map frames of node 0 (the KSM pages were A's, scanned first); B's own stay on node 1
    expect(placed.A!.guest).toEqual({ node0: 64, node1: 0, other: N - 64 });
    expect(placed.B!.guest).toEqual({ node0: 16, node1: 48, other: N - 64 });
  });
});

describe("examples/big-host-256g.json", () => {
  const file = new URL("../../../examples/big-host-256g.json", import.meta.url);
  const doc = JSON.parse(readFileSync(file, "utf8")) as {
    topology: { nodes: number; pages_per_node: number };
    steps: Record<string, unknown>[];
  };

  it("is a valid scenario of a 256 GiB two-node host", () => {
    const s = valid(doc);
    expect(pagesPerNode(s.topology)).toEqual([2 ** 25, 2 ** 25]);
  });

  it("gives, shrunk 1024 times, the counters assert_ksm_pages_count() predicts", () => {
    // every size / 1024: twelve guests of 4096 pages: 1024 alike in all guests, 1024 zeroed, 2048 their own
    const shrink = (n: number) => n / 1024;
    const small = structuredClone(doc);
    small.topology.pages_per_node = shrink(small.topology.pages_per_node);
    for (const st of small.steps) {
      if (st.op === "mmap") st.pages = shrink(st.pages as number);
      if (st.op === "write") {
        st.start = shrink(st.start as number);
        st.count = shrink(st.count as number);
      }
    }
    const result = runScenario(valid(small));
    expect(result.steps.every((st) => st.result === "ok")).toBe(true);
    const guests = 12;
    const zeroCopies = guests * 1024; // one content, max_page_sharing 256: 48 full KSM pages of one chain
    const ksm = result.snapshots.at(-1)!.ksm;
    expect({
      pages_shared: ksm.pages_shared,
      pages_sharing: ksm.pages_sharing,
      pages_unshared: ksm.pages_unshared,
      stable_node_chains: ksm.stable_node_chains,
      stable_node_dups: ksm.stable_node_dups,
    }).toEqual({
      pages_shared: 1024 + zeroCopies / 256,
      pages_sharing: 1024 * (guests - 1) + (zeroCopies / 256) * 255,
      pages_unshared: guests * 2048,
      stable_node_chains: 1,
      stable_node_dups: zeroCopies / 256,
    });
  });
});
