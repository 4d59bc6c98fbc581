/** Reverse mapping by brute force: one pass over every page table finds all PTEs of a set of frames. */
import type { Machine } from "../machine.js";
import { ptePfn } from "../space/pte.js";
import type { Vma } from "../space/vma.js";

/**
 * rmap_walk for many frames at once: calls `visit(vma, page, pte)` for every
 * PAGE PTE of every live address space whose pfn is in `pfns`. (The kernel
 * walks anon_vmas or KSM's rmap_items per frame; one pass per operation
 * finds the same PTEs.)
 */
export function rmapWalk(
  m: Machine,
  pfns: ReadonlySet<number> | ReadonlyMap<number, unknown>,
  visit: (vma: Vma, page: number, pte: number) => void,
): void {
  for (const mm of m.mms.values()) {
    for (const vma of mm.vmas) {
      const ptes = vma.table;
      if (ptes === null) continue;
      for (let i = ptes.nextPresent(0); i >= 0; i = ptes.nextPresent(i + 1)) {
        const pte = ptes.get(i);
        if (pfns.has(ptePfn(pte))) visit(vma, i, pte);
      }
    }
  }
}

/** The distinct pfns behind the PAGE PTEs of pages [start, end), in page order. */
export function framesInRange(vma: Vma, start: number, end: number): number[] {
  const ptes = vma.table;
  const seen = new Set<number>();
  if (ptes === null) return [];
  for (let i = ptes.nextPresent(start, end); i >= 0; i = ptes.nextPresent(i + 1, end)) seen.add(ptePfn(ptes.get(i)));
  return [...seen];
}
