/** Where a VMA's pages sit (the scenario result's `placement`). */
import type { Machine } from "../machine.js";
import { PTE_KIND_MASK, PTE_PAGE, PTE_PAYLOAD_SHIFT } from "../space/pte.js";
import type { Vma } from "../space/vma.js";

export interface VmaPlacement {
  /** Pages backed by a frame on each node (a shared frame counts for every page mapping it). */
  nodes: number[];
  /** Pages with no frame of their own: not faulted in, swapped out, or on the zero page. */
  other: number;
}

/**
 * Counts the pages [start, start + count) of `vma` (default: all of them) by the node of the
 * frame behind them, adding to `into` when given (to sum the pieces of a split region).
 */
export function vmaPlacement(
  m: Machine,
  vma: Vma,
  start = 0,
  count = vma.pages - start,
  into: VmaPlacement = { nodes: new Array<number>(m.topology.nodes).fill(0), other: 0 },
): VmaPlacement {
  const nodes = into.nodes;
  let other = into.other;
  const ptes = vma.ptes;
  for (let i = start; i < start + count; i++) {
    const pte = ptes === null ? 0 : ptes[i]!;
    if ((pte & PTE_KIND_MASK) === PTE_PAGE) nodes[m.topology.nodeOfPfn(pte >>> PTE_PAYLOAD_SHIFT)]!++;
    else other++;
  }
  into.other = other;
  return into;
}
