/** Reading a page as the process sees it, without faulting anything in. */
import type { PageValue } from "../contents/page-contents.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import { PTE_KIND_MASK, PTE_PAGE, PTE_PAYLOAD_SHIFT, PTE_SWAP } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { checkPage, checkVma } from "./validate.js";

/**
 * What page `page` of `vma` holds for its process now: its token (0 for a
 * page never written, DONTNEED'd, or on the zero page), or its bytes when
 * they are no token page. A swapped-out page reads from the swap cache or
 * the swap device; nothing changes.
 */
export function read(m: Machine, mm: Mm, vma: Vma, page: number): PageValue {
  checkVma(m, mm, vma);
  checkPage(vma, page);
  const pte = vma.ptes === null ? 0 : vma.ptes[page]!;
  const kind = pte & PTE_KIND_MASK;
  if (kind === PTE_PAGE) return m.contents.read(pte >>> PTE_PAYLOAD_SHIFT);
  if (kind === PTE_SWAP) {
    const slot = pte >>> PTE_PAYLOAD_SHIFT;
    const pfn = m.swap.cache[slot]!;
    return pfn >= 0 ? m.contents.read(pfn) : m.swap.store.read(slot);
  }
  return 0;
}
