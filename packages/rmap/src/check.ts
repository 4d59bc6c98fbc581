import { STABLE_FLAG, UNSTABLE_FLAG } from "./flags.js";
import type { MmList } from "./mm-list.js";
import type { RmapItems } from "./rmap-items.js";

/**
 * Checks the rmap invariants and returns one message per violation (empty
 * when consistent):
 * - the mm list is a well-linked circle through the head, holding exactly the
 *   hashed slots, each hashed under its own mm;
 * - each slot's rmap_item list is sorted strictly by address and holds only
 *   allocated items of that slot's mm (so no freed id is reachable);
 * - every allocated item is on exactly one list;
 * - no item is both STABLE and UNSTABLE;
 * - `ksm_rmap_items` and every `mm->ksm_rmap_items` equal a recount;
 * - the cursor is the head or a listed slot, and (off the head) its link is
 *   the slot head or an item of that slot's list.
 */
export function checkRmap(items: RmapItems, list: MmList): string[] {
  const bad: string[] = [];
  if (list.items !== items) bad.push("the list does not use this item store");

  const seen = new Set<number>();
  const listed = new Set<unknown>();
  let slots = 0;
  let prev = list.head;
  for (let slot = list.head.next; slot !== list.head; slot = slot.next) {
    if (slot.prev !== prev) bad.push(`mm ${slot.mm}: prev link does not point back`);
    if (listed.has(slot) || slots > list.size) {
      bad.push("the mm list does not return to its head");
      break;
    }
    listed.add(slot);
    slots++;
    if (list.slotOf(slot.mm) !== slot) bad.push(`mm ${slot.mm}: listed slot is not the hashed one`);
    let last = -1;
    for (let id = slot.rmapList; id !== 0; id = items.rmapNext[id]!) {
      if (!items.isAllocated(id)) {
        bad.push(`mm ${slot.mm}: item ${id} on the list is not allocated`);
        break;
      }
      if (seen.has(id)) {
        bad.push(`mm ${slot.mm}: item ${id} reached twice`);
        break;
      }
      seen.add(id);
      if (items.mmOf(id) !== slot.mm) bad.push(`mm ${slot.mm}: item ${id} belongs to mm ${items.mmOf(id)}`);
      const a = items.addressOf(id);
      if (!(a > last)) bad.push(`mm ${slot.mm}: item ${id} at ${a} does not follow ${last}`);
      last = a;
      const f = items.flags[id]!;
      if (f & STABLE_FLAG && f & UNSTABLE_FLAG) bad.push(`item ${id}: both STABLE and UNSTABLE`);
    }
    prev = slot;
  }
  if (list.head.prev !== prev) bad.push("head prev link is not the last slot");
  if (slots !== list.size) bad.push(`${slots} slots listed, ${list.size} hashed`);

  const recount = new Map<number, number>();
  let allocated = 0;
  for (let id = 1; id < items.highWater; id++) {
    if (!items.isAllocated(id)) continue;
    allocated++;
    const mm = items.mmOf(id);
    recount.set(mm, (recount.get(mm) ?? 0) + 1);
    if (!seen.has(id)) bad.push(`item ${id} (mm ${mm}) is on no list`);
  }
  if (allocated !== items.ksmRmapItems) bad.push(`ksm_rmap_items ${items.ksmRmapItems}, recount ${allocated}`);
  for (const [mm, n] of recount) {
    if (items.rmapItemsOf(mm) !== n) bad.push(`mm ${mm}: ksm_rmap_items ${items.rmapItemsOf(mm)}, recount ${n}`);
  }
  for (const [mm, n] of items.perMmCounts()) {
    if (!recount.has(mm)) bad.push(`mm ${mm}: ksm_rmap_items ${n}, recount 0`);
  }

  const { mmSlot, rmapLink } = list.scan;
  if (mmSlot !== list.head) {
    if (!listed.has(mmSlot)) bad.push(`cursor slot (mm ${mmSlot.mm}) is not on the list`);
    else if (rmapLink !== 0 && !(items.isAllocated(rmapLink) && onList(items, mmSlot.rmapList, rmapLink))) {
      bad.push(`cursor link ${rmapLink} is not on mm ${mmSlot.mm}'s list`);
    }
  }
  return bad;
}

function onList(items: RmapItems, first: number, target: number): boolean {
  let n = items.highWater;
  for (let id = first; id !== 0 && n-- > 0; id = items.rmapNext[id]!) if (id === target) return true;
  return false;
}
