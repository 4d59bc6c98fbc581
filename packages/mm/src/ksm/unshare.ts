/** The unshare fault that break_ksm drives (handle_mm_fault with FAULT_FLAG_UNSHARE). */
import type { Errno } from "../errors.js";
import type { Machine } from "../machine.js";
import { availableForVma } from "../ops/alloc.js";
import { doWpPage, wpWouldReuse } from "../ops/wp-fault.js";
import { PTE_PAGE, PTE_WRITE, PTE_ZERO, pteKind, ptePayload } from "../space/pte.js";
import type { Vma } from "../space/vma.js";

/**
 * unshareFault (kernel handle_mm_fault with FAULT_FLAG_UNSHARE → do_wp_page):
 * replaces a read-only shared mapping of page `page` by an exclusive anon
 * copy, read-only: a KSM page is copied (`cow_ksm`), a zero page (KSM's
 * too, which tells KSM) becomes a fresh zeroed frame, an anon page that can
 * be reused just becomes exclusive. A writable, swapped or absent page is
 * left alone. "ENOMEM" when no frame is free (nothing changed).
 */
export function unshareFault(m: Machine, vma: Vma, page: number): "ok" | Errno {
  m.seq++; // a KSM primitive: moves seq itself (see Machine.seq)
  const ptes = vma.table;
  if (ptes === null || !(page >= 0 && page < ptes.pages)) return "ok";
  const pte = ptes.get(page);
  const kind = pteKind(pte);
  if (kind === PTE_PAGE) {
    if ((pte & PTE_WRITE) !== 0) return "ok";
    if (!wpWouldReuse(m, ptePayload(pte)) && availableForVma(m, vma, page) === 0) return "ENOMEM";
  } else if (kind === PTE_ZERO) {
    if (availableForVma(m, vma, page) === 0) return "ENOMEM";
  } else {
    return "ok";
  }
  doWpPage(m, vma, page, true);
  return "ok";
}
