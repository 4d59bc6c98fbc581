/** Reading a page as the process sees it, without faulting anything in. */
import type { PageValue } from "../contents/page-contents.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import { pteAt } from "../space/page-walk.js";
import { PTE_PAGE, PTE_SWAP, pteKind, ptePayload } from "../space/pte.js";
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
  const pte = pteAt(vma, page);
  const kind = pteKind(pte);
  if (kind === PTE_PAGE) return m.contents.read(ptePayload(pte));
  if (kind === PTE_SWAP) {
    const slot = ptePayload(pte);
    const pfn = m.swap.cache[slot]!;
    return pfn >= 0 ? m.contents.read(pfn) : m.swap.store.read(slot);
  }
  return 0;
}
