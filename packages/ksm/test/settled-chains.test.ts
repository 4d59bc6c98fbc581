/**
 * Settled chains (StableNode.settledGen): a chain whose dups are all alive
 * and full is passed by its head dup alone, until anything that could make
 * a dup stale or a candidate moves the stable generation. Each case here
 * makes one dup stale or a candidate in one way and checks that the next
 * descent through the chain does what the kernel's walk does (the verified
 * engine, `trustedWalks: false`, is the oracle).
 */
import { createMachine, ksmStableNodeOf, type Mm, pteAt, ptePfn, type Vma } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import { checkKsm, createKsm, type Ksm } from "../src/index.js";

/** P maps 8 pages of token 1 (max_page_sharing 2: a chain of four full dups) and 24 unique pages after them. */
function settledMachine(trustedWalks: boolean) {
  const m = createMachine({ topology: { nodes: 1, pagesPerNode: 4096 } });
  const k = createKsm(m, { trustedWalks });
  expect(k.sysfsWrite("max_page_sharing", "2")).toBe("ok");
  const p = m.spawn("P");
  const h = m.mmap(p, "h", 32);
  for (let i = 0; i < 32; i++) m.write(p, h, i, i < 8 ? 1 : 1000 + i);
  m.madviseMergeable(p, h);
  k.runFullScans(3); // the chain forms, then a full scan of unique pages' searches settles it
  return { m, k, p, h };
}

/** The chain of token 1, the only stable-tree node. */
function chainOf(k: Ksm) {
  const chain = [...k.stableNodes.values()].find((n) => n.isChain);
  if (chain === undefined) throw new Error("no chain");
  return chain;
}

type Change = (m: ReturnType<typeof settledMachine>["m"], k: Ksm, p: Mm, h: Vma) => void;

/**
 * Both engines: settle, go into the next full scan (its start drains the
 * per-CPU batches and moves the generation, which would hide a missed
 * move), apply `change` mid-scan, then three batches of 20 pages each; what
 * each ends with.
 */
function afterChange(change: Change) {
  return [true, false].map((trusted) => {
    const { m, k, p, h } = settledMachine(trusted);
    k.doScan(9); // the chain's pages and one unique page: mid-scan
    const chain = chainOf(k);
    expect(chain.dups.length).toBe(4);
    if (trusted) expect(chain.settledGen).toBe(k.trust.stableGen);
    change(m, k, p, h);
    m.drainDeferred(); // frames whose last reference went are freed now, not at the next full scan
    const after: unknown[] = [];
    for (let b = 0; b < 3; b++) {
      k.doScan(20);
      expect(checkKsm(k)).toEqual([]);
      after.push({ counters: k.counters(), stat: k.ksmStat(p), dups: chainOf(k).dups.map((d) => d.rmapHlistLen) });
    }
    return after;
  });
}

/** The pages of P mapped by dup number `index` of the chain (head first). */
function pagesOfDup(k: Ksm, h: Vma, index: number): number[] {
  const dup = chainOf(k).dups[index]!;
  return Array.from({ length: 8 }, (_, i) => i).filter((i) => {
    const pfn = ptePfn(pteAt(h, i));
    return pfn >= 0 && ksmStableNodeOf(k.machine, pfn) === dup.id;
  });
}

describe("a settled chain", () => {
  it("is passed by its head dup alone while nothing changes", () => {
    const { k } = settledMachine(true);
    expect(chainOf(k).settledGen).toBe(k.trust.stableGen);
    k.runFullScans(1);
    expect(chainOf(k).settledGen).toBe(k.trust.stableGen);
    expect(checkKsm(k)).toEqual([]);
  });

  it("meets a dup made stale by a user's writes between batches as the kernel does", () => {
    const [fast, verified] = afterChange((m, k, p, h) => {
      const pages = pagesOfDup(k, h, 2);
      expect(pages.length).toBe(2);
      for (const page of pages) m.write(p, h, page, 5); // both mappings of dup 2 go: its KSM page is freed
    });
    expect(fast).toEqual(verified);
  });

  it("meets a dup that becomes a sharing candidate when ksmd drops a changed item, and merges into it as the kernel does", () => {
    const [fast, verified] = afterChange((m, k, p, h) => {
      m.write(p, h, pagesOfDup(k, h, 3)[0]!, 5); // dup 3 keeps one mapping; ksmd's next visit of that page drops its item
      m.write(p, h, 10, 1); // and a unique page becomes a copy of token 1, to merge into the candidate
      m.write(p, h, 11, 1);
    });
    expect(fast).toEqual(verified);
  });

  it("meets a dup freed by an exit of the processes mapping it", () => {
    const [fast, verified] = afterChange((m, k, p) => {
      const q = m.fork(p); // Q shares every page, KSM pages included
      const hq = q.vmas[0]!;
      m.write(q, hq, 0, 7); // Q's own copy: the rest stays shared
      m.exit(q);
      void k;
    });
    expect(fast).toEqual(verified);
  });
});
