/** Write-protect faults: reuse in place or copy on write (do_wp_page and friends). */
import { fail } from "../errors.js";
import { PG_ANON_EXCLUSIVE, PG_KSM, PG_LOCKED, PG_SWAPCACHE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import {
  isKsmZeroPte,
  mkPagePte,
  PTE_DIRTY,
  PTE_PAGE,
  PTE_WRITE,
  PTE_ZERO,
  pteKind,
  ptePayload,
} from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { allocForVma } from "./alloc.js";
import { anonVmaPrepare, newAnonRmap } from "./anon-fault.js";
import { lruAdd, lruAddDrain } from "./lru.js";
import { folioFreeSwap, folioPut, freeSwapCache } from "./release.js";

/**
 * wpCanReuseAnonFolio (kernel wp_can_reuse_anon_folio): may a write fault
 * reuse this anon frame in place? Never a KSM frame. A frame still in the
 * lru_add batch makes the CPU drain it first (`!folio_test_lru` →
 * lru_add_drain); then only the mapping's reference (and the swap cache's,
 * which is dropped if no swap PTE needs the slot) may remain, and the frame
 * must not be locked. On success the frame moves to this VMA's anon_vma.
 */
export function wpCanReuseAnonFolio(m: Machine, pfn: number, vma: Vma): boolean {
  const f = m.frames;
  if ((f.flags[pfn]! & PG_KSM) !== 0 || f.ref(pfn) > 3) return false;
  if (m.lruAddBatch.count(pfn) > 0) lruAddDrain(m);
  if (f.ref(pfn) > 1 + ((f.flags[pfn]! & PG_SWAPCACHE) !== 0 ? 1 : 0)) return false;
  if ((f.flags[pfn]! & PG_LOCKED) !== 0) return false;
  if ((f.flags[pfn]! & PG_SWAPCACHE) !== 0) folioFreeSwap(m, pfn);
  if ((f.flags[pfn]! & PG_KSM) !== 0 || f.ref(pfn) !== 1) return false;
  f.mapping[pfn] = vma.anonVma; // folio_move_anon_rmap
  return true;
}

/** The decision of {@link wpCanReuseAnonFolio} (after PageAnonExclusive), without its side effects: for ENOMEM checks. */
export function wpWouldReuse(m: Machine, pfn: number): boolean {
  const f = m.frames;
  const flags = f.flags[pfn]!;
  if ((flags & PG_KSM) !== 0) return false;
  if ((flags & PG_ANON_EXCLUSIVE) !== 0) return true;
  let rc = f.ref(pfn);
  if (rc > 3) return false;
  rc -= m.lruAddBatch.count(pfn);
  let sc = (flags & PG_SWAPCACHE) !== 0 ? 1 : 0;
  if (rc > 1 + sc) return false;
  if ((flags & PG_LOCKED) !== 0) return false;
  if (sc === 1 && m.swap.count[m.swap.slotOf.get(pfn)!] === 0) {
    rc--;
    sc = 0;
  }
  return rc === 1;
}

/**
 * wpPageCopy (kernel wp_page_copy): a new exclusive frame with a copy of the
 * old one (or zeroed, for the zero page) replaces it in this PTE; writable
 * and dirty for a write, read-only for an unshare fault. The old frame loses
 * the mapping and its reference at once (folio_put, no batching); writing
 * over a KSM zero page tells KSM.
 */
export function wpPageCopy(m: Machine, vma: Vma, page: number, unshare: boolean): number {
  const ptes = vma.table!;
  const old = ptes.get(page);
  anonVmaPrepare(m, vma);
  const pfn = allocForVma(m, vma, page);
  if (pfn < 0) fail("ENOMEM", `${vma.describe()}: no free frame to copy page ${page}`);
  const isZero = pteKind(old) === PTE_ZERO;
  const oldPfn = ptePayload(old);
  if (isZero) m.contents.zero(pfn);
  else m.contents.copy(pfn, oldPfn);
  newAnonRmap(m, vma, page, pfn, true);
  ptes.set(page, mkPagePte(pfn, unshare ? 0 : PTE_WRITE | PTE_DIRTY));
  lruAdd(m, pfn);
  if (isZero) {
    if (isKsmZeroPte(old)) m.hooks.ksmZeroPageUnmapped(vma.mm);
  } else {
    m.frames.decMapCount(oldPfn);
    freeSwapCache(m, oldPfn);
    folioPut(m, oldPfn);
  }
  return pfn;
}

/**
 * doWpPage (kernel do_wp_page) on a read-only PAGE or ZERO PTE, for a write
 * (`unshare` false) or a FAULT_FLAG_UNSHARE fault: an exclusive or reusable
 * anon frame is reused in place (made writable and dirty for a write), else
 * copied; copying a KSM frame counts `cow_ksm`, even when the bytes written
 * are the same. Returns the pfn now mapped.
 */
export function doWpPage(m: Machine, vma: Vma, page: number, unshare: boolean): number {
  const ptes = vma.table!;
  const pte = ptes.get(page);
  if (pteKind(pte) !== PTE_PAGE) return wpPageCopy(m, vma, page, unshare);
  const pfn = ptePayload(pte);
  const f = m.frames;
  if ((f.flags[pfn]! & PG_ANON_EXCLUSIVE) !== 0 || wpCanReuseAnonFolio(m, pfn, vma)) {
    f.flags[pfn]! |= PG_ANON_EXCLUSIVE;
    if (!unshare) ptes.set(page, pte | PTE_WRITE | PTE_DIRTY); // wp_page_reuse
    return pfn;
  }
  if ((f.flags[pfn]! & PG_KSM) !== 0) m.vmEvents.cowKsm++;
  return wpPageCopy(m, vma, page, unshare);
}
