import { checkInvariants, createMachine, type Machine, type Mm, pteAt, ptePayload, type Vma } from "@ksm-sim/mm";
import { SEQNR_MASK, STABLE_FLAG, UNSTABLE_FLAG } from "@ksm-sim/rmap";
import { describe, expect, it } from "vitest";
import { checkKsm, createKsm, type Ksm, StableNode } from "../src/index.js";
import { removeRmapItemFromTree } from "../src/remove.js";

function setup(nodes = 1) {
  const m = createMachine({ topology: { nodes, pagesPerNode: 1 << 16 } });
  const k = createKsm(m);
  return { m, k };
}

function clean(m: Machine, k: Ksm) {
  expect(checkKsm(k)).toEqual([]);
  expect(checkInvariants(m)).toEqual([]);
}

/** One process, `n` pages with tokens `tokenOf(i)`, mergeable, two full scans (so merged). */
function merged(n: number, tokenOf: (i: number) => number, opts: { mps?: number; zero?: boolean } = {}) {
  const { m, k } = setup();
  if (opts.mps !== undefined) expect(k.sysfsWrite("max_page_sharing", String(opts.mps))).toBe("ok");
  if (opts.zero) expect(k.sysfsWrite("use_zero_pages", "1")).toBe("ok");
  const p = m.spawn("P");
  const h = m.mmap(p, "h", n);
  for (let i = 0; i < n; i++) m.write(p, h, i, tokenOf(i));
  expect(m.madviseMergeable(p, h)).toBe("ok");
  clean(m, k);
  k.runFullScans(1);
  clean(m, k);
  k.runFullScans(1);
  clean(m, k);
  return { m, k, p, h };
}

/** Regular nodes of root_stable_tree[0], in order. */
function treeNodes(k: Ksm): StableNode[] {
  return [...k.stableRoots[0]!.nodes()].map((tn) => tn.value);
}

function pfnAt(vma: Vma, page: number): number {
  return ptePayload(pteAt(vma, page));
}

function expectReported(k: Ksm, pattern: RegExp) {
  const msgs = checkKsm(k);
  expect(msgs.length).toBeGreaterThan(0);
  expect(
    msgs.some((s) => pattern.test(s)),
    msgs.join("\n"),
  ).toBe(true);
}

describe("checkKsm on real states", () => {
  it("is clean before anything and after merges, writes, scans and exit", () => {
    const { m, k, p, h } = merged(60, (i) => 1 + (i % 6));
    expect(k.counters()).toMatchObject({ pages_shared: 6, pages_sharing: 54 });
    for (let i = 0; i < 10; i++) m.write(p, h, i, 100 + i); // COW the KSM pages
    clean(m, k);
    k.runFullScans(2);
    clean(m, k);
    m.exit(p);
    clean(m, k);
    k.runFullScans(1);
    clean(m, k);
    expect(k.counters()).toMatchObject({ pages_shared: 0, pages_sharing: 0, pages_unshared: 0 });
  });

  it("is clean with chains and dups, fork, and run=2", () => {
    const { m, k, p, h } = merged(40, () => 7, { mps: 4 });
    expect(k.counters().stable_node_chains).toBe(1);
    expect(k.counters().stable_node_dups).toBe(10);
    const c = m.fork(p, "C");
    clean(m, k);
    k.runFullScans(1);
    clean(m, k);
    for (let i = 0; i < 40; i += 3) m.write(c, c.vmaNamed("h")!, i, 7);
    m.madviseDontneed(p, h, 0, 5);
    clean(m, k);
    k.runFullScans(3);
    clean(m, k);
    expect(k.sysfsWrite("run", "2")).toBe("ok");
    clean(m, k);
    expect(k.counters()).toMatchObject({ pages_shared: 0, stable_node_chains: 0, stable_node_dups: 0 });
  });

  it("is clean with KSM zero pages, and counts them per mm", () => {
    const { m, k, p, h } = merged(20, (i) => (i < 12 ? 0 : i), { zero: true });
    expect(k.counters().ksm_zero_pages).toBe(12);
    const c = m.fork(p, "C");
    clean(m, k);
    expect(k.counters().ksm_zero_pages).toBe(24);
    m.write(c, c.vmaNamed("h")!, 0, 5);
    m.madviseDontneed(p, h, 0, 3);
    clean(m, k);
    m.exit(c);
    clean(m, k);
    expect(k.counters().ksm_zero_pages).toBe(9);
  });

  it("does not flag stale nodes, nor a chain emptied by stale removal", () => {
    const { m, k, p, h } = merged(4, () => 9, { mps: 2 });
    expect(k.counters()).toMatchObject({ stable_node_chains: 1, stable_node_dups: 2, pages_shared: 2 });
    for (let i = 0; i < 4; i++) m.write(p, h, i, 9); // every KSM page loses its last mapping
    m.drainDeferred();
    clean(m, k); // two stale dups, still counted
    expect(k.counters().pages_shared).toBe(2);
    const slot = k.list.slotOf(p.id)!;
    for (let id = slot.rmapList; id !== 0; id = k.items.rmapNext[id]!) removeRmapItemFromTree(k, id);
    clean(m, k); // the stale dups went with their items; the chain stays, empty, until a walk frees it
    expect(k.counters()).toMatchObject({ stable_node_chains: 1, stable_node_dups: 0, pages_shared: 0 });
    expect(treeNodes(k)[0]!.dups).toHaveLength(0);
    k.runFullScans(2);
    clean(m, k);
  });

  it("does not flag a stale node whose frame now backs another node's KSM page", () => {
    const { m, k, p, h } = merged(4, (i) => 1 + (i % 2));
    const [a, b] = treeNodes(k) as [StableNode, StableNode];
    expect(m.pin(p, h, 0, 1, "x")).toBe(1); // a's page, so that it outlives its mappings
    m.write(p, h, 0, 5);
    m.write(p, h, 2, 6);
    k.runFullScans(1); // both items leave a, which stays (live, no items)
    clean(m, k);
    expect(a.rmapHlistLen).toBe(0);
    m.unpin("x"); // a's page is freed: a is stale, in the tree until a walk touches it
    m.drainDeferred();
    clean(m, k);
    // ...and its frame is reused for another KSM page (planted: b's page): still only stale
    a.kpfn = b.kpfn;
    clean(m, k);
  });
});

describe("checkKsm reports planted corruption", () => {
  it("stable tree out of content order", () => {
    const { m, k } = merged(4, (i) => 1 + (i % 2));
    const [a, b] = treeNodes(k) as [StableNode, StableNode];
    const f = m.frames;
    [a.kpfn, b.kpfn] = [b.kpfn, a.kpfn];
    f.mapping[a.kpfn] = a.id;
    f.mapping[b.kpfn] = b.id;
    expectReported(k, /is not below the next entry/);
  });

  it("a tree node with the wrong place, nid or root", () => {
    {
      const { k } = merged(2, () => 1);
      treeNodes(k)[0]!.place = "dup";
      expectReported(k, /place "dup"/);
    }
    {
      const { k } = merged(2, () => 1);
      treeNodes(k)[0]!.nid = 1;
      expectReported(k, /in root_stable_tree\[0\]: nid 1/);
    }
    {
      const { k } = merged(2, () => 1);
      treeNodes(k)[0]!.root = null;
      expectReported(k, /root field/);
    }
  });

  it("a dup whose chain pointer or place is wrong", () => {
    {
      const { k } = merged(4, () => 3, { mps: 2 });
      treeNodes(k)[0]!.dups[0]!.chain = null;
      expectReported(k, /chain pointer null/);
    }
    {
      const { k } = merged(4, () => 3, { mps: 2 });
      treeNodes(k)[0]!.dups[1]!.place = "tree";
      expectReported(k, /of chain \d+: place "tree"/);
    }
  });

  it("dups of one chain with different contents", () => {
    const { m, k } = merged(8, (i) => (i < 4 ? 3 : 4), { mps: 2 });
    const [c3, c4] = treeNodes(k) as [StableNode, StableNode];
    const d = c3.dups[0]!;
    const e = c4.dups[0]!;
    [d.kpfn, e.kpfn] = [e.kpfn, d.kpfn];
    m.frames.mapping[d.kpfn] = d.id;
    m.frames.mapping[e.kpfn] = e.id;
    expectReported(k, /differ in contents/);
  });

  it("leaked stable nodes", () => {
    {
      const { k } = merged(2, () => 1);
      k.stableNodes.set(999, new StableNode(999));
      expectReported(k, /stable node 999 .*leaked/);
    }
    {
      const { k } = merged(4, (i) => 1 + (i % 2));
      const a = treeNodes(k)[0]!;
      k.stableRoots[0]!.erase(a.treeNode!);
      expectReported(k, new RegExp(`stable node ${a.id} .*leaked`));
    }
    {
      const { k } = merged(2, () => 1);
      const a = treeNodes(k)[0]!;
      k.stableNodes.delete(a.id);
      expectReported(k, /not in the table of live stable nodes/);
    }
  });

  it("rmap_hlist_len that disagrees with the list", () => {
    const { k } = merged(3, () => 1);
    treeNodes(k)[0]!.rmapHlistLen++;
    expectReported(k, /rmap_hlist_len 4, 3 items listed/);
  });

  it("an item on a node's list without STABLE_FLAG, or with another head", () => {
    {
      const { k } = merged(3, () => 1);
      const id = treeNodes(k)[0]!.hlistFirst;
      k.items.flags[id]! &= ~STABLE_FLAG;
      expectReported(k, /lacks STABLE_FLAG/);
    }
    {
      const { k } = merged(4, (i) => 1 + (i % 2));
      const [a, b] = treeNodes(k) as [StableNode, StableNode];
      k.items.setHead(a.hlistFirst, b.id);
      expectReported(k, new RegExp(`rmap_item ${a.hlistFirst} on its list has head ${b.id}`));
    }
  });

  it("a stable item on no node's list", () => {
    const { k } = merged(3, () => 1);
    const node = treeNodes(k)[0]!;
    const id = node.hlistFirst;
    node.hlistFirst = k.items.hlistNextOf(id);
    k.items.setHlistPrev(node.hlistFirst, 0);
    node.rmapHlistLen--;
    expectReported(k, new RegExp(`rmap_item ${id} .*on no stable node's list`));
  });

  it("two owners for one page: a frame keyed to a freed node, or to a node whose kpfn is elsewhere", () => {
    {
      const { m, k } = merged(2, () => 1);
      m.frames.mapping[treeNodes(k)[0]!.kpfn] = 4242;
      expectReported(k, /keyed to stable node 4242, which is freed/);
    }
    {
      const { m, k } = merged(4, (i) => 1 + (i % 2));
      const [a, b] = treeNodes(k) as [StableNode, StableNode];
      m.frames.mapping[a.kpfn] = b.id;
      expectReported(k, new RegExp(`keyed to stable node ${b.id}, whose kpfn is ${b.kpfn}`));
    }
  });

  it("unstable items: of this scan but not in the tree, of a bad age, or with both flags", () => {
    const setupVolatile = () => {
      const { m, k } = setup();
      const p = m.spawn("P");
      const h = m.mmap(p, "h", 3);
      for (let i = 0; i < 3; i++) m.write(p, h, i, 10 + i);
      m.madviseMergeable(p, h);
      k.runFullScans(1);
      clean(m, k);
      return { k, id: k.list.slotOf(p.id)!.rmapList };
    };
    {
      const { k, id } = setupVolatile();
      k.items.flags[id] = UNSTABLE_FLAG | (k.list.scan.seqnr & SEQNR_MASK);
      k.pagesUnshared++;
      expectReported(k, /unstable of this scan but not in root_unstable_tree\[0\]/);
    }
    {
      const { k, id } = setupVolatile();
      k.items.flags[id] = UNSTABLE_FLAG | ((k.list.scan.seqnr - 2) & SEQNR_MASK);
      k.pagesUnshared++;
      expectReported(k, /seqnr age 2/);
    }
    {
      const { k, id } = setupVolatile();
      k.items.flags[id] = UNSTABLE_FLAG | STABLE_FLAG;
      expectReported(k, /both STABLE and UNSTABLE/);
    }
  });

  it("every counter that disagrees with a recount", () => {
    const cases: [string, (k: Ksm, p: Mm) => void, RegExp][] = [
      ["shared", (k) => k.pagesShared++, /^pages_shared 3, recount 2/],
      ["sharing", (k) => k.pagesSharing--, /^pages_sharing 5, recount 6/],
      ["unshared", (k) => k.pagesUnshared++, /^pages_unshared 1, recount 0/],
      ["chains", (k) => k.stableNodeChains++, /^stable_node_chains 1, recount 0/],
      ["dups", (k) => k.stableNodeDups++, /^stable_node_dups 1, recount 0/],
      ["zero", (k) => k.ksmZeroPages++, /^ksm_zero_pages 1, recount 0/],
      ["mm zero", (_k, p) => p.ksmZeroPages++, /ksm_zero_pages 1, recount 0/],
      ["mm merging", (_k, p) => p.ksmMergingPages++, /ksm_merging_pages 9, recount 8/],
    ];
    for (const [what, corrupt, pattern] of cases) {
      const { k, p } = merged(8, (i) => 1 + (i % 2));
      corrupt(k, p);
      const msgs = checkKsm(k);
      expect(
        msgs.some((s) => pattern.test(s)),
        `${what}: ${msgs.join("\n")}`,
      ).toBe(true);
    }
  });

  it("rmap list corruption (checkRmap)", () => {
    const { k, p } = merged(3, (i) => 1 + i);
    const slot = k.list.slotOf(p.id)!;
    const second = k.items.rmapNext[slot.rmapList]!;
    k.items.setAddress(second, 0); // no longer sorted
    expectReported(k, /^rmap: .*does not follow/);
  });

  it("registration: a registered mm without its flag", () => {
    const { k, p } = merged(2, () => 1);
    p.flags = 0;
    expectReported(k, /on the mm list without MMF_VM_MERGEABLE/);
  });
});

describe("pfnAt helper", () => {
  it("reads a mapped pfn", () => {
    const { k, h } = merged(2, () => 1);
    expect(pfnAt(h, 0)).toBe(treeNodes(k)[0]!.kpfn);
  });
});
