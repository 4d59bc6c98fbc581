/**
 * The PTE encoding (pte.ts) across its whole range: 29-bit pfns and swap
 * slots in one uint32, every kind with every flag it has, and a machine of
 * 2^29 frames that allocates nothing per frame until frames are used.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createMachine,
  followPage,
  isKsmZeroPte,
  mkPagePte,
  mkSwapPte,
  nextPresentAnon,
  PTE_DIRTY,
  PTE_FLAG_MASK,
  PTE_KSM_ZERO,
  PTE_MAX_PAYLOAD,
  PTE_NONE,
  PTE_PAGE,
  PTE_SPECIAL,
  PTE_SWAP,
  PTE_SWP_EXCLUSIVE,
  PTE_WRITE,
  PTE_ZERO,
  PTE_ZERO_PAGE,
  pteAt,
  pteKind,
  pteKindName,
  ptePayload,
  ptePfn,
} from "../src/index.js";
import { PageTable } from "../src/space/page-table.js";
import { ok } from "./helpers.js";

const TOP = 2 ** 29 - 1;
const payloads = fc.oneof(fc.integer({ min: 0, max: TOP }), fc.constantFrom(0, 1, TOP - 1, TOP, 2 ** 28, 2 ** 26));

describe("PTE encoding", () => {
  it("holds 29-bit pfns and slots: PTE_MAX_PAYLOAD is 2^29 - 1", () => {
    expect(PTE_MAX_PAYLOAD).toBe(TOP);
  });

  it("a PAGE PTE keeps its pfn and WRITE/DIRTY, up to pfn 2^29 - 1", () => {
    for (const bits of [0, PTE_WRITE, PTE_DIRTY, PTE_WRITE | PTE_DIRTY]) {
      const pte = mkPagePte(TOP, bits);
      expect(pte).toBeGreaterThanOrEqual(0);
      expect(pte).toBeLessThan(2 ** 32);
      expect(pteKind(pte)).toBe(PTE_PAGE);
      expect(pteKindName(pte)).toBe("page");
      expect(ptePfn(pte)).toBe(TOP);
      expect(ptePayload(pte)).toBe(TOP);
      expect(pte & PTE_FLAG_MASK).toBe(bits);
      expect(isKsmZeroPte(pte)).toBe(false);
    }
    fc.assert(
      fc.property(payloads, fc.boolean(), fc.boolean(), (pfn, w, d) => {
        const bits = (w ? PTE_WRITE : 0) | (d ? PTE_DIRTY : 0);
        const pte = mkPagePte(pfn, bits);
        expect([pteKind(pte), ptePfn(pte), pte & PTE_FLAG_MASK]).toEqual([PTE_PAGE, pfn, bits]);
        // clearing a flag (fork's write-protect, write_protect_page) keeps the pfn
        expect(ptePfn((pte & ~PTE_WRITE) >>> 0)).toBe(pfn);
        expect(ptePfn((pte & ~(PTE_WRITE | PTE_DIRTY)) >>> 0)).toBe(pfn);
        expect(ptePfn((pte | PTE_WRITE | PTE_DIRTY) >>> 0)).toBe(pfn);
      }),
      { numRuns: 500 },
    );
  });

  it("mkPagePte ignores bits a PAGE PTE does not have (SPECIAL cannot reach the pfn)", () => {
    expect(mkPagePte(TOP, PTE_WRITE | PTE_SPECIAL)).toBe(mkPagePte(TOP, PTE_WRITE));
    expect(ptePfn(mkPagePte(5, 0xffffffff))).toBe(5);
  });

  it("a SWAP PTE keeps its slot and SWP_EXCLUSIVE, up to slot 2^29 - 1, and maps no frame", () => {
    fc.assert(
      fc.property(payloads, fc.boolean(), (slot, exclusive) => {
        const pte = mkSwapPte(slot, exclusive);
        expect(pte).toBeLessThan(2 ** 32);
        expect(pteKind(pte)).toBe(PTE_SWAP);
        expect(pteKindName(pte)).toBe("swap");
        expect(ptePayload(pte)).toBe(slot);
        expect((pte & PTE_SWP_EXCLUSIVE) !== 0).toBe(exclusive);
        expect(ptePfn(pte)).toBe(-1);
        expect(isKsmZeroPte(pte)).toBe(false);
        // fork clears the exclusive mark
        expect(ptePayload((pte & ~PTE_SWP_EXCLUSIVE) >>> 0)).toBe(slot);
        expect(pteKind((pte & ~PTE_SWP_EXCLUSIVE) >>> 0)).toBe(PTE_SWAP);
      }),
      { numRuns: 500 },
    );
    expect(ptePayload(mkSwapPte(TOP, true))).toBe(TOP);
  });

  it("zero-page PTEs: no payload, SPECIAL always, DIRTY only for KSM's", () => {
    for (const pte of [PTE_ZERO_PAGE, PTE_KSM_ZERO]) {
      expect(pteKind(pte)).toBe(PTE_ZERO);
      expect(pteKindName(pte)).toBe("zero");
      expect(ptePfn(pte)).toBe(-1);
      expect(ptePayload(pte)).toBe(0);
      expect(pte & PTE_SPECIAL).toBe(PTE_SPECIAL);
    }
    expect(PTE_KSM_ZERO & PTE_DIRTY).toBe(PTE_DIRTY);
    expect(PTE_ZERO_PAGE & PTE_DIRTY).toBe(0);
    expect(isKsmZeroPte(PTE_KSM_ZERO)).toBe(true);
    expect(isKsmZeroPte(PTE_ZERO_PAGE)).toBe(false);
  });

  it("NONE is 0, and the four kinds never meet", () => {
    expect([pteKind(0), ptePfn(0), ptePayload(0), pteKindName(0), isKsmZeroPte(0)]).toEqual([
      PTE_NONE,
      -1,
      0,
      "none",
      false,
    ]);
    const all = new Set<number>([0, PTE_ZERO_PAGE, PTE_KSM_ZERO]);
    for (const p of [0, 1, TOP]) {
      for (const bits of [0, PTE_WRITE, PTE_DIRTY, PTE_WRITE | PTE_DIRTY]) all.add(mkPagePte(p, bits));
      all.add(mkSwapPte(p, false));
      all.add(mkSwapPte(p, true));
    }
    expect(all.size).toBe(3 + 3 * 6); // every PTE above is distinct
  });
});

describe("a machine at the top of the range", () => {
  it("of 2^29 frames is made without per-frame memory, and faulting one page costs a small table", () => {
    const m = createMachine({ topology: { nodes: 2, pagesPerNode: 2 ** 28 } });
    expect(m.topology.totalPages).toBe(2 ** 29);
    expect(m.frames.capacity).toBe(0);
    expect(m.frames.refcount.length).toBe(0);
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 16, { node: 0 });
    m.write(a, heap, 3, 7);
    expect(m.frames.capacity).toBe(1024);
    expect(m.read(a, heap, 3)).toBe(7);
    ok(m);
  });

  it("a page table holds PTEs naming the last pfn and the last slot", () => {
    const t = new PageTable(2 ** 28);
    t.set(2 ** 28 - 1, mkPagePte(TOP, PTE_WRITE | PTE_DIRTY));
    t.set(0, mkSwapPte(TOP, true));
    expect(ptePfn(t.get(2 ** 28 - 1))).toBe(TOP);
    expect(ptePayload(t.get(0))).toBe(TOP);
    expect(pteKind(t.get(0))).toBe(PTE_SWAP);
    expect(t.nextPresent(0)).toBe(2 ** 28 - 1);
    expect(t.nextMapped(1)).toBe(2 ** 28 - 1);
    expect(t.chunks).toBe(2);
  });

  it("the walkers read a VMA's PTEs through the same encoding", () => {
    const m = createMachine({ topology: { nodes: 1, pagesPerNode: 64 } });
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 4);
    m.write(a, heap, 2, 1);
    expect(nextPresentAnon(heap, 0)).toBe(2);
    expect(followPage(heap, 2)).toBe(ptePfn(pteAt(heap, 2)));
    expect(pteAt(heap, 2) & (PTE_WRITE | PTE_DIRTY)).toBe(PTE_WRITE | PTE_DIRTY);
  });
});
