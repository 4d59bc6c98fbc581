import { describe, expect, it } from "vitest";
import { RmapError, RmapItems, STABLE_FLAG } from "../src/index.js";

describe("RmapItems", () => {
  it("allocates zeroed items with ids >= 1 and counts them globally and per mm", () => {
    const items = new RmapItems();
    const a = items.alloc(7, 100);
    const b = items.alloc(7, 101);
    const c = items.alloc(9, 5);
    expect([a, b, c]).toEqual([1, 2, 3]);
    expect(items.ksmRmapItems).toBe(3);
    expect(items.rmapItemsOf(7)).toBe(2);
    expect(items.rmapItemsOf(9)).toBe(1);
    expect(items.rmapItemsOf(8)).toBe(0);
    expect(items.mmOf(b)).toBe(7);
    expect(items.addressOf(b)).toBe(101);
    for (const field of [items.flags, items.oldchecksum, items.age, items.remainingSkips, items.rmapNext]) {
      expect(field[b]).toBe(0);
    }
    expect(items.nidOf(b)).toBe(0);
    expect([...items.nodeWords.subarray(4 * b, 4 * b + 4)]).toEqual([0, 0, 0, 0]);
  });

  it("frees, decrements the counters and reuses the freed id with every field zeroed again", () => {
    const items = new RmapItems();
    const a = items.alloc(1, 10);
    const b = items.alloc(1, 11);
    items.flags[b] = STABLE_FLAG | 3;
    items.oldchecksum[b] = 0xdeadbeef;
    items.age[b] = 200;
    items.remainingSkips[b] = 4;
    items.setNid(b, 2);
    expect(items.nidOf(b)).toBe(2);
    expect(items.isAllocated(b)).toBe(true);
    items.setAnonVma(b, 5);
    items.setHead(b, 9);
    items.setHlistNext(b, 3);
    items.setHlistPrev(b, 4);
    expect([items.headOf(b), items.hlistNextOf(b), items.hlistPrevOf(b), items.anonVmaOf(b)]).toEqual([9, 3, 4, 5]);
    items.rmapNext[b] = a;
    items.free(b);
    expect(items.isAllocated(b)).toBe(false);
    expect(items.ksmRmapItems).toBe(1);
    expect(items.rmapItemsOf(1)).toBe(1);
    const c = items.alloc(2, 50);
    expect(c).toBe(b);
    expect(items.rmapItemsOf(2)).toBe(1);
    expect([items.flags[c], items.oldchecksum[c], items.age[c], items.remainingSkips[c], items.nidOf(c)]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect([
      items.anonVmaOf(c),
      items.headOf(c),
      items.hlistNextOf(c),
      items.hlistPrevOf(c),
      items.rmapNext[c],
    ]).toEqual([0, 0, 0, 0, 0]);
    expect(items.mmOf(c)).toBe(2);
    expect(items.addressOf(c)).toBe(50);
  });

  it("reuses the last freed id first", () => {
    const items = new RmapItems();
    const ids = [1, 2, 3, 4].map((p) => items.alloc(0, p));
    items.free(ids[1]!);
    items.free(ids[3]!);
    expect(items.alloc(0, 9)).toBe(ids[3]);
    expect(items.alloc(0, 9)).toBe(ids[1]);
    expect(items.alloc(0, 9)).toBe(5);
  });

  it("grows past its initial capacity and keeps every field", () => {
    const items = new RmapItems();
    const n = 1000;
    for (let i = 0; i < n; i++) {
      const id = items.alloc(i % 3, 2 ** 35 + i);
      items.oldchecksum[id] = i * 7;
    }
    expect(items.ksmRmapItems).toBe(n);
    expect(items.rmapItemsOf(0) + items.rmapItemsOf(1) + items.rmapItemsOf(2)).toBe(n);
    for (let id = 1; id <= n; id++) {
      expect(items.addressOf(id)).toBe(2 ** 35 + id - 1);
      expect(items.oldchecksum[id]).toBe((id - 1) * 7);
      expect(items.mmOf(id)).toBe((id - 1) % 3);
    }
  });

  it("reserve makes room for n more items in one growth, counting free ids, and keeps every field", () => {
    const items = new RmapItems();
    const ids = Array.from({ length: 10 }, (_, i) => items.alloc(1, 100 + i));
    items.free(ids[3]!);
    items.free(ids[7]!);
    const arrays = () => [items.oldchecksum, items.flags, items.nodeWords];
    const before = arrays();
    items.reserve(2); // two free ids: no growth
    expect(arrays()).toEqual(before);
    expect(arrays().every((a, i) => a === before[i])).toBe(true);
    items.reserve(100_000);
    const grown = arrays();
    expect(grown[0]).not.toBe(before[0]);
    expect(items.nodeStorage.s).toBe(items.nodeWords);
    for (let i = 0; i < 100_000; i++) items.alloc(2, 10_000 + i);
    expect(arrays().every((a, i) => a === grown[i])).toBe(true); // no growth while allocating what was reserved
    expect(items.addressOf(ids[9]!)).toBe(109);
    expect(items.ksmRmapItems).toBe(100_008);
  });

  it("keeps addresses up to 2^40 in five bytes, and refuses larger ones by name", () => {
    const items = new RmapItems();
    for (const a of [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 35 - 1, 2 ** 40 - 1])
      expect(items.addressOf(items.alloc(1, a))).toBe(a);
    expect(() => items.alloc(1, 2 ** 40)).toThrow("address a page number below 2^40");
  });

  it("rejects a double free, a never-allocated id and bad arguments", () => {
    const items = new RmapItems();
    const a = items.alloc(1, 1);
    items.free(a);
    expect(() => items.free(a)).toThrow(expect.objectContaining({ code: "DOUBLE_FREE" }));
    expect(() => items.free(0)).toThrow(RmapError);
    expect(() => items.free(0)).toThrow(expect.objectContaining({ code: "BAD_ITEM" }));
    expect(() => items.free(99)).toThrow(expect.objectContaining({ code: "BAD_ITEM" }));
    expect(() => items.alloc(1.5, 1)).toThrow(expect.objectContaining({ code: "BAD_ARGUMENT" }));
    expect(() => items.alloc(1, -1)).toThrow(expect.objectContaining({ code: "BAD_ARGUMENT" }));
    expect(() => items.alloc(1, 0.5)).toThrow(expect.objectContaining({ code: "BAD_ARGUMENT" }));
    expect(items.ksmRmapItems).toBe(0);
  });
});

describe("RmapItems mm table", () => {
  it("keeps each item's mm through many mms coming and going, past 65 535 at once", () => {
    const items = new RmapItems();
    const n = 70_000; // more mms with items at once than 16-bit indexes hold
    const ids = Array.from({ length: n }, (_, i) => items.alloc(1_000_000 + i, i));
    for (let i = 0; i < n; i += 997) expect(items.mmOf(ids[i]!)).toBe(1_000_000 + i);
    expect(items.mmOf(ids[n - 1]!)).toBe(1_000_000 + n - 1);
    expect(items.perMmCounts().size).toBe(n);
    for (let i = 0; i < n; i += 2) items.free(ids[i]!);
    expect(items.rmapItemsOf(1_000_000)).toBe(0);
    expect(items.rmapItemsOf(1_000_001)).toBe(1);
    expect(items.perMmCounts().size).toBe(n / 2);
    // freed indexes are reused by new mms; old items keep their mm
    const later = items.alloc(42, 7);
    expect(items.mmOf(later)).toBe(42);
    expect(items.mmOf(ids[1]!)).toBe(1_000_001);
    expect(items.rmapItemsOf(42)).toBe(1);
  });

  it("an mm whose last item is freed leaves the table and comes back with a count from 0", () => {
    const items = new RmapItems();
    const a = items.alloc(5, 1);
    items.alloc(6, 1);
    items.free(a);
    expect(items.rmapItemsOf(5)).toBe(0);
    expect([...items.perMmCounts()]).toEqual([[6, 1]]);
    const b = items.alloc(5, 2);
    expect(items.rmapItemsOf(5)).toBe(1);
    expect(items.mmOf(b)).toBe(5);
  });
});
