import { describe, expect, it } from "vitest";
import { ksmEnter, ksmExitPlacement } from "../src/index.js";
import { cursorAt, expectConsistent, fresh, order, walk } from "./helpers.js";

describe("ksmEnter (__ksm_enter)", () => {
  it("reports the empty list (ksmd wakeup) only for the first mm", () => {
    const { items, list } = fresh();
    expect(list.isEmpty()).toBe(true);
    expect(ksmEnter(list, 1, { atTail: false })).toBe(true);
    expect(ksmEnter(list, 2, { atTail: false })).toBe(false);
    expect(list.isEmpty()).toBe(false);
    expect(list.size).toBe(2);
    expect(list.slotOf(2)?.mm).toBe(2);
    expect(list.slotOf(3)).toBeUndefined();
    expectConsistent(items, list);
  });

  it("with the cursor at the head (between scans) appends at the tail", () => {
    const { items, list } = fresh();
    for (const mm of [1, 2, 3]) ksmEnter(list, mm, { atTail: false });
    expect(order(list)).toEqual([1, 2, 3]);
    expectConsistent(items, list);
  });

  it("with the cursor inside X of head->A->B->X->C puts the new slot between B and X", () => {
    const { items, list } = fresh();
    const [A, B, X, C] = [10, 20, 30, 40];
    for (const mm of [A, B, X, C]) ksmEnter(list, mm, { atTail: false });
    cursorAt(list, list.slotOf(X)!);
    ksmEnter(list, 99, { atTail: false });
    expect(order(list)).toEqual([A, B, 99, X, C]);
    expectConsistent(items, list);
  });

  it("with atTail (ksm_run & KSM_RUN_UNMERGE) appends at the tail wherever the cursor is", () => {
    const { items, list } = fresh();
    for (const mm of [1, 2, 3]) ksmEnter(list, mm, { atTail: false });
    cursorAt(list, list.slotOf(2)!);
    ksmEnter(list, 4, { atTail: true });
    expect(order(list)).toEqual([1, 2, 3, 4]);
    expectConsistent(items, list);
  });

  it("refuses a second slot for the same mm", () => {
    const { list } = fresh();
    ksmEnter(list, 1, { atTail: false });
    expect(() => ksmEnter(list, 1, { atTail: false })).toThrow(expect.objectContaining({ code: "ALREADY_REGISTERED" }));
  });
});

describe("ksmExitPlacement (__ksm_exit)", () => {
  it("not-found for an mm without a slot", () => {
    const { list } = fresh();
    expect(ksmExitPlacement(list, 5)).toBe("not-found");
  });

  it("cursor: the cursor's slot stays where it is, items and all", () => {
    const { items, list } = fresh();
    for (const mm of [1, 2, 3]) ksmEnter(list, mm, { atTail: false });
    walk(list, list.slotOf(2)!, [4, 5]);
    expect(ksmExitPlacement(list, 2)).toBe("cursor");
    expect(order(list)).toEqual([1, 2, 3]);
    expect(items.rmapItemsOf(2)).toBe(2);
    expectConsistent(items, list);
  });

  it("easy-to-free: a slot without rmap_items is unregistered now", () => {
    const { items, list } = fresh();
    for (const mm of [1, 2, 3]) ksmEnter(list, mm, { atTail: false });
    expect(ksmExitPlacement(list, 2)).toBe("easy-to-free");
    expect(order(list)).toEqual([1, 3]);
    expect(list.slotOf(2)).toBeUndefined();
    expect(ksmExitPlacement(list, 2)).toBe("not-found");
    expectConsistent(items, list);
  });

  it("moved: a slot with rmap_items goes just after the cursor", () => {
    const { items, list } = fresh();
    for (const mm of [1, 2, 3, 4, 5]) ksmEnter(list, mm, { atTail: false });
    walk(list, list.slotOf(5)!, [1]);
    walk(list, list.slotOf(2)!, [1, 2]);
    expect(ksmExitPlacement(list, 5)).toBe("moved");
    expect(order(list)).toEqual([1, 2, 5, 3, 4]);
    expect(items.rmapItemsOf(5)).toBe(1);
    expectConsistent(items, list);
  });

  it("moved with the cursor at the head: the slot becomes the first one", () => {
    const { items, list } = fresh();
    for (const mm of [1, 2, 3]) ksmEnter(list, mm, { atTail: false });
    walk(list, list.slotOf(3)!, [7]);
    cursorAt(list, list.head);
    expect(ksmExitPlacement(list, 3)).toBe("moved");
    expect(order(list)).toEqual([3, 1, 2]);
    expectConsistent(items, list);
  });
});

describe("MmList.removeSlot", () => {
  it("refuses the cursor's slot, a slot with items and a slot not on the list", () => {
    const { list } = fresh();
    ksmEnter(list, 1, { atTail: false });
    ksmEnter(list, 2, { atTail: false });
    const one = list.slotOf(1)!;
    walk(list, one, [3]);
    expect(() => list.removeSlot(one)).toThrow(expect.objectContaining({ code: "SLOT_BUSY" }));
    cursorAt(list, list.slotOf(2)!);
    expect(() => list.removeSlot(one)).toThrow(expect.objectContaining({ code: "SLOT_BUSY" }));
    ksmEnter(list, 3, { atTail: false });
    const three = list.slotOf(3)!;
    cursorAt(list, list.head);
    list.removeSlot(three);
    expect(() => list.removeSlot(three)).toThrow(expect.objectContaining({ code: "NOT_REGISTERED" }));
    expect(order(list)).toEqual([1, 2]);
  });
});
