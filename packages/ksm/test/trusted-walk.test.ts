/**
 * The trusted unstable-tree walk (src/trust.ts): from the trees' reset at a
 * full scan's start, while only ksmd runs, the walk steers by the nodes'
 * hints alone; anything else running between batches makes it verify every
 * node again until the next reset. KsmOptions.checkWalks (on for every test
 * through KSM_SIM_CHECK_WALKS=1) checks each trusted shortcut the verified way.
 */
import { createMachine, type Mm, type Vma } from "@ksm-sim/mm";
import type { TreeBackend } from "@ksm-sim/tree";
import { plainBackend } from "@ksm-sim/tree/testing";
import { avlBackend } from "@ksm-sim/tree-avl";
import { bintreesBackend } from "@ksm-sim/tree-bintrees";
import { functionalRedBlackTreeBackend } from "@ksm-sim/tree-functional-red-black-tree";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkKsm, createKsm } from "../src/index.js";

/**
 * The oracle: the same lib/rbtree.c shapes without TreeWalk or an indexed
 * tree, so the engine walks through `Tree.descend`, verified at every level
 * (another backend would not do: its shapes meet changed pages at other
 * levels, which legitimately changes results).
 */
const exactRbtree: TreeBackend = plainBackend(rbtreeBackend);

/** Every built-in backend, and those with the fast path (TreeWalk). */
const ALL: readonly TreeBackend[] = [rbtreeBackend, functionalRedBlackTreeBackend, bintreesBackend, avlBackend];
const WITH_WALK = ALL.filter((b) => b.flags.walk === true);

/** 100 distinct pages scanned once (checksums), then half of the second scan. */
function halfScanned(tree: TreeBackend) {
  const m = createMachine({ topology: { nodes: 1, pagesPerNode: 4096 } });
  const k = createKsm(m, { tree });
  const p = m.spawn("P");
  const h = m.mmap(p, "h", 100);
  for (let i = 0; i < 100; i++) m.write(p, h, i, 1000 + ((i * 37) % 100));
  m.madviseMergeable(p, h);
  k.runFullScans(1);
  k.doScan(50);
  return { m, k, p, h };
}

describe("the trusted unstable-tree walk", () => {
  it("is trusted through an uninterrupted scan and verified after a write between batches", () => {
    const { m, k, p, h } = halfScanned(rbtreeBackend);
    expect(k.trust.trusted).toBe(true);
    k.doScan(10);
    expect(k.trust.trusted).toBe(true);
    m.write(p, h, 3, 1042); // a page already in the unstable tree now holds another page's contents
    k.doScan(10);
    expect(k.trust.trusted).toBe(false);
    k.runFullScans(1); // finishes this scan (verified); the next one starts trusted
    k.doScan(5);
    expect(k.trust.trusted).toBe(true);
    expect(checkKsm(k)).toEqual([]);
  });

  it("gives what the kernel's walk on the same shapes gives when pages change mid-scan", () => {
    const runs = [rbtreeBackend, exactRbtree].map((tree) => {
      const { m, k, p, h } = halfScanned(tree);
      for (let i = 0; i < 50; i += 2) m.write(p, h, i, 1000 + ((i * 11) % 100)); // scanned pages: new contents, some now equal to unscanned ones
      k.doScan(50);
      k.runFullScans(2);
      expect(checkKsm(k)).toEqual([]);
      return { counters: k.counters(), reads: Array.from({ length: 100 }, (_, i) => m.read(p, h, i)) };
    });
    expect(runs[0]).toEqual(runs[1]);
  });

  it("refuses a trustedWalks option that is not a boolean, naming it", () => {
    const m = createMachine({ topology: { nodes: 1, pagesPerNode: 64 } });
    expect(() => createKsm(m, { trustedWalks: "no" as unknown as boolean })).toThrow(
      'trustedWalks: must be true or false, got "no"',
    );
    expect(createKsm(m, { trustedWalks: false }).trust.enabled).toBe(false);
    expect(() => createKsm(m, { checkWalks: 1 as unknown as boolean })).toThrow(
      "checkWalks: must be true or false, got 1",
    );
    expect(createKsm(m, { checkWalks: false }).trust.check).toBe(false);
    expect(createKsm(m).trust.check).toBe(true); // vitest.shared.ts sets KSM_SIM_CHECK_WALKS=1 for every test
  });

  it.each(ALL)("checkWalks catches a walk trusted when it must not be ($name)", (tree) => {
    const { m, k, p, h } = halfScanned(tree);
    for (let i = 0; i < 50; i++) m.write(p, h, i, 5000 + i); // every page in the tree changes
    // pretend nothing ran: the rule broken on purpose
    k.trust.trusted = true;
    k.trust.batchEnd(m);
    expect(() => k.doScan(1)).toThrow(/trusted unstable-tree walk passed rmap_item \d+/);
  });
});

/** One step of a random ksmd/user interleaving. */
type Step =
  | { op: "scan"; n: number }
  | { op: "write"; p: number; page: number; token: number }
  | { op: "fork"; p: number }
  | { op: "exit"; p: number }
  | { op: "dontneed"; p: number; page: number }
  | { op: "unmergeable"; p: number }
  | { op: "swapout"; p: number; page: number }
  | { op: "swapin"; p: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant("scan" as const), n: fc.integer({ min: 1, max: 40 }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant("write" as const),
      p: fc.nat(3),
      page: fc.nat(31),
      token: fc.integer({ min: 1, max: 140 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("fork" as const), p: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("exit" as const), p: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("dontneed" as const), p: fc.nat(3), page: fc.nat(31) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("unmergeable" as const), p: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("swapout" as const), p: fc.nat(3), page: fc.nat(31) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("swapin" as const), p: fc.nat(3) }) },
);

/** Run `steps` on `tree`: ksmd batches between user operations; what every process reads, and the counters. */
function interleave(
  tree: TreeBackend,
  steps: Step[],
  trustedWalks = true,
  maxPageSharing?: number,
  fewContents = false,
  pruneMs?: number,
) {
  const m = createMachine({ topology: { nodes: 1, pagesPerNode: 4096 } });
  const k = createKsm(m, { tree, trustedWalks });
  if (maxPageSharing !== undefined) expect(k.sysfsWrite("max_page_sharing", String(maxPageSharing))).toBe("ok");
  if (pruneMs !== undefined) expect(k.sysfsWrite("stable_node_chains_prune_millisecs", String(pruneMs))).toBe("ok");
  const procs: { mm: Mm; vma: Vma; alive: boolean }[] = [];
  const first = m.spawn("P0");
  const v0 = m.mmap(first, "h", 32);
  for (let i = 0; i < 32; i++)
    m.write(
      first,
      v0,
      i,
      fewContents ? (i % 2 === 0 ? 1 + ((i >> 1) % 2) : 100 + i) : i % 3 === 0 ? 1 + (i % 5) : 100 + i,
    ); // unique pages stay in the unstable tree
  m.madviseMergeable(first, v0);
  procs.push({ mm: first, vma: v0, alive: true });
  for (const s of steps) {
    const pr = s.op === "scan" ? undefined : procs[s.p % procs.length]!;
    if (pr !== undefined && !pr.alive) continue;
    switch (s.op) {
      case "scan":
        k.doScan(s.n);
        if (fewContents) expect(checkKsm(k)).toEqual([]); // settled chains are checked while their generation holds
        break;
      case "write":
        m.write(pr!.mm, pr!.vma, s.page, fewContents && s.token % 4 < 2 ? 1 + (s.token % 2) : s.token);
        break;
      case "fork":
        if (procs.length < 4) {
          const child = m.fork(pr!.mm);
          procs.push({ mm: child, vma: child.vmas.find((v) => v.start === pr!.vma.start)!, alive: true });
        }
        break;
      case "exit":
        if (procs.filter((q) => q.alive).length > 1) {
          m.exit(pr!.mm);
          pr!.alive = false;
        }
        break;
      case "dontneed":
        m.madviseDontneed(pr!.mm, pr!.vma, s.page, 1);
        break;
      case "unmergeable":
        m.madviseUnmergeable(pr!.mm, pr!.vma);
        break;
      case "swapout":
        m.swapout(pr!.mm, pr!.vma, s.page, 1);
        break;
      case "swapin":
        m.swapin(pr!.mm, pr!.vma);
        break;
    }
  }
  expect(checkKsm(k)).toEqual([]);
  const reads = procs.map((q) => (q.alive ? Array.from({ length: 32 }, (_, i) => m.read(q.mm, q.vma, i)) : null));
  return { counters: k.counters(), reads, stat: procs.map((q) => (q.alive ? k.ksmStat(q.mm) : null)) };
}

it.each(WITH_WALK)(
  "random ksmd batches between user operations on $name: the fast path gives what the same shapes give through descend",
  (tree) => {
    const plain = plainBackend(tree);
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        expect(interleave(tree, steps)).toEqual(interleave(plain, steps));
      }),
      { numRuns: 200 },
    );
  },
  120_000,
);

it.each([...ALL, ...WITH_WALK.map(plainBackend)])(
  "random ksmd batches between user operations on $name (walk: $flags.walk): trusted walks give what verified walks give",
  (tree) => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        expect(interleave(tree, steps)).toEqual(interleave(tree, steps, false));
      }),
      { numRuns: 150 },
    );
  },
  120_000,
);

/**
 * Chains of full dups (max_page_sharing 2, two contents of 8 copies each
 * beside unique pages) settle (StableNode.settledGen): descents pass them by
 * the head dup alone; with stable_node_chains_prune_millisecs 0 a prune is
 * always due, and stable_node_dup itself takes the settled shortcut.
 */
describe.each([2000, 0])(
  "random ksmd batches between user operations with settled chains (prune every %i ms)",
  (pruneMs) => {
    it.each(ALL)(
      "on $name: settled chains and trusted walks give what verified walks give",
      (tree) => {
        fc.assert(
          fc.property(fc.array(stepArb, { minLength: 1, maxLength: 80 }), (steps) => {
            expect(interleave(tree, steps, true, 2, true, pruneMs)).toEqual(
              interleave(tree, steps, false, 2, true, pruneMs),
            );
          }),
          { numRuns: 100 },
        );
      },
      120_000,
    );
  },
);
