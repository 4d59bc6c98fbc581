/** The swapout step: reclaim as shrink_folio_list does, up to the write-out. */
import { PG_ANON_EXCLUSIVE, PG_DIRTY, PG_LOCKED, PG_SWAPCACHE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import { mkSwapPte, PTE_DIRTY, ptePfn } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { lruAddDrain } from "./lru.js";
import { deleteFromSwapCache } from "./release.js";
import { framesInRange, rmapWalk } from "./rmap.js";
import { checkRange, checkVma } from "./validate.js";

export interface SwapoutResult {
  /** Distinct frames unmapped into the swap cache. */
  frames: number;
  /** PTEs (over every process) that became swap entries. */
  ptes: number;
  /** Frames left alone: locked, or no free swap slot. */
  skipped: number;
}

/**
 * Reclaims the frames behind pages [start, start+count) of `vma`, each once
 * for all its mappers: add_to_swap (a slot, the swap cache's reference, the
 * contents written to the slot), then try_to_unmap: every PTE mapping it, in
 * any process, becomes a swap entry for that slot (exclusive if the frame
 * was PageAnonExclusive). The frame stays in the swap cache, as while its
 * write-out is in flight, until a fault takes it back, its last swap entry
 * goes, or shrinkSwapCache frees it. As in the kernel, a plain
 * get_user_pages reference does not stop the unmap; it only keeps the frame
 * in the cache. This CPU's lru batch is drained first (madvise_pageout's
 * lru_add_drain), so new frames can be isolated.
 */
export function swapout(m: Machine, mm: Mm, vma: Vma, start?: number, count?: number): SwapoutResult {
  checkVma(m, mm, vma);
  const n = checkRange(vma, start, count);
  const s = start ?? 0;
  lruAddDrain(m);
  const f = m.frames;
  const swap = m.swap;
  const targets = new Map<number, number>(); // pfn → slot
  const exclusive = new Set<number>();
  let skipped = 0;
  for (const pfn of framesInRange(vma, s, s + n)) {
    if ((f.flags[pfn]! & PG_LOCKED) !== 0) {
      skipped++;
      continue;
    }
    let slot: number;
    if ((f.flags[pfn]! & PG_SWAPCACHE) !== 0) {
      slot = swap.slotOf.get(pfn)!;
    } else {
      slot = swap.alloc();
      if (slot < 0) {
        skipped++;
        continue;
      }
      f.flags[pfn]! |= PG_SWAPCACHE;
      f.incRef(pfn);
      swap.cache[slot] = pfn;
      swap.slotOf.set(pfn, slot);
    }
    swap.store.copyFrom(slot, m.contents, pfn); // pageout
    m.vmEvents.pswpout++;
    if ((f.flags[pfn]! & PG_ANON_EXCLUSIVE) !== 0) exclusive.add(pfn);
    targets.set(pfn, slot);
  }
  let ptes = 0;
  rmapWalk(m, targets, (v, page, pte) => {
    const pfn = ptePfn(pte);
    if ((pte & PTE_DIRTY) !== 0) f.flags[pfn]! |= PG_DIRTY;
    const slot = targets.get(pfn)!;
    v.table!.set(page, mkSwapPte(slot, exclusive.has(pfn)));
    swap.count[slot]!++;
    f.decMapCount(pfn);
    f.decRef(pfn); // the PTE's reference; the swap cache still holds one
    ptes++;
  });
  for (const pfn of targets.keys()) f.flags[pfn]! &= ~PG_ANON_EXCLUSIVE;
  return { frames: targets.size, ptes, skipped };
}

/**
 * The next reclaim pass after the write-out (__remove_mapping): every
 * swap-cache frame that nobody maps and nothing else holds (no pin, not
 * locked) leaves the cache and is freed; its slot keeps the data for the
 * swap entries. Returns how many frames were freed.
 */
export function shrinkSwapCache(m: Machine): number {
  const f = m.frames;
  const victims: number[] = [];
  for (const pfn of m.swap.slotOf.keys()) {
    if (f.mapCount(pfn) === 0 && f.ref(pfn) === 1 && (f.flags[pfn]! & PG_LOCKED) === 0) victims.push(pfn);
  }
  for (const pfn of victims) deleteFromSwapCache(m, pfn);
  return victims.length;
}
