import { RmapError } from "./errors.js";
import type { MmList, MmSlot } from "./mm-list.js";

/** Called with an item that is unlinked from its mm's list and about to be freed. */
export type RemoveItemFn = (id: number) => void;

/** `*ksm_scan.rmap_list`. */
function readLink(list: MmList): number {
  const link = list.scan.rmapLink;
  return link === 0 ? list.scan.mmSlot.rmapList : list.items.rmapNext[link]!;
}

/** `*ksm_scan.rmap_list = id`. */
function writeLink(list: MmList, id: number): void {
  const link = list.scan.rmapLink;
  if (link === 0) list.scan.mmSlot.rmapList = id;
  else list.items.rmapNext[link] = id;
}

/**
 * `get_next_rmap_item(mm_slot, ksm_scan.rmap_list, addr)`, exactly: walks
 * the list from the cursor's link; items with a smaller address are unlinked,
 * passed to `onStale` (the engine's `remove_rmap_item_from_tree`) in address
 * order and freed; returns the item at `addr`, or a new zeroed one linked at
 * the link. The link itself does not move: the caller then does
 * {@link advanceLinkTo} with the result (`ksm_scan.rmap_list = &rmap_item->rmap_list`).
 */
export function getNextRmapItem(list: MmList, slot: MmSlot, addr: number, onStale: RemoveItemFn): number {
  if (slot !== list.scan.mmSlot || slot === list.head) {
    throw new RmapError("NOT_CURSOR_SLOT", `getNextRmapItem: mm ${slot.mm} is not under the cursor`);
  }
  const items = list.items;
  for (let id = readLink(list); id !== 0; id = readLink(list)) {
    const a = items.addressOf(id);
    if (a === addr) return id;
    if (a > addr) break;
    writeLink(list, items.rmapNext[id]!);
    onStale(id);
    items.free(id);
  }
  const id = items.alloc(slot.mm, addr);
  items.rmapNext[id] = readLink(list);
  writeLink(list, id);
  return id;
}

/** `ksm_scan.rmap_list = &rmap_item->rmap_list`. */
export function advanceLinkTo(list: MmList, id: number): void {
  list.scan.rmapLink = id;
}

/** `ksm_scan.address = 0; ksm_scan.rmap_list = &slot->rmap_list` (start of an mm, or an exiting one). */
export function rewindCursor(list: MmList): void {
  list.scan.address = 0;
  list.scan.rmapLink = 0;
}

/**
 * `remove_trailing_rmap_items(ksm_scan.rmap_list)`: every item from the
 * cursor's link to the end of the list is unlinked, passed to `onRemove`
 * (`remove_rmap_item_from_tree`) and freed.
 */
export function removeTrailingRmapItems(list: MmList, onRemove: RemoveItemFn): void {
  const items = list.items;
  for (let id = readLink(list); id !== 0; id = readLink(list)) {
    writeLink(list, items.rmapNext[id]!);
    onRemove(id);
    items.free(id);
  }
}

/**
 * `remove_trailing_rmap_items(&mm_slot->rmap_list)` as run=2
 * (`unmerge_and_remove_all_rmap_items`) and exiting mms use it: all of the
 * slot's items, in address order. If the slot is the cursor's, the cursor's
 * link is reset to the slot head (the kernel leaves a dangling pointer there
 * that it never reads before resetting it).
 */
export function removeAllRmapItemsOf(list: MmList, slot: MmSlot, onRemove: RemoveItemFn): void {
  const items = list.items;
  if (slot === list.scan.mmSlot) list.scan.rmapLink = 0;
  for (let id = slot.rmapList; id !== 0; id = slot.rmapList) {
    slot.rmapList = items.rmapNext[id]!;
    onRemove(id);
    items.free(id);
  }
}

/** The item ids of a slot's list, in address order. */
export function* rmapItemsOfSlot(list: MmList, slot: MmSlot): IterableIterator<number> {
  for (let id = slot.rmapList; id !== 0; id = list.items.rmapNext[id]!) yield id;
}
