/** Faults on pages that have no PTE yet. */
import { fail } from "../errors.js";
import { PG_ANON, PG_ANON_EXCLUSIVE, PG_UPTODATE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import { PageTable } from "../space/page-table.js";
import { mkPagePte, PTE_DIRTY, PTE_WRITE } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { allocForVma } from "./alloc.js";
import { lruAdd } from "./lru.js";

/** The VMA's page table, made at its first fault (its chunks are made as they are touched: pte_alloc). */
export function ptesOf(vma: Vma): PageTable {
  if (vma.table === null) vma.table = new PageTable(vma.pages);
  return vma.table;
}

/** anon_vma_prepare: the VMA's anon_vma, made at its first anon fault. */
export function anonVmaPrepare(m: Machine, vma: Vma): number {
  if (vma.anonVma === 0) vma.anonVma = m.anonVmas.create();
  return vma.anonVma;
}

/**
 * Sets up a frame just allocated for page `page` of `vma` as a new exclusive
 * anon folio (folio_add_new_anon_rmap with RMAP_EXCLUSIVE): one mapping,
 * mapping = the VMA's anon_vma, index = the page's linear index.
 */
export function newAnonRmap(m: Machine, vma: Vma, page: number, pfn: number, exclusive: boolean): void {
  const f = m.frames;
  f.flags[pfn]! |= PG_ANON | PG_UPTODATE | (exclusive ? PG_ANON_EXCLUSIVE : 0);
  f.mapping[pfn] = anonVmaPrepare(m, vma);
  f.setIndex(pfn, vma.start + page);
  f.incMapCount(pfn);
}

/**
 * doAnonymousPage (kernel do_anonymous_page) for a write: a new frame on the
 * VMA's policy node, mapped writable and dirty, added to the lru_add batch.
 * Its contents are left to the caller (the write fills the whole page).
 * Returns the pfn.
 */
export function doAnonymousPage(m: Machine, vma: Vma, page: number): number {
  anonVmaPrepare(m, vma);
  const pfn = allocForVma(m, vma, page);
  if (pfn < 0) fail("ENOMEM", `${vma.describe()}: no free frame for page ${page}`);
  newAnonRmap(m, vma, page, pfn, true);
  ptesOf(vma).set(page, mkPagePte(pfn, PTE_WRITE | PTE_DIRTY));
  lruAdd(m, pfn);
  return pfn;
}
