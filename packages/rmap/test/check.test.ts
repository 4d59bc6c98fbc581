import { describe, expect, it } from "vitest";
import { checkRmap, ksmEnter, MmList, RmapItems, STABLE_FLAG, UNSTABLE_FLAG } from "../src/index.js";
import { cursorAt, fresh, walk } from "./helpers.js";

function twoMms() {
  const { items, list } = fresh();
  ksmEnter(list, 1, { atTail: false });
  ksmEnter(list, 2, { atTail: false });
  const one = list.slotOf(1)!;
  const two = list.slotOf(2)!;
  const a = walk(list, one, [1, 2, 3]);
  const b = walk(list, two, [5, 6]);
  return { items, list, one, two, a: a as [number, number, number], b: b as [number, number] };
}

describe("checkRmap", () => {
  it("accepts a consistent state", () => {
    const { items, list } = twoMms();
    expect(checkRmap(items, list)).toEqual([]);
  });

  it("reports an unsorted list", () => {
    const { items, list, a } = twoMms();
    items.setAddress(a[1]!, 7);
    expect(checkRmap(items, list)).toEqual(["mm 1: item 3 at 3 does not follow 7"]);
  });

  it("reports a freed item still reachable, an item of another mm and an item on no list", () => {
    const freed = twoMms();
    freed.items.free(freed.a[1]); // still linked from a[0]; free() reuses its rmapNext, so a[2] is cut off
    expect(checkRmap(freed.items, freed.list)).toEqual([
      "mm 1: item 2 on the list is not allocated",
      "item 3 (mm 1) is on no list",
    ]);
    const foreign = twoMms();
    foreign.items.setMm(foreign.a[2]!, 2);
    expect(checkRmap(foreign.items, foreign.list)).toEqual([
      "mm 1: item 3 belongs to mm 2",
      "mm 1: ksm_rmap_items 3, recount 2",
      "mm 2: ksm_rmap_items 2, recount 3",
    ]);
    const cut = twoMms();
    cut.items.rmapNext[cut.a[1]] = 0;
    expect(checkRmap(cut.items, cut.list)).toEqual(["item 3 (mm 1) is on no list"]);
  });

  it("reports a cycle, an item on two lists and both tree flags", () => {
    const { items, list, a } = twoMms();
    items.rmapNext[a[2]] = a[0];
    expect(checkRmap(items, list)).toContain("mm 1: item 1 reached twice");
    const t = twoMms();
    t.items.rmapNext[t.b[1]] = t.a[2];
    expect(checkRmap(t.items, t.list)).toContain("mm 2: item 3 reached twice");
    const f = twoMms();
    f.items.flags[f.b[0]] = STABLE_FLAG | UNSTABLE_FLAG;
    expect(checkRmap(f.items, f.list)).toEqual(["item 4: both STABLE and UNSTABLE"]);
  });

  it("reports a cursor link outside the cursor slot's list and a cursor slot off the list", () => {
    const { items, list, two, a } = twoMms();
    cursorAt(list, two);
    list.scan.rmapLink = a[0];
    expect(checkRmap(items, list)).toEqual(["cursor link 1 is not on mm 2's list"]);
    const other = new MmList(items);
    ksmEnter(other, 7, { atTail: false });
    list.scan.mmSlot = other.slotOf(7)!;
    expect(checkRmap(items, list)).toEqual(["cursor slot (mm 7) is not on the list"]);
    expect(checkRmap(new RmapItems(), list)[0]).toBe("the list does not use this item store");
  });

  it("reports broken list links", () => {
    const { items, list, one } = twoMms();
    cursorAt(list, list.head);
    one.prev = one;
    expect(checkRmap(items, list)).toEqual(["mm 1: prev link does not point back"]);
  });
});
