/** Reverse mapping by brute force: one pass over every page table finds all PTEs of a set of frames. */
import type { Machine } from "../machine.js";
import { PTE_KIND_MASK, PTE_PAGE, PTE_PAYLOAD_SHIFT } from "../space/pte.js";
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
      const ptes = vma.ptes;
      if (ptes === null) continue;
      for (let i = 0; i < ptes.length; i++) {
        const pte = ptes[i]!;
        if ((pte & PTE_KIND_MASK) === PTE_PAGE && pfns.has(pte >>> PTE_PAYLOAD_SHIFT)) visit(vma, i, pte);
      }
    }
  }
}

/** The distinct pfns behind the PAGE PTEs of pages [start, end), in page order. */
export function framesInRange(vma: Vma, start: number, end: number): number[] {
  const ptes = vma.ptes;
  const seen = new Set<number>();
  if (ptes === null) return [];
  for (let i = start; i < end; i++) {
    const pte = ptes[i]!;
    if ((pte & PTE_KIND_MASK) === PTE_PAGE) seen.add(pte >>> PTE_PAYLOAD_SHIFT);
  }
  return [...seen];
}
