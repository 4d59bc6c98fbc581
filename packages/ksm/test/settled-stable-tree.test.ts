/**
 * Settled stable trees (src/settled-stable-tree.ts): once every node of a
 * stable tree takes the hint shortcut in one stable generation, descents of
 * that generation chase by hints to the first node with the page's hint.
 * The oracle is the same engine with trusted walks off (every node visited
 * the kernel's way): the same counters, compares and KSM pages, whatever
 * the chains do; and with checkWalks a node that would not take the
 * shortcut, passed by a chase, throws.
 */
import { createMachine } from "@ksm-sim/mm";
import { avlBackend } from "@ksm-sim/tree-avl";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";
import { checkKsm, createKsm } from "../src/index.js";

/** `pages` pages: even ones from `repeated` contents, odd ones unique; `scans` full scans, then a few writes and more scans. */
function run(trustedWalks: boolean, maxPageSharing: number, tree = rbtreeBackend, smartScan = 1) {
  const pages = 3000;
  const m = createMachine({ topology: { nodes: 1, pagesPerNode: 2 * pages } });
  const k = createKsm(m, { tree, trustedWalks });
  expect(k.sysfsWrite("max_page_sharing", String(maxPageSharing))).toBe("ok");
  expect(k.sysfsWrite("smart_scan", String(smartScan))).toBe("ok");
  const p = m.spawn("P");
  const h = m.mmap(p, "h", pages);
  for (let i = 0; i < pages; i++) m.write(p, h, i, i % 2 === 0 ? 1 + ((i >> 1) % 40) : 100 + i);
  m.madviseMergeable(p, h);
  const seen: unknown[] = [];
  const note = () => {
    const c = k.counters();
    seen.push([
      c.pages_shared,
      c.pages_sharing,
      c.pages_unshared,
      c.stable_node_chains,
      c.stable_node_dups,
      k.nrCompares,
    ]);
    expect(checkKsm(k)).toEqual([]);
  };
  for (let s = 0; s < 3; s++) {
    k.runFullScans(1);
    note();
  }
  // KSM pages written (COW breaks, stale dups), then scans again
  for (let i = 0; i < pages; i += 14) m.write(p, h, i, 7);
  for (let s = 0; s < 3; s++) {
    k.runFullScans(1);
    note();
  }
  return { k, seen };
}

describe("settled stable trees", () => {
  for (const [mps, smart] of [
    [256, 1],
    [256, 0],
    [4, 1],
    [2, 0],
  ] as const) {
    for (const tree of [rbtreeBackend, avlBackend]) {
      it(`chase by hints and give what visiting every node gives (${tree.name}, max_page_sharing ${mps}, smart_scan ${smart})`, () => {
        const trusted = run(true, mps, tree, smart);
        const visited = run(false, mps, tree, smart);
        expect(trusted.seen).toEqual(visited.seen);
        expect(trusted.k.stableDescent!.settledDescents).toBeGreaterThan(1000);
        expect(visited.k.stableDescent!.settledDescents).toBe(0);
      });
    }
  }

  it("throws, with checkWalks, when a node passed by a settled chase would not take the shortcut", () => {
    const { k } = run(true, 256, rbtreeBackend, 0); // smart_scan off: every unique page searches the stable tree
    const tree = k.stableRoots[0]!;
    const w = tree.walk!;
    const before = k.stableDescent!.settledDescents;
    k.doScan(500); // the batch that ends the last full scan
    k.doScan(500); // a new full scan's generation, settled again within it
    expect(k.stableDescent!.settledDescents).toBeGreaterThan(before);
    // a hint that no longer describes the node's page, behind the generation's back
    const root = w.rootNode();
    w.setHint(root, w.hintAt(root) + 1);
    expect(() => k.doScan(500)).toThrow(/settled stable-tree walk passed stable node/);
  });
});
