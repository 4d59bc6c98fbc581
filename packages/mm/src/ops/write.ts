/** Writing whole pages, as a process does: a write fault first when the PTE is not writable. */
import { isToken } from "../contents/fmix.js";
import { fail, show } from "../errors.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import { pteAt } from "../space/page-walk.js";
import {
  PTE_DIRTY,
  PTE_NONE,
  PTE_PAGE,
  PTE_SWAP,
  PTE_SWP_EXCLUSIVE,
  PTE_WRITE,
  pteKind,
  ptePayload,
} from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { availableForVma } from "./alloc.js";
import { doAnonymousPage } from "./anon-fault.js";
import { doSwapPage } from "./swap-fault.js";
import { checkContent, checkPage, checkRange, checkVma } from "./validate.js";
import { doWpPage, wpWouldReuse } from "./wp-fault.js";

/** A page's new contents: a token, or 4096 raw bytes (bytes mode). */
export type PageContent = number | Uint8Array;

/** Contents for a range: one for every page, or tokens `from + (j mod period)` for page j (all distinct without period). */
export type RangeContent = PageContent | { from: number; period?: number };

/**
 * Frames a write fault on page `page` may allocate: what `write` checks
 * before it changes anything, so ENOMEM leaves the machine as it was. Exact
 * except for a swap-cache hit, which counts one frame even when the frame
 * would be reused.
 */
export function writeFaultFrames(m: Machine, vma: Vma, page: number): number {
  const pte = pteAt(vma, page);
  const kind = pteKind(pte);
  if (kind === PTE_PAGE) {
    if ((pte & PTE_WRITE) !== 0) return 0;
    return wpWouldReuse(m, ptePayload(pte)) ? 0 : 1;
  }
  if (kind !== PTE_SWAP) return 1;
  const slot = ptePayload(pte);
  if (m.swap.cache[slot]! >= 0) return 1;
  return (pte & PTE_SWP_EXCLUSIVE) !== 0 || m.swap.count[slot] === 1 ? 1 : 2;
}

/**
 * handleWriteFault: make page `page` writable for a write (do_anonymous_page,
 * do_wp_page, do_swap_page) and return the pfn it maps. The caller checked
 * memory with writeFaultFrames.
 */
export function handleWriteFault(m: Machine, vma: Vma, page: number): number {
  const pte = pteAt(vma, page);
  const kind = pteKind(pte);
  if (kind === PTE_NONE) return doAnonymousPage(m, vma, page);
  if (kind === PTE_PAGE && (pte & PTE_WRITE) !== 0) return ptePayload(pte);
  if (kind === PTE_SWAP) return doSwapPage(m, vma, page, true);
  return doWpPage(m, vma, page, false);
}

function store(m: Machine, pfn: number, content: PageContent): void {
  if (typeof content === "number") m.contents.writeToken(pfn, content);
  else m.contents.writeBytes(pfn, content);
}

/** The write itself, after validation: fault, then fill the page and dirty the PTE. */
function writeChecked(m: Machine, vma: Vma, page: number, content: PageContent): void {
  const need = writeFaultFrames(m, vma, page);
  if (need > 0 && need > availableForVma(m, vma, page)) {
    fail("ENOMEM", `${vma.describe()}: no free frame for a write to page ${page}`);
  }
  const pfn = handleWriteFault(m, vma, page);
  store(m, pfn, content);
  const table = vma.table!;
  table.set(page, table.get(page) | PTE_DIRTY);
}

/**
 * A process writes page `page` of `vma` with `content` (whole page). A
 * write to a KSM page, a page shared after fork, or a KSM zero page breaks
 * COW first, even when the bytes are the same; writing token 0 makes an
 * ordinary anon page, never the shared zero page.
 */
export function write(m: Machine, mm: Mm, vma: Vma, page: number, content: PageContent): void {
  checkVma(m, mm, vma);
  checkPage(vma, page);
  checkContent(m, content);
  writeChecked(m, vma, page, content);
}

/**
 * Writes pages [start, start+count) with `content` (the scenario's write
 * step). Everything is validated first; ENOMEM part way leaves the earlier
 * pages written, as in the kernel.
 */
export function writeRange(m: Machine, mm: Mm, vma: Vma, start: number, count: number, content: RangeContent): void {
  checkVma(m, mm, vma);
  const n = checkRange(vma, start, count);
  if (typeof content === "object" && !(content instanceof Uint8Array)) {
    const from = content?.from;
    const period = content?.period ?? n;
    if (!isToken(from)) fail("EINVAL", `content.from: must be a token, got ${show(from)}`);
    if (typeof period !== "number" || !Number.isInteger(period) || period < 1) {
      fail("EINVAL", `content.period: must be a positive integer, got ${show(content.period)}`);
    }
    const last = from + Math.min(period, n) - 1;
    if (n > 0 && !isToken(last)) fail("EINVAL", `content: token ${last} of the range is not below 2^32`);
    for (let j = 0; j < n; j++) writeChecked(m, vma, start + j, from + (j % period));
    return;
  }
  checkContent(m, content);
  for (let j = 0; j < n; j++) writeChecked(m, vma, start + j, content);
}
