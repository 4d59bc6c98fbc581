/** Faulting a swapped-out page back in (do_swap_page). */
import { fail } from "../errors.js";
import { PG_ANON, PG_ANON_EXCLUSIVE, PG_DIRTY, PG_KSM, PG_SWAPCACHE, PG_UPTODATE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import { mkPagePte, PTE_DIRTY, PTE_SWP_EXCLUSIVE, PTE_WRITE, ptePayload } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { allocForVma } from "./alloc.js";
import { newAnonRmap } from "./anon-fault.js";
import { lruAdd } from "./lru.js";
import { folioFreeSwap, folioPut, swapFree } from "./release.js";
import { doWpPage } from "./wp-fault.js";

/**
 * doSwapPage (kernel do_swap_page) for the SWAP PTE of page `page`:
 * - the slot's frame is still in the swap cache: KSM's ksmMightNeedToCopy
 *   hook decides between mapping it and mapping a private copy
 *   (`ksm_swpin_copy`);
 * - else a new frame is read from the slot into the swap cache.
 * Then the swap PTE lets go of the slot (swap_free); a write fault drops the
 * swap cache when it is the only other reference (should_try_to_free_swap);
 * the frame is mapped writable when it is not KSM and exclusive (the swap
 * PTE said so, or it is a fresh copy, or nothing else holds it), else
 * read-only, and a write then goes through do_wp_page. Returns the pfn now
 * mapped.
 */
export function doSwapPage(m: Machine, vma: Vma, page: number, write: boolean): number {
  const ptes = vma.table!;
  const pte = ptes.get(page);
  const slot = ptePayload(pte);
  const f = m.frames;
  const swap = m.swap;
  let pfn = swap.cache[slot]!;
  let copied = false;
  if (pfn < 0) {
    // swapin_readahead → swap_read_folio: a new frame joins the swap cache
    pfn = allocForVma(m, vma, page);
    if (pfn < 0) fail("ENOMEM", `${vma.describe()}: no free frame to swap in page ${page}`);
    m.contents.copyFrom(pfn, swap.store, slot);
    f.flags[pfn] = PG_UPTODATE | PG_SWAPCACHE;
    f.incRef(pfn); // the swap cache's reference
    swap.cache[slot] = pfn;
    swap.slotOf.set(pfn, slot);
    m.vmEvents.pswpin++;
    lruAdd(m, pfn);
  } else {
    f.incRef(pfn); // swap_cache_get_folio's reference, which the PTE will keep
    if (m.hooks.ksmMightNeedToCopy(pfn, vma.mm, vma, page) === "copy") {
      const copy = allocForVma(m, vma, page);
      if (copy < 0) {
        folioPut(m, pfn);
        fail("ENOMEM", `${vma.describe()}: no free frame to copy swapped page ${page}`);
      }
      m.contents.copy(copy, pfn);
      f.flags[copy] = PG_UPTODATE | PG_DIRTY;
      m.vmEvents.ksmSwpinCopy++;
      folioPut(m, pfn);
      pfn = copy;
      copied = true;
    }
  }
  const ksm = (f.flags[pfn]! & PG_KSM) !== 0;
  const exclusive = !ksm && ((pte & PTE_SWP_EXCLUSIVE) !== 0 || copied);
  swapFree(m, slot);
  if (write && !ksm && (f.flags[pfn]! & PG_SWAPCACHE) !== 0 && f.ref(pfn) === 2) folioFreeSwap(m, pfn);
  const mapWritable = !ksm && (exclusive || f.ref(pfn) === 1);
  if ((f.flags[pfn]! & PG_ANON) === 0 || copied) {
    newAnonRmap(m, vma, page, pfn, mapWritable);
    if (copied) lruAdd(m, pfn);
  } else {
    f.incMapCount(pfn);
    if (mapWritable) f.flags[pfn]! |= PG_ANON_EXCLUSIVE;
  }
  ptes.set(page, mkPagePte(pfn, mapWritable ? PTE_WRITE | (write ? PTE_DIRTY : 0) : 0));
  if (write && !mapWritable) return doWpPage(m, vma, page, false);
  return pfn;
}
