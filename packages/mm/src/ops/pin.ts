/** get_user_pages references held under a name, and their release. */
import { fail, show } from "../errors.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import { PTE_NONE, PTE_PAGE, PTE_SWAP, PTE_ZERO_PAGE, pteKind, ptePayload } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { availableForVma } from "./alloc.js";
import { ptesOf } from "./anon-fault.js";
import { folioPut } from "./release.js";
import { doSwapPage } from "./swap-fault.js";
import { swapinFrames } from "./swapin.js";
import { checkRange, checkVma } from "./validate.js";

/**
 * get_user_pages without FOLL_WRITE or FOLL_LONGTERM (a plain FOLL_GET
 * reference) on pages [start, start+count), held under `id`: pages not
 * present are faulted in as a read would (a swapped page is swapped in; a
 * page never touched gets the zero page, which holds no frame reference),
 * then every mapped frame takes one reference per page. Returns how many
 * references were taken.
 */
export function pin(m: Machine, mm: Mm, vma: Vma, start: number, count: number, id: string): number {
  checkVma(m, mm, vma);
  const n = checkRange(vma, start, count);
  if (typeof id !== "string" || id === "") fail("EINVAL", `pin id: must be a non-empty string, got ${show(id)}`);
  if (m.pins.has(id)) fail("EINVAL", `pin id: "${id}" is already held`);
  const s = start ?? 0;
  const need = swapinFrames(vma, s, s + n);
  if (need > 0 && need > availableForVma(m, vma, s)) {
    fail("ENOMEM", `${vma.describe()}: not enough free frames to fault in ${need} pages to pin`);
  }
  const ptes = ptesOf(vma);
  const pinned: number[] = [];
  for (let i = s; i < s + n; i++) {
    let kind = pteKind(ptes.get(i));
    if (kind === PTE_NONE) ptes.set(i, PTE_ZERO_PAGE); // do_anonymous_page, read fault
    if (kind === PTE_SWAP) {
      doSwapPage(m, vma, i, false);
      kind = PTE_PAGE;
    }
    if (kind !== PTE_PAGE) continue;
    const pfn = ptePayload(ptes.get(i));
    m.frames.incRef(pfn);
    pinned.push(pfn);
  }
  m.pins.set(id, Int32Array.from(pinned));
  return pinned.length;
}

/** put_page for every reference `id` holds, wherever those frames are mapped now; a frame with no other reference is freed. */
export function unpin(m: Machine, id: string): number {
  const pfns = m.pins.get(id);
  if (pfns === undefined) fail("EINVAL", `pin id: no pin named ${show(id)} is held`);
  m.pins.delete(id);
  for (const pfn of pfns) folioPut(m, pfn);
  return pfns.length;
}
