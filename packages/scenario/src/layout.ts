/**
 * The layout a scenario describes beyond its steps: the machine's size per
 * NUMA node (`topology.pages_per_node`), and the default address rule of
 * `mmap` (docs/scenario-format-additions.md, "Big machines").
 */
import { DEFAULT_PAGES_PER_NODE, MMAP_BASE, MMAP_SLOT_PAGES, MMAP_STRIDE, type Scenario } from "./types.js";

/** The pages of each node of a scenario's machine, defaults filled in (one node of 2^20 pages without a topology). */
export function pagesPerNode(topology: Scenario["topology"]): number[] {
  const nodes = topology?.nodes ?? 1;
  const spec = topology?.pages_per_node ?? DEFAULT_PAGES_PER_NODE;
  return Array.isArray(spec) ? [...spec] : new Array<number>(nodes).fill(spec);
}

/** Default-address slots an mmap of `pages` pages takes: ceil(pages / 2^20). */
export function mmapSlots(pages: number): number {
  return Math.ceil(pages / MMAP_SLOT_PAGES);
}

/** The address of default-address slot `slot`: 2^40 + slot * 2^32. */
export function slotAddress(slot: number): number {
  return MMAP_BASE + slot * MMAP_STRIDE;
}
