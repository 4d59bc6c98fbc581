/**
 * The frame table's compact fields: 16-bit reference and map counts with an
 * exact side table above 65 534, a 40-bit index in five bytes, and growth
 * without 2x slack at large sizes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FrameTable } from "../src/frames/frame-table.js";
import {
  checkInvariants,
  createMachine,
  followPage,
  getRef,
  putRef,
  replacePage,
  setKsm,
  writeProtectPage,
} from "../src/index.js";

const table = (n = 8) => {
  const f = new FrameTable(n, () => {});
  f.ensure(n - 1);
  return f;
};

describe("16-bit counts with an exact side table", () => {
  it("count exactly across 65 535 in both directions, clamping the raw arrays", () => {
    const f = table();
    f.setRef(3, 65_530);
    for (let n = 65_531; n <= 65_540; n++) {
      f.incRef(3);
      expect(f.ref(3)).toBe(n);
      expect(f.refcount[3]).toBe(Math.min(n, 0xffff));
    }
    expect(f.bigCounts).toBe(1);
    for (let n = 65_539; n >= 65_530; n--) {
      expect(f.decRef(3)).toBe(n);
      expect(f.ref(3)).toBe(n);
      expect(f.refcount[3]).toBe(Math.min(n, 0xffff));
    }
    expect(f.bigCounts).toBe(0); // back below: the side table let go
    expect(f.ref(2)).toBe(0);
  });

  it("keep a count below zero exactly (a broken machine) and read it as 0 or less in the raw array", () => {
    const f = table();
    f.setMapCount(1, 1);
    expect(f.decMapCount(1)).toBe(0);
    expect(f.decMapCount(1)).toBe(-1);
    expect(f.mapCount(1)).toBe(-1);
    expect(f.mapcount[1]).toBe(0);
    f.incMapCount(1);
    expect(f.mapCount(1)).toBe(0);
    expect(f.bigCounts).toBe(0);
  });

  it("agree with plain integers under any sequence of changes", () => {
    const op = fc.oneof(
      fc.record({ pfn: fc.nat(3), kind: fc.constantFrom("inc", "dec"), n: fc.constant(0) }),
      fc.record({ pfn: fc.nat(3), kind: fc.constant("set"), n: fc.integer({ min: -3, max: 200_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const f = table(4);
        const refs = [0, 0, 0, 0];
        const maps = [0, 0, 0, 0];
        for (const o of ops) {
          if (o.kind === "inc") {
            f.incRef(o.pfn);
            f.incMapCount(o.pfn);
            refs[o.pfn]!++;
            maps[o.pfn]!++;
          } else if (o.kind === "dec") {
            expect(f.decRef(o.pfn)).toBe(--refs[o.pfn]!);
            expect(f.decMapCount(o.pfn)).toBe(--maps[o.pfn]!);
          } else {
            f.setRef(o.pfn, o.n);
            f.setMapCount(o.pfn, 65_535 - o.n);
            refs[o.pfn] = o.n;
            maps[o.pfn] = 65_535 - o.n;
          }
        }
        for (let p = 0; p < 4; p++) {
          expect(f.ref(p)).toBe(refs[p]);
          expect(f.mapCount(p)).toBe(maps[p]);
          const clamp = (n: number) => Math.max(0, Math.min(n, 0xffff));
          expect(f.refcount[p]).toBe(clamp(refs[p]!));
          expect(f.mapcount[p]).toBe(clamp(maps[p]!));
        }
        const big = [...refs, ...maps].filter((n) => n < 0 || n >= 0xffff).length;
        expect(f.bigCounts).toBe(big);
      }),
      { numRuns: 300 },
    );
  });

  it("a KSM page mapped 70 000 times counts exactly through mm's own paths, then back down to free", () => {
    const N = 70_000;
    const m = createMachine({ topology: { nodes: 1, pagesPerNode: 2 ** 17 } });
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", N);
    m.writeRange(a, heap, 0, N, 7);
    m.drainDeferred();
    const k = followPage(heap, 0);
    getRef(m, k);
    expect(writeProtectPage(m, heap, 0, k)).not.toBe(-1);
    setKsm(m, k, 1);
    putRef(m, k);
    for (let p = 1; p < N; p++) {
      const pfn = followPage(heap, p);
      getRef(m, pfn);
      expect(replacePage(m, heap, p, k, writeProtectPage(m, heap, p, pfn))).toBe(true);
      putRef(m, pfn);
    }
    const f = m.frames;
    expect([f.mapCount(k), f.ref(k)]).toEqual([N, N]);
    expect([f.mapcount[k], f.refcount[k]]).toEqual([0xffff, 0xffff]);
    expect(checkInvariants(m)).toEqual([]); // the recount of every PTE agrees
    expect(getRef(m, k)).toBe(true);
    expect(f.ref(k)).toBe(N + 1);
    putRef(m, k);
    m.madviseDontneed(a, heap, 0, N - 10);
    expect([f.mapCount(k), f.ref(k), f.mapcount[k], f.refcount[k]]).toEqual([10, 10, 10, 10]);
    expect(f.bigCounts).toBe(0);
    expect(checkInvariants(m)).toEqual([]);
    m.madviseDontneed(a, heap, N - 10, 10);
    m.drainDeferred();
    expect(f.ref(k)).toBe(0);
    expect(checkInvariants(m)).toEqual([]);
  });
});

describe("index and growth", () => {
  it("keeps a 40-bit index exactly (linear page indexes reach 2^35)", () => {
    const f = table();
    for (const v of [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 35 - 1, 2 ** 40 - 1]) {
      f.setIndex(5, v);
      expect(f.index(5)).toBe(v);
    }
  });

  it("doubles up to 2^20 frames, then grows by a quarter, never past the limit", () => {
    const sizes: number[] = [];
    const f = new FrameTable(3 * 2 ** 20, (c) => sizes.push(c));
    for (let pfn = 0; pfn < 3 * 2 ** 20; pfn += 997) f.ensure(pfn);
    f.ensure(3 * 2 ** 20 - 1);
    expect(sizes.slice(0, 3)).toEqual([1024, 2048, 4096]);
    for (let i = 1; i < sizes.length; i++) {
      const prev = sizes[i - 1]!;
      expect(sizes[i]).toBe(Math.min(3 * 2 ** 20, prev < 2 ** 20 ? prev * 2 : prev + Math.ceil(prev / 4)));
    }
    expect(f.capacity).toBe(3 * 2 ** 20);
    expect(f.refcount.length).toBe(3 * 2 ** 20);
  });
});
