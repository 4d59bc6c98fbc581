/**
 * Page-table lookups for the KSM scanner: allocation-free, called millions
 * of times per full scan.
 */
import { PTE_KIND_MASK, PTE_PAGE, PTE_PAYLOAD_SHIFT } from "./pte.js";
import type { Vma } from "./vma.js";

/**
 * The first page index >= `fromPage` whose PTE maps a present anon (or KSM)
 * frame, or -1: NONE, ZERO (the KSM zero page too) and SWAP are skipped, as
 * the 6.18 scanner's range walk skips holes (`scan_get_next_rmap_item`).
 */
export function nextPresentAnon(vma: Vma, fromPage: number): number {
  const ptes = vma.ptes;
  if (ptes === null) return -1;
  const n = ptes.length;
  for (let i = Math.max(fromPage, 0); i < n; i++) {
    if ((ptes[i]! & PTE_KIND_MASK) === PTE_PAGE) return i;
  }
  return -1;
}

/** followPage (kernel `folio_walk_start` / `follow_page`): the pfn a present PTE maps, or -1 (none, zero page, swap). */
export function followPage(vma: Vma, page: number): number {
  const ptes = vma.ptes;
  if (ptes === null || page < 0 || page >= ptes.length) return -1;
  const pte = ptes[page]!;
  return (pte & PTE_KIND_MASK) === PTE_PAGE ? pte >>> PTE_PAYLOAD_SHIFT : -1;
}

/** The raw PTE of page `page` (0 = none). */
export function pteAt(vma: Vma, page: number): number {
  const ptes = vma.ptes;
  return ptes === null ? 0 : (ptes[page] ?? 0);
}
