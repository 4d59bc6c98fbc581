/**
 * Page tables in chunks made on first touch (page-table.ts): a huge VMA
 * costs what is touched, its walks skip what is not, and every operation
 * that copies or splits a table keeps it that way.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ContentShadow,
  checkInvariants,
  createMachine,
  followPage,
  MAX_VMA_PAGES,
  nextMappedPte,
  nextPresentAnon,
  PTE_ZERO_PAGE,
  pteAt,
  vmaPlacement,
} from "../src/index.js";
import { isolateVmaRange } from "../src/ops/split.js";
import { PageTable, PTE_CHUNK_SHIFT } from "../src/space/page-table.js";
import type { Vma } from "../src/space/vma.js";

const HUGE = 2 ** 28;
/** Pages written in the huge VMA: two in one chunk, one far away, the last page. */
const WRITTEN = [5, 300, 2 ** 27 + 12345, HUGE - 1];

/** The pages nextPresentAnon visits, as the KSM scanner walks a VMA. */
function scannerWalk(vma: Vma): number[] {
  const out: number[] = [];
  for (let p = nextPresentAnon(vma, 0); p >= 0; p = nextPresentAnon(vma, p + 1)) out.push(p);
  return out;
}

function tableBytes(vma: Vma): number {
  const t = vma.table!;
  return t.dir.byteLength + t.ptes.byteLength + t.touched.byteLength;
}

describe("a 2^28-page VMA with a few pages written", () => {
  const build = () => {
    const m = createMachine({ topology: { nodes: 1, pagesPerNode: 4096 } });
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", HUGE);
    const shadow = new ContentShadow();
    WRITTEN.forEach((page, k) => {
      m.write(a, heap, page, 10 + k);
      shadow.write(a, heap, page, 10 + k);
    });
    return { m, a, heap, shadow };
  };

  it("is allowed: VMAs reach 2^28 pages", () => {
    expect(MAX_VMA_PAGES).toBe(HUGE);
  });

  it("costs a directory entry per 512 pages and a chunk per range touched, not 4 bytes a page", () => {
    const { heap } = build();
    expect(heap.table!.chunks).toBe(3); // pages 5 and 300 share a chunk
    expect(tableBytes(heap)).toBeLessThan(2.2 * 2 ** 20); // 1 GiB as one PTE per page
  });

  it("the scanner's walk finds exactly the pages written; followPage and pteAt agree", () => {
    const { m, heap } = build();
    expect(scannerWalk(heap)).toEqual(WRITTEN);
    const mapped: number[] = [];
    for (let p = nextMappedPte(heap, 0); p >= 0; p = nextMappedPte(heap, p + 1)) mapped.push(p);
    expect(mapped).toEqual(WRITTEN);
    for (const p of WRITTEN) expect(followPage(heap, p)).toBeGreaterThanOrEqual(0);
    for (const p of [0, 6, 511, 512, 2 ** 27, HUGE - 2]) {
      expect(followPage(heap, p)).toBe(-1);
      expect(pteAt(heap, p)).toBe(0);
    }
    expect(followPage(heap, HUGE)).toBe(-1);
    expect(pteAt(heap, -1)).toBe(0);
    expect(heap.table!.chunks).toBe(3); // reading allocates nothing
    expect(vmaPlacement(m, heap)).toEqual({ nodes: [4], other: HUGE - 4 });
  });

  it("fork, split, swap, zap and the checks keep it sparse and right", () => {
    const { m, a, heap, shadow } = build();
    const b = m.fork(a, "B");
    shadow.fork(a, b);
    const bheap = b.vmaNamed("heap")!;
    expect(bheap.table!.chunks).toBe(3);
    expect(scannerWalk(bheap)).toEqual(WRITTEN);
    m.swapout(a, heap, 0, HUGE);
    expect(scannerWalk(heap)).toEqual([]);
    expect(scannerWalk(bheap)).toEqual([]); // the shared frames were unmapped everywhere
    m.swapin(b, bheap, 0, HUGE);
    expect(scannerWalk(bheap)).toEqual(WRITTEN);
    m.madviseDontneed(a, heap, 0, 1000);
    shadow.zap(a, heap, 0, 1000);
    expect(nextMappedPte(heap, 0)).toBe(WRITTEN[2]);
    expect(checkInvariants(m)).toEqual([]);
    expect(shadow.verify(m)).toEqual([]);
    // split the parent's VMA around the far page: each piece keeps its own pages, sparsely
    const mid = isolateVmaRange(m, heap, 2 ** 27, 2 ** 20);
    expect(mid.start).toBe(heap.start + 2 ** 27);
    expect(nextMappedPte(mid, 0)).toBe(12345);
    expect(mid.table!.chunks).toBe(1);
    const upper = a.vmas[2]!;
    expect(upper.start).toBe(mid.end);
    expect(nextMappedPte(upper, 0)).toBe(HUGE - 1 - (upper.start - heap.start));
    expect(nextMappedPte(heap, 0)).toBe(-1);
    expect(checkInvariants(m)).toEqual([]);
  });
});

describe("PageTable", () => {
  it("reads and writes like a flat array, and walks like a scan of one", () => {
    const pages = fc.integer({ min: 1, max: 5000 });
    fc.assert(
      fc.property(
        pages,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(0, 1, 2, 9, PTE_ZERO_PAGE, 0xfffffff9)), { maxLength: 60 }),
        fc.nat(),
        (n, writes, from) => {
          const t = new PageTable(n);
          const flat = new Uint32Array(n);
          for (const [p, pte] of writes) {
            t.set(p % n, pte);
            flat[p % n] = pte;
          }
          expect(Uint32Array.from({ length: n }, (_, i) => t.get(i))).toEqual(flat);
          expect(t.mapped).toBe(flat.filter((x) => x !== 0).length);
          const f = from % (n + 2);
          const firstMapped = flat.findIndex((x, i) => i >= f && x !== 0);
          const firstPresent = flat.findIndex((x, i) => i >= f && (x & 1) === 1);
          expect(t.nextMapped(f)).toBe(firstMapped);
          expect(t.nextPresent(f)).toBe(firstPresent);
          const end = Math.floor(n / 2);
          const bounded = flat.findIndex((x, i) => i >= f && i < end && x !== 0);
          expect(t.nextMapped(f, end)).toBe(bounded);
          // chunks exist exactly where something non-zero was once written
          const touched = new Set(writes.filter(([, pte]) => pte !== 0).map(([p]) => (p % n) >>> PTE_CHUNK_SHIFT));
          expect(t.chunks).toBe(touched.size);
          const from2 = Math.floor(n / 3);
          const s = t.slice(from2, n - from2);
          expect(Uint32Array.from({ length: n - from2 }, (_, i) => s.get(i))).toEqual(flat.subarray(from2));
          expect(s.mapped).toBe(flat.subarray(from2).filter((x) => x !== 0).length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("finds touched chunks across bitmap words", () => {
    const t = new PageTable(512 * 100);
    for (const c of [0, 31, 32, 63, 64, 99]) t.set(c * 512 + 7, 1);
    const seen: number[] = [];
    for (let c = t.nextTouched(0); c >= 0; c = t.nextTouched(c + 1)) seen.push(c);
    expect(seen).toEqual([0, 31, 32, 63, 64, 99]);
    expect(t.nextTouched(100)).toBe(-1);
  });
});
