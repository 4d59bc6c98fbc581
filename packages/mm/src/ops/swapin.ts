/** The swapin step: fault swapped-out pages back in. */
import { fail } from "../errors.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import { PTE_SWAP, pteKind } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { availableForVma } from "./alloc.js";
import { doSwapPage } from "./swap-fault.js";
import { checkRange, checkVma } from "./validate.js";

export interface SwapinResult {
  /** Swap PTEs faulted back in. */
  pages: number;
}

/** Frames swapping in pages [start, end) may need: one per swap PTE at most (a read or a copy). */
export function swapinFrames(vma: Vma, start: number, end: number): number {
  const ptes = vma.table;
  if (ptes === null) return 0;
  let n = 0;
  for (let i = ptes.nextMapped(start, end); i >= 0; i = ptes.nextMapped(i + 1, end)) {
    if (pteKind(ptes.get(i)) === PTE_SWAP) n++;
  }
  return n;
}

/** Read faults (do_swap_page) on every swapped-out page of [start, start+count). */
export function swapin(m: Machine, mm: Mm, vma: Vma, start?: number, count?: number): SwapinResult {
  checkVma(m, mm, vma);
  const n = checkRange(vma, start, count);
  const s = start ?? 0;
  const need = swapinFrames(vma, s, s + n);
  if (need > 0 && need > availableForVma(m, vma, s)) {
    fail("ENOMEM", `${vma.describe()}: not enough free frames to swap in ${need} pages`);
  }
  let pages = 0;
  const ptes = vma.table;
  if (ptes === null) return { pages };
  for (let i = ptes.nextMapped(s, s + n); i >= 0; i = ptes.nextMapped(i + 1, s + n)) {
    if (pteKind(ptes.get(i)) !== PTE_SWAP) continue;
    doSwapPage(m, vma, i, false);
    pages++;
  }
  return { pages };
}
