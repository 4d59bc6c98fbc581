import { describe, expect, it } from "vitest";
import {
  clearTreeFlags,
  isStable,
  isUnstable,
  RmapItems,
  STABLE_FLAG,
  setStable,
  setUnstable,
  shouldSkipRmapItem,
  skipAge,
  UNSTABLE_FLAG,
  unstableAge,
} from "../src/index.js";

describe("skipAge (skip_age)", () => {
  it("is 1 up to 3, 2 up to 5, 4 up to 8, else 8", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 255].map(skipAge)).toEqual([1, 1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8]);
  });
});

describe("shouldSkipRmapItem (should_skip_rmap_item)", () => {
  it("processes an item first seen at visit 0 at visits 0,1,2,3,5,8,13,22,31,40 and skips the others", () => {
    const items = new RmapItems();
    const id = items.alloc(1, 0);
    const processed: number[] = [];
    for (let visit = 0; visit <= 45; visit++) if (!shouldSkipRmapItem(items, id, false, true)) processed.push(visit);
    expect(processed).toEqual([0, 1, 2, 3, 5, 8, 13, 22, 31, 40]);
    expect(items.age[id]).toBe(46);
  });

  it("never skips with smart_scan off or for a KSM page, and then leaves age alone", () => {
    const items = new RmapItems();
    const id = items.alloc(1, 0);
    for (let i = 0; i < 20; i++) {
      expect(shouldSkipRmapItem(items, id, false, false)).toBe(false);
      expect(shouldSkipRmapItem(items, id, true, true)).toBe(false);
    }
    expect(items.age[id]).toBe(0);
    expect(items.remainingSkips[id]).toBe(0);
  });

  it("saturates age at 255 and keeps skipping 8 of every 9 visits", () => {
    const items = new RmapItems();
    const id = items.alloc(1, 0);
    let processed = 0;
    for (let visit = 0; visit < 300; visit++) if (!shouldSkipRmapItem(items, id, false, true)) processed++;
    expect(items.age[id]).toBe(255);
    const before = processed;
    for (let visit = 0; visit < 900; visit++) if (!shouldSkipRmapItem(items, id, false, true)) processed++;
    expect(processed - before).toBe(100);
  });

  it("restarts the schedule for a re-created item", () => {
    const items = new RmapItems();
    const id = items.alloc(1, 0);
    for (let visit = 0; visit < 30; visit++) shouldSkipRmapItem(items, id, false, true);
    items.free(id);
    const again = items.alloc(1, 0);
    expect(again).toBe(id);
    expect([0, 1, 2, 3].map(() => shouldSkipRmapItem(items, again, false, true))).toEqual([false, false, false, false]);
  });
});

describe("seqnr and tree flags", () => {
  it("setUnstable stores UNSTABLE and the low byte of seqnr, and the nid", () => {
    const items = new RmapItems();
    const id = items.alloc(1, 0);
    setUnstable(items, id, 0x1234, 3);
    expect(items.flags[id]).toBe(UNSTABLE_FLAG | 0x34);
    expect(items.nidOf(id)).toBe(3);
    expect(isUnstable(items, id)).toBe(true);
    expect(isStable(items, id)).toBe(false);
    expect(unstableAge(items, id, 0x1234)).toBe(0);
    expect(unstableAge(items, id, 0x1235)).toBe(1);
    clearTreeFlags(items, id);
    expect(items.flags[id]).toBe(0);
  });

  it("unstableAge wraps modulo 256", () => {
    const items = new RmapItems();
    const id = items.alloc(1, 0);
    setUnstable(items, id, 255, 0);
    expect(unstableAge(items, id, 256)).toBe(1);
    expect(unstableAge(items, id, 255)).toBe(0);
  });

  it("setStable stores the head and STABLE_FLAG", () => {
    const items = new RmapItems();
    const id = items.alloc(1, 0);
    setStable(items, id, 42);
    expect(items.headOf(id)).toBe(42);
    expect(items.flags[id]).toBe(STABLE_FLAG);
    expect(isStable(items, id)).toBe(true);
    clearTreeFlags(items, id);
    expect(isStable(items, id)).toBe(false);
  });
});
