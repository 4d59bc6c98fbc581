import { describe, expect, it } from "vitest";
import {
  advanceLinkTo,
  getNextRmapItem,
  ksmEnter,
  removeAllRmapItemsOf,
  removeTrailingRmapItems,
  rewindCursor,
  UNSTABLE_FLAG,
} from "../src/index.js";
import { addresses, cursorAt, expectConsistent, fresh, walk } from "./helpers.js";

function oneMm() {
  const { items, list } = fresh();
  ksmEnter(list, 1, { atTail: false });
  return { items, list, slot: list.slotOf(1)! };
}

describe("getNextRmapItem (get_next_rmap_item)", () => {
  it("creates zeroed items in address order and leaves the link where it was", () => {
    const { items, list, slot } = oneMm();
    cursorAt(list, slot);
    const a = getNextRmapItem(list, slot, 5, () => {});
    expect(list.scan.rmapLink).toBe(0);
    expect(slot.rmapList).toBe(a);
    advanceLinkTo(list, a);
    const b = getNextRmapItem(list, slot, 9, () => {});
    advanceLinkTo(list, b);
    expect(addresses(list, slot)).toEqual([5, 9]);
    expect([items.mmOf(b), items.addressOf(b), items.flags[b], items.age[b], items.oldchecksum[b]]).toEqual([
      1, 9, 0, 0, 0,
    ]);
    expect(items.ksmRmapItems).toBe(2);
    expect(items.rmapItemsOf(1)).toBe(2);
    expectConsistent(items, list);
  });

  it("returns the existing item at an equal address, with its state", () => {
    const { items, list, slot } = oneMm();
    const [a, b] = walk(list, slot, [3, 6]);
    items.oldchecksum[b!] = 1234;
    items.age[b!] = 7;
    expect(walk(list, slot, [3, 6])).toEqual([a, b]);
    expect(items.oldchecksum[b!]).toBe(1234);
    expect(items.age[b!]).toBe(7);
    expect(items.ksmRmapItems).toBe(2);
    expectConsistent(items, list);
  });

  it("inserts a new address between existing items", () => {
    const { items, list, slot } = oneMm();
    walk(list, slot, [2, 8]);
    walk(list, slot, [2, 5, 8]);
    expect(addresses(list, slot)).toEqual([2, 5, 8]);
    expectConsistent(items, list);
  });

  it("unlinks, reports (in address order, still allocated and flagged) and frees the smaller stale items", () => {
    const { items, list, slot } = oneMm();
    const ids = walk(list, slot, [1, 2, 3, 4, 10]);
    items.flags[ids[1]!] = UNSTABLE_FLAG;
    const stale: number[] = [];
    cursorAt(list, slot);
    const got = getNextRmapItem(list, slot, 4, (id) => {
      expect(items.isAllocated(id)).toBe(true);
      stale.push(items.addressOf(id));
      if (items.addressOf(id) === 2) expect(items.flags[id]).toBe(UNSTABLE_FLAG);
    });
    expect(got).toBe(ids[3]);
    expect(stale).toEqual([1, 2, 3]);
    expect(addresses(list, slot)).toEqual([4, 10]);
    expect(items.ksmRmapItems).toBe(2);
    expect(items.rmapItemsOf(1)).toBe(2);
    expectConsistent(items, list);
  });

  it("frees smaller items and then creates one before a larger item", () => {
    const { items, list, slot } = oneMm();
    walk(list, slot, [1, 2, 10]);
    const stale: number[] = [];
    const ids = walk(list, slot, [5], (id) => stale.push(items.addressOf(id)));
    expect(stale).toEqual([1, 2]);
    expect(addresses(list, slot)).toEqual([5, 10]);
    expect(items.addressOf(ids[0]!)).toBe(5);
    expectConsistent(items, list);
  });

  it("works from the middle of the list (the link is an item's rmapNext)", () => {
    const { items, list, slot } = oneMm();
    const ids = walk(list, slot, [1, 3, 5, 7]);
    cursorAt(list, slot);
    advanceLinkTo(list, ids[1]!);
    const stale: number[] = [];
    const got = getNextRmapItem(list, slot, 6, (id) => stale.push(items.addressOf(id)));
    expect(stale).toEqual([5]);
    expect(addresses(list, slot)).toEqual([1, 3, 6, 7]);
    expect(items.rmapNext[ids[1]!]).toBe(got);
    expectConsistent(items, list);
  });

  it("refuses a slot that is not under the cursor", () => {
    const { list, slot } = oneMm();
    expect(() => getNextRmapItem(list, slot, 1, () => {})).toThrow(
      expect.objectContaining({ code: "NOT_CURSOR_SLOT" }),
    );
  });
});

describe("removeTrailingRmapItems and removeAllRmapItemsOf", () => {
  it("removes every item from the cursor's link to the end, in order", () => {
    const { items, list, slot } = oneMm();
    walk(list, slot, [1, 2, 3, 4]);
    walk(list, slot, [1, 2]);
    const removed: number[] = [];
    removeTrailingRmapItems(list, (id) => removed.push(items.addressOf(id)));
    expect(removed).toEqual([3, 4]);
    expect(addresses(list, slot)).toEqual([1, 2]);
    expect(items.ksmRmapItems).toBe(2);
    expectConsistent(items, list);
  });

  it("from a rewound cursor removes everything (an exiting mm)", () => {
    const { items, list, slot } = oneMm();
    walk(list, slot, [1, 2, 3]);
    rewindCursor(list);
    const removed: number[] = [];
    removeTrailingRmapItems(list, (id) => removed.push(items.addressOf(id)));
    expect(removed).toEqual([1, 2, 3]);
    expect(slot.rmapList).toBe(0);
    expect(items.ksmRmapItems).toBe(0);
    expect(items.rmapItemsOf(1)).toBe(0);
    expectConsistent(items, list);
  });

  it("removeAllRmapItemsOf empties any slot and resets the link of the cursor's", () => {
    const { items, list, slot } = oneMm();
    ksmEnter(list, 2, { atTail: false });
    const two = list.slotOf(2)!;
    walk(list, two, [4, 8]);
    walk(list, slot, [1, 2, 3]);
    const removed: number[] = [];
    removeAllRmapItemsOf(list, two, (id) => removed.push(items.addressOf(id)));
    expect(removed).toEqual([4, 8]);
    expect(list.scan.rmapLink).not.toBe(0);
    expectConsistent(items, list);
    removeAllRmapItemsOf(list, slot, () => {});
    expect(list.scan.rmapLink).toBe(0);
    expect(items.ksmRmapItems).toBe(0);
    expectConsistent(items, list);
    list.scan.mmSlot = list.head;
    list.removeSlot(slot);
    list.removeSlot(two);
    expect(list.isEmpty()).toBe(true);
    expectConsistent(items, list);
  });
});
