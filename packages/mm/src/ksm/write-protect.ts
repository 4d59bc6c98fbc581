/** write_protect_page of mm/ksm.c: the step that makes a page safe to compare and merge. */
import { PG_ANON_EXCLUSIVE, PG_DIRTY, PG_SWAPCACHE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import { PTE_DIRTY, PTE_WRITE, ptePfn } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { pageAddressInVma } from "./page-address.js";

/**
 * writeProtectPage (kernel write_protect_page): the PTE of page `page` must
 * still map `pfn`, else -1. If it is writable, dirty or the frame is
 * PageAnonExclusive, the refcount rule must hold, `mapcount + 1 (the
 * caller's reference) + (SWAPCACHE ? 1 : 0) == refcount`, else -1 and
 * nothing changes (an extra reference: a pin, O_DIRECT, a per-CPU batch);
 * then the frame stops being exclusive, the PTE's dirty bit moves to the
 * frame, and the PTE becomes clean and read-only. An already clean,
 * read-only, shared PTE is accepted as it is. Returns the PTE now installed
 * (`orig_pte`, for replacePage). The caller holds a reference (getRef) and,
 * in KSM, the page lock.
 */
export function writeProtectPage(m: Machine, vma: Vma, page: number, pfn: number): number {
  m.seq++; // a KSM primitive: moves seq itself (see Machine.seq)
  const ptes = vma.table;
  if (ptes === null || !(page >= 0 && page < ptes.pages)) return -1;
  if (pageAddressInVma(m, pfn, vma) !== vma.start + page) return -1; // -EFAULT: a KSM folio, another anon_vma
  let pte = ptes.get(page);
  if (ptePfn(pte) !== pfn || pfn < 0) return -1;
  const f = m.frames;
  const flags = f.flags[pfn]!;
  if ((pte & (PTE_WRITE | PTE_DIRTY)) !== 0 || (flags & PG_ANON_EXCLUSIVE) !== 0) {
    const swapped = (flags & PG_SWAPCACHE) !== 0 ? 1 : 0;
    if (f.mapCount(pfn) + 1 + swapped !== f.ref(pfn)) return -1;
    let nf = flags & ~PG_ANON_EXCLUSIVE;
    if ((pte & PTE_DIRTY) !== 0) nf |= PG_DIRTY;
    f.flags[pfn] = nf;
    pte = (pte & ~(PTE_WRITE | PTE_DIRTY)) >>> 0;
    ptes.set(page, pte);
  }
  return pte;
}
