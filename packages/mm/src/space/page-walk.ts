/**
 * Page-table lookups for the KSM scanner and everyone else outside mm:
 * allocation-free, called millions of times per full scan. Walks skip the
 * ranges of a page table never touched a chunk (512 pages) at a time, so a
 * scan of a huge, barely used VMA costs what is touched.
 */
import { ptePfn } from "./pte.js";
import type { Vma } from "./vma.js";

/**
 * The first page index >= `fromPage` whose PTE maps a present anon (or KSM)
 * frame, or -1: NONE, ZERO (the KSM zero page too) and SWAP are skipped, as
 * the 6.18 scanner's range walk skips holes (`scan_get_next_rmap_item`).
 */
export function nextPresentAnon(vma: Vma, fromPage: number): number {
  const table = vma.table;
  return table === null ? -1 : table.nextPresent(fromPage);
}

/** The first page index >= `fromPage` whose PTE is not none (a frame, a zero page or a swap entry), or -1. */
export function nextMappedPte(vma: Vma, fromPage: number): number {
  const table = vma.table;
  return table === null ? -1 : table.nextMapped(fromPage);
}

/** followPage (kernel `folio_walk_start` / `follow_page`): the pfn a present PTE maps, or -1 (none, zero page, swap). */
export function followPage(vma: Vma, page: number): number {
  const table = vma.table;
  if (table === null || !(page >= 0 && page < table.pages)) return -1;
  return ptePfn(table.get(page));
}

/** The raw PTE of page `page` (0 = none, also outside the VMA). */
export function pteAt(vma: Vma, page: number): number {
  const table = vma.table;
  if (table === null || !(page >= 0 && page < table.pages)) return 0;
  return table.get(page);
}
