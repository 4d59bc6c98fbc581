import { expect } from "vitest";
import { checkRmap, getNextRmapItem, MmList, type MmSlot, RmapItems, rmapItemsOfSlot } from "../src/index.js";

/** A fresh store and list. */
export function fresh(): { items: RmapItems; list: MmList } {
  const items = new RmapItems();
  return { items, list: new MmList(items) };
}

/** The mm ids of the list, in order. */
export function order(list: MmList): number[] {
  return [...list.slots()].map((s) => s.mm);
}

/** The addresses of a slot's items, in list order. */
export function addresses(list: MmList, slot: MmSlot): number[] {
  return [...rmapItemsOfSlot(list, slot)].map((id) => list.items.addressOf(id));
}

/** Puts the cursor at the start of `slot` (the kernel's `next_mm:`). */
export function cursorAt(list: MmList, slot: MmSlot): void {
  list.scan.mmSlot = slot;
  list.scan.address = 0;
  list.scan.rmapLink = 0;
}

/** Walks `slot` as a scan pass would: getNextRmapItem + advanceLinkTo for each address. */
export function walk(list: MmList, slot: MmSlot, addrs: number[], onStale: (id: number) => void = () => {}): number[] {
  cursorAt(list, slot);
  return addrs.map((a) => {
    const id = getNextRmapItem(list, slot, a, onStale);
    list.scan.rmapLink = id;
    return id;
  });
}

export function expectConsistent(items: RmapItems, list: MmList): void {
  expect(checkRmap(items, list)).toEqual([]);
}
