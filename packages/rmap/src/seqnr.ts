import { KSM_FLAG_MASK, SEQNR_MASK, STABLE_FLAG, UNSTABLE_FLAG } from "./flags.js";
import type { RmapItems } from "./rmap-items.js";

/**
 * The flag bits of `unstable_tree_search_insert` when it links the item:
 * `address |= UNSTABLE_FLAG | (ksm_scan.seqnr & SEQNR_MASK)`, `nid = nid`.
 */
export function setUnstable(items: RmapItems, id: number, seqnr: number, nid: number): void {
  items.flags[id]! |= UNSTABLE_FLAG | (seqnr & SEQNR_MASK);
  items.setNid(id, nid);
}

/**
 * The item half of `stable_tree_append`: `head = stable_node`,
 * `address |= STABLE_FLAG`. Linking into the node's hlist is the engine's.
 */
export function setStable(items: RmapItems, id: number, head: number): void {
  items.setHead(id, head);
  items.flags[id]! |= STABLE_FLAG;
}

/**
 * `remove_rmap_item_from_tree`'s `age = (unsigned char)(ksm_scan.seqnr - rmap_item->address)`:
 * 0 if the item entered the unstable tree during the current full scan (it is
 * still linked), 1 if during the previous one (that tree is already reset).
 */
export function unstableAge(items: RmapItems, id: number, seqnr: number): number {
  return (seqnr - (items.flags[id]! & SEQNR_MASK)) & SEQNR_MASK;
}

/** `rmap_item->address & STABLE_FLAG`. */
export function isStable(items: RmapItems, id: number): boolean {
  return (items.flags[id]! & STABLE_FLAG) !== 0;
}

/** `rmap_item->address & UNSTABLE_FLAG`. */
export function isUnstable(items: RmapItems, id: number): boolean {
  return (items.flags[id]! & UNSTABLE_FLAG) !== 0;
}

/** `rmap_item->address &= PAGE_MASK`: drop STABLE/UNSTABLE and the seqnr bits. */
export function clearTreeFlags(items: RmapItems, id: number): void {
  items.flags[id]! &= ~KSM_FLAG_MASK;
}
