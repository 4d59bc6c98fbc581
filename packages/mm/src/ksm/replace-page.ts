/** replace_page of mm/ksm.c: remap one PTE from a page to the KSM page (or the zero page). */
import type { Machine } from "../machine.js";
import { folioFreeSwap, folioPut } from "../ops/release.js";
import { mkPagePte, PTE_KSM_ZERO, ptePfn } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { pageAddressInVma } from "./page-address.js";

/** The zero page as a replacePage target (it has no frame). */
export const ZERO_PFN = -1;

/**
 * replacePage (kernel replace_page): if page `page`'s PTE still equals
 * `origPte` (from writeProtectPage), map `kpfn` there read-only and clean
 * (the frame gains a mapping and a reference), or, for ZERO_PFN, KSM's zero
 * page (ZERO + SPECIAL + DIRTY; the ksm_zero_pages counters are KSM's to
 * raise). The old frame loses the mapping, leaves the swap cache if nobody
 * maps it any more and no swap PTE needs it, and drops the reference
 * (folio_put: freed at once if it was the last). False when the PTE
 * changed.
 */
export function replacePage(m: Machine, vma: Vma, page: number, kpfn: number, origPte: number): boolean {
  m.seq++; // a KSM primitive: moves seq itself (see Machine.seq)
  const ptes = vma.table;
  if (ptes === null || !(page >= 0 && page < ptes.pages)) return false;
  const pte = ptes.get(page);
  const old = ptePfn(pte);
  if (pte !== origPte || old < 0) return false;
  const f = m.frames;
  if (pageAddressInVma(m, old, vma) !== vma.start + page) return false; // page_address_in_vma: -EFAULT
  if (kpfn === ZERO_PFN) {
    ptes.set(page, PTE_KSM_ZERO);
  } else {
    f.incRef(kpfn);
    f.incMapCount(kpfn);
    ptes.set(page, mkPagePte(kpfn, 0));
  }
  if (f.decMapCount(old) === 0) folioFreeSwap(m, old);
  folioPut(m, old);
  return true;
}
