/** Unmapping page-table entries (zap_pte_range). */
import { PG_FREE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import { isKsmZeroPte, PTE_PAGE, PTE_SWAP, PTE_ZERO, pteKind, ptePayload } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { putMappingRef } from "./lru.js";
import { freeSwapAndCache, freeSwapCache } from "./release.js";

/**
 * zapPteRange (kernel zap_pte_range): clear the PTEs of pages [start, end).
 * A mapped frame loses a mapping and its reference (parked in the deferred
 * batch if it was the last); an unmapped swap-cache frame leaves the cache
 * when no swap PTE needs it (free_swap_cache); a swap PTE drops its slot
 * count (free_swap_and_cache); a KSM zero-page PTE tells KSM
 * (ksm_might_unmap_zero_page).
 */
export function zapPteRange(m: Machine, vma: Vma, start: number, end: number): void {
  const ptes = vma.table;
  if (ptes === null) return;
  const f = m.frames;
  for (let i = ptes.nextMapped(start, end); i >= 0; i = ptes.nextMapped(i + 1, end)) {
    const pte = ptes.get(i);
    ptes.set(i, 0);
    const kind = pteKind(pte);
    if (kind === PTE_PAGE) {
      const pfn = ptePayload(pte);
      if ((f.flags[pfn]! & PG_FREE) !== 0) throw new Error(`zapPteRange: pfn ${pfn} is free`);
      f.decMapCount(pfn);
      freeSwapCache(m, pfn);
      putMappingRef(m, pfn);
    } else if (kind === PTE_ZERO) {
      if (isKsmZeroPte(pte)) m.hooks.ksmZeroPageUnmapped(vma.mm);
    } else if (kind === PTE_SWAP) {
      freeSwapAndCache(m, ptePayload(pte));
    }
  }
}
