import type { MmList } from "./mm-list.js";

/** Options of {@link ksmEnter}. */
export interface KsmEnterOptions {
  /** `ksm_run & KSM_RUN_UNMERGE`: insert at the tail instead of just behind the cursor. */
  atTail: boolean;
}

/**
 * The list handling of `__ksm_enter`: a new slot for `mm`, at the tail when
 * `atTail` (run=2, so the unmerge pass cannot miss a forked mm), else just
 * behind the cursor (`list_add_tail(&slot->mm_node, &ksm_scan.mm_slot->slot.mm_node)`):
 * the tail between full scans; inside a pass, the rest of the pass does not
 * reach it. Returns whether the list was empty before (ksmd must be woken).
 * Throws `ALREADY_REGISTERED` (the kernel tests MMF_VM_MERGEABLE first).
 */
export function ksmEnter(list: MmList, mm: number, options: KsmEnterOptions): boolean {
  const wasEmpty = list.isEmpty();
  list.addSlot(mm, options.atTail ? list.head : list.scan.mmSlot);
  return wasEmpty;
}

/**
 * What {@link ksmExitPlacement} did:
 * - `not-found`: no slot (ksmd already unregistered the mm);
 * - `cursor`: the slot is the cursor's; left for ksmd;
 * - `easy-to-free`: no rmap_items; the slot is unregistered now (the caller
 *   clears MMF_VM_MERGEABLE and MMF_VM_MERGE_ANY);
 * - `moved`: moved to just after the cursor, so ksmd frees its items next.
 */
export type ExitPlacement = "not-found" | "cursor" | "easy-to-free" | "moved";

/** The list handling of `__ksm_exit` for an exiting `mm`. */
export function ksmExitPlacement(list: MmList, mm: number): ExitPlacement {
  const slot = list.slotOf(mm);
  if (slot === undefined) return "not-found";
  if (slot === list.scan.mmSlot) return "cursor";
  if (slot.rmapList === 0) {
    list.removeSlot(slot);
    return "easy-to-free";
  }
  list.moveSlotAfter(slot, list.scan.mmSlot);
  return "moved";
}
