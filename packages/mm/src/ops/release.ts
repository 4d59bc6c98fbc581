/** Dropping references, freeing frames, and leaving the swap cache. */
import { PG_DIRTY, PG_FREE, PG_LOCKED, PG_SWAPCACHE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";

/** free_unref_folios: the frame goes back to its node's free list; flags, mapping and contents are dropped. */
export function freeFrame(m: Machine, pfn: number): void {
  const f = m.frames;
  f.setRef(pfn, 0);
  f.setMapCount(pfn, 0);
  f.flags[pfn] = PG_FREE;
  f.mapping[pfn] = 0;
  f.setIndex(pfn, 0);
  m.contents.drop(pfn);
  m.freeLists.push(m.topology.nodeOfPfn(pfn), pfn);
}

/** folio_put: drop one reference; the last one frees the frame. */
export function folioPut(m: Machine, pfn: number): void {
  if (m.frames.decRef(pfn) === 0) freeFrame(m, pfn);
}

/**
 * delete_from_swap_cache: unlink frame and slot, drop the cache's reference.
 * The slot is released when no swap PTE names it any more.
 */
export function deleteFromSwapCache(m: Machine, pfn: number): void {
  const swap = m.swap;
  const slot = swap.slotOf.get(pfn)!;
  swap.slotOf.delete(pfn);
  swap.cache[slot] = -1;
  if (swap.count[slot] === 0) swap.release(slot);
  m.frames.flags[pfn]! &= ~PG_SWAPCACHE;
  folioPut(m, pfn);
}

/**
 * folio_free_swap: leave the swap cache if no swap PTE still needs the slot
 * (`folio_swapped` false); the data now lives only in memory, so the frame
 * becomes dirty. True when it left.
 */
export function folioFreeSwap(m: Machine, pfn: number): boolean {
  const f = m.frames;
  if ((f.flags[pfn]! & PG_SWAPCACHE) === 0) return false;
  const slot = m.swap.slotOf.get(pfn)!;
  if (m.swap.count[slot]! > 0) return false;
  f.flags[pfn]! |= PG_DIRTY;
  deleteFromSwapCache(m, pfn);
  return true;
}

/** free_swap_cache: after an unmap, a swap-cache frame nobody maps leaves the cache if it can (trylock). */
export function freeSwapCache(m: Machine, pfn: number): void {
  const f = m.frames;
  if ((f.flags[pfn]! & (PG_SWAPCACHE | PG_LOCKED)) === PG_SWAPCACHE && f.mapCount(pfn) === 0) folioFreeSwap(m, pfn);
}

/** swap_free: one swap PTE less names `slot`; the slot goes when neither a PTE nor the cache holds it. */
export function swapFree(m: Machine, slot: number): void {
  const swap = m.swap;
  const c = swap.count[slot]! - 1;
  swap.count[slot] = c;
  if (c === 0 && swap.cache[slot]! < 0) swap.release(slot);
}

/**
 * free_swap_and_cache: a swap PTE was zapped. When it was the last one, a
 * cached frame that nobody maps leaves the cache (`__try_to_reclaim_swap`
 * with TTRS_UNMAPPED), which frees it unless something else holds it.
 */
export function freeSwapAndCache(m: Machine, slot: number): void {
  swapFree(m, slot);
  if (m.swap.count[slot] !== 0) return;
  const pfn = m.swap.cache[slot]!;
  if (pfn < 0) return;
  const f = m.frames;
  if (f.mapCount(pfn) === 0 && (f.flags[pfn]! & PG_LOCKED) === 0) deleteFromSwapCache(m, pfn);
}
