/** The run knob: run_store and unmerge_and_remove_all_rmap_items. */
import { VM_MERGEABLE } from "@ksm-sim/mm";
import { removeAllRmapItemsOf } from "@ksm-sim/rmap";
import { KSM_RUN_STOP, KSM_RUN_UNMERGE } from "./constants.js";
import type { KsmState } from "./engine.js";
import { checkUnmergeComplete } from "./leak-check.js";
import { ksmTestExit, unmergeKsmPages } from "./merge.js";
import { unregisterSlot } from "./mm-slots.js";
import { removeAllStableNodes, removeRmapItemFromTree } from "./remove.js";

/** Called by the unmerge pass after it finished an mm: the scenario's `during` steps hook in here. */
export type AfterMmFn = (mmId: number) => void;

/**
 * unmerge_and_remove_all_rmap_items: walk the mm list with the scan cursor;
 * unshare every KSM page of every mergeable VMA, free all rmap_items, drop
 * exiting mms; then remove every stable node (busy ones stay) and reset
 * full_scans. Registrations and VM_MERGEABLE stay.
 */
export function unmergeAndRemoveAllRmapItems(k: KsmState, afterMm?: AfterMmFn): "ok" | "ENOMEM" {
  const list = k.list;
  k.unmergeDone = false;
  list.scan.mmSlot = list.head.next;
  for (let slot = list.scan.mmSlot; slot !== list.head; slot = list.scan.mmSlot) {
    const mm = k.mmOf(slot.mm);
    for (const vma of [...mm.vmas]) {
      if (ksmTestExit(mm)) break;
      if ((vma.flags & VM_MERGEABLE) === 0 || vma.anonVma === 0) continue;
      if (unmergeKsmPages(k, vma, vma.start, vma.end) !== "ok") {
        list.scan.mmSlot = list.head;
        return "ENOMEM";
      }
    }
    removeAllRmapItemsOf(list, slot, (id) => removeRmapItemFromTree(k, id));
    list.scan.mmSlot = slot.next;
    if (ksmTestExit(mm)) unregisterSlot(k, slot, mm);
    afterMm?.(mm.id);
  }
  if (k.fixes.removeAllStableNodes) removeAllStableNodes(k);
  list.scan.seqnr = 0;
  k.unmergeDone = true;
  checkUnmergeComplete(k);
  return "ok";
}

/**
 * run_store after parsing: the same value is a no-op; 2 unmerges everything
 * (on failure run goes back to 0 and the write fails).
 */
export function setRun(k: KsmState, value: number, afterMm?: AfterMmFn): "ok" | "ENOMEM" {
  if (value === k.run) return "ok";
  k.run = value;
  k.unmergeDone = false;
  if (value & KSM_RUN_UNMERGE) {
    const err = unmergeAndRemoveAllRmapItems(k, afterMm);
    if (err !== "ok") {
      k.run = KSM_RUN_STOP;
      return err;
    }
  }
  return "ok";
}
