/**
 * The accessors KSM reads mm's encodings through, instead of decoding them
 * itself: ptePfn for a PTE, setKsm(m, pfn, 0) for set_page_stable_node(page,
 * NULL), and PageContents.orderHint for the token keys.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ContentMode,
  createMachine,
  dumpMachine,
  followPage,
  getRef,
  isKsmPage,
  ksmStableNodeOf,
  mkPagePte,
  mkSwapPte,
  PTE_DIRTY,
  PTE_KSM_ZERO,
  PTE_MAX_PAYLOAD,
  PTE_WRITE,
  PTE_ZERO_PAGE,
  pteAt,
  pteKind,
  ptePfn,
  putRef,
  replacePage,
  setKsm,
  type TokenContents,
  tokenOrderKey,
  trylockPage,
  unlockPage,
  writeProtectPage,
  ZERO_PFN,
} from "../src/index.js";
import { machine, ok } from "./helpers.js";

/** The layout of pte.ts read by hand, independently of it: a PAGE PTE has bit 0 set and its pfn from bit 3. */
const decoded = (pte: number) => (pte % 2 === 1 ? Math.floor(pte / 8) : -1);

/** Makes the frame behind page `page` a KSM page with stable node `node`, as KSM does. */
function makeKsm(m: ReturnType<typeof machine>, vma: Parameters<typeof followPage>[0], page: number, node: number) {
  const p = followPage(vma, page);
  getRef(m, p);
  expect(trylockPage(m, p)).toBe(true);
  expect(writeProtectPage(m, vma, page, p)).not.toBe(-1);
  setKsm(m, p, node);
  unlockPage(m, p);
  putRef(m, p);
  return p;
}

describe("ptePfn", () => {
  it("gives the pfn of a PAGE PTE whatever its flags, and -1 for none, zero pages and swap entries", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PTE_MAX_PAYLOAD }), fc.boolean(), fc.boolean(), (pfn, w, d) => {
        const pte = mkPagePte(pfn, (w ? PTE_WRITE : 0) | (d ? PTE_DIRTY : 0));
        expect(ptePfn(pte)).toBe(pfn);
        expect(ptePfn(mkSwapPte(pfn, w))).toBe(-1);
      }),
    );
    expect(ptePfn(0)).toBe(-1);
    expect(ptePfn(PTE_ZERO_PAGE)).toBe(-1);
    expect(ptePfn(PTE_KSM_ZERO)).toBe(-1);
  });

  it("agrees with followPage and with the decoding it replaces on every page of a machine", () => {
    const m = machine({ topology: { nodes: 1, pagesPerNode: 64 } });
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 8);
    m.writeRange(a, heap, 0, 6, { from: 1, period: 2 }); // 7: never touched
    m.drainDeferred();
    const b = m.fork(a, "B"); // pages 0..5 shared read-only
    m.write(b, b.vmaNamed("heap")!, 1, 9);
    const merge = (page: number, kpfn: number) => {
      const p = followPage(heap, page);
      getRef(m, p);
      expect(replacePage(m, heap, page, kpfn, writeProtectPage(m, heap, page, p))).toBe(true);
      putRef(m, p);
    };
    merge(2, makeKsm(m, heap, 0, 3)); // pages 0 and 2 map a KSM page
    merge(4, ZERO_PFN); // KSM's zero page
    m.swapout(a, heap, 5, 1);
    m.pin(a, heap, 6, 2, "p"); // pages 6 and 7: the ordinary zero page; B's stay none
    const kinds = new Set<number>();
    for (const vma of [heap, b.vmaNamed("heap")!]) {
      for (let page = 0; page < vma.pages; page++) {
        const pte = pteAt(vma, page);
        kinds.add(pte === PTE_KSM_ZERO ? -2 : pteKind(pte));
        expect(ptePfn(pte), `${vma.describe()} page ${page}`).toBe(followPage(vma, page));
        expect(ptePfn(pte), `${vma.describe()} page ${page}`).toBe(decoded(pte));
      }
    }
    expect([...kinds].sort()).toEqual([-2, 0, 1, 2, 3]); // none, page, zero, swap and KSM's zero page were all met
    m.unpin("p");
    ok(m);
  });
});

describe("setKsm(m, pfn, 0): set_page_stable_node(page, NULL)", () => {
  it("leaves a KSM page without a stable node, exactly as writing its mapping did, and moves seq", () => {
    const build = () => {
      const m = machine();
      const a = m.spawn("A");
      const heap = m.mmap(a, "heap", 4);
      m.writeRange(a, heap, 0, 2, 7);
      m.drainDeferred();
      const p = makeKsm(m, heap, 0, 42);
      expect(ksmStableNodeOf(m, p)).toBe(42);
      return { m, p };
    };
    const ours = build();
    const theirs = build();
    const flags = ours.m.frames.flags[ours.p];
    const seq = ours.m.seq;
    setKsm(ours.m, ours.p, 0);
    theirs.m.frames.mapping[theirs.p] = 0; // what remove_stable_node and folio_migrate_ksm did in KSM
    expect(ours.m.seq).toBeGreaterThan(seq);
    expect(isKsmPage(ours.m, ours.p)).toBe(true);
    expect(ksmStableNodeOf(ours.m, ours.p)).toBe(0);
    expect(ours.m.frames.flags[ours.p]).toBe(flags);
    expect(dumpMachine(ours.m)).toEqual(dumpMachine(theirs.m));
    ok(ours.m);
  });
});

describe("PageContents.orderHint: the hint KSM keeps beside tree nodes", () => {
  it("is the token key's top 30 bits (keys[pfn] >>> 2) in both modes, a small integer", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { minLength: 1, maxLength: 16 }), (tokens) => {
        const hints = (["tokens", "bytes"] as ContentMode[]).map((contents) => {
          const m = createMachine({ topology: { nodes: 1, pagesPerNode: 64 }, contents });
          const a = m.spawn("A");
          const heap = m.mmap(a, "heap", tokens.length);
          for (const [page, t] of tokens.entries()) m.write(a, heap, page, t);
          return tokens.map((t, page) => {
            const pfn = followPage(heap, page);
            const h = m.contents.orderHint(pfn);
            expect(h).toBe(tokenOrderKey(t) >>> 2);
            expect(Number.isInteger(h) && h >= 0 && h < 2 ** 30).toBe(true);
            if (contents === "tokens") expect(h).toBe((m.contents as TokenContents).keys[pfn]! >>> 2);
            return h;
          });
        });
        expect(hints[1]).toEqual(hints[0]);
      }),
      { numRuns: 50 },
    );
  });
});
