/** Where a VMA's pages sit (the scenario result's `placement`). */
import type { Machine } from "../machine.js";
import { ptePfn } from "../space/pte.js";
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
  const ptes = vma.table;
  let present = 0;
  if (ptes !== null) {
    const end = start + count;
    for (let i = ptes.nextPresent(start, end); i >= 0; i = ptes.nextPresent(i + 1, end)) {
      nodes[m.topology.nodeOfPfn(ptePfn(ptes.get(i)))]!++;
      present++;
    }
  }
  other += count - present;
  into.other = other;
  return into;
}
