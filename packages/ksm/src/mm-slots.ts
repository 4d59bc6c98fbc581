/** Registering mms with KSM: __ksm_enter, __ksm_exit, ksm_fork, and dropping a slot. */
import { MMF_VM_MERGE_ANY, MMF_VM_MERGEABLE, type Mm } from "@ksm-sim/mm";
import { ksmExitPlacement, type MmSlot, ksmEnter as rmapKsmEnter } from "@ksm-sim/rmap";
import { KSM_RUN_UNMERGE } from "./constants.js";
import type { KsmState } from "./engine.js";

/**
 * __ksm_enter: register `mm`: just behind the scan cursor (the tail between
 * full scans), or at the tail while run=2 unmerges (the 2013 fix; without
 * it, behind the unmerge cursor).
 */
export function ksmEnter(k: KsmState, mm: Mm): void {
  const atTail = (k.run & KSM_RUN_UNMERGE) !== 0 && k.fixes.enterAtTailWhileUnmerging;
  rmapKsmEnter(k.list, mm.id, { atTail });
  k.mms.set(mm.id, mm);
  mm.flags |= MMF_VM_MERGEABLE;
  k.tracer.enter(mm.id);
}

/** __ksm_exit (via ksm_exit when MMF_VM_MERGEABLE is set). */
export function ksmExit(k: KsmState, mm: Mm): void {
  if ((mm.flags & MMF_VM_MERGEABLE) === 0) return;
  const placement = ksmExitPlacement(k.list, mm.id);
  if (placement === "easy-to-free") {
    k.mms.delete(mm.id);
    mm.flags &= ~(MMF_VM_MERGE_ANY | MMF_VM_MERGEABLE);
  }
  k.tracer.exit(mm.id);
}

/** ksm_fork: a child of a registered parent starts with zeroed counters (but its zero pages) and is registered. */
export function ksmFork(k: KsmState, child: Mm, parent: Mm): void {
  if ((parent.flags & MMF_VM_MERGEABLE) === 0) return;
  child.ksmMergingPages = 0;
  child.ksmRmapItems = 0;
  k.ksmZeroPages += child.ksmZeroPages;
  ksmEnter(k, child);
}

/** The end of scan_get_next_rmap_item's pass over an mm that exits or has no mergeable VMA: hash_del, list_del, free. */
export function unregisterSlot(k: KsmState, slot: MmSlot, mm: Mm): void {
  k.list.removeSlot(slot);
  k.mms.delete(mm.id);
  if (k.scanSlot === slot) k.scanSlot = k.scanSlotMm = null; // hold no freed mm
  mm.flags &= ~MMF_VM_MERGEABLE; // 6.18 keeps MMF_VM_MERGE_ANY
}
