/**
 * Where a SlotTree keeps its nodes: four int32 per node, node `n` at
 * `s[4n]`, in the layout a SlotTree reads:
 *
 *   s[4n]     left child   (a node, NO_NODE: none)
 *   s[4n + 1] right child
 *   s[4n + 2] the backend's own word (a parent pointer and colour, a parent, ...)
 *   s[4n + 3] the hint the tree's user keeps with the node (TreeWalk)
 *
 * One cache line holds four nodes. A HandleSlotTree hands its nodes out as
 * slots of its own NodeSlots; an IndexedSlotTree keeps value v's node at
 * n = v, in its group's storage, which may be its user's (KSM: the words of
 * rmap_item v, as the kernel embeds the unstable tree's `rb_node` in the
 * item). The owner of a storage may replace `s` by a longer copy between
 * two calls of the tree (it grows); words 4v..4v+3 are the tree's while v
 * is linked, and nobody else's business then.
 */
import type { NodeStorage } from "../types.js";

export type { NodeStorage };

/** Values (and so nodes) of an indexed tree must be below this (room for a parent shifted left by one in an int32). */
export const MAX_NODES = 2 ** 30;

/** The next capacity in nodes after `cap`: double while small, an eighth more once large (little unused room). */
export function nextNodeCapacity(cap: number, atLeast: number): number {
  let n = Math.max(cap, 1);
  while (n < atLeast) n = n < 1 << 16 ? n * 2 : n + Math.ceil(n / 8);
  return Math.min(n, MAX_NODES);
}

/** Grow `storage` to hold node `n` (contents kept). */
export function reserveNode(storage: NodeStorage, n: number): void {
  const cap = storage.s.length >> 2;
  if (n < cap) return;
  if (n >= MAX_NODES) throw new RangeError(`tree: node ${n} is above the most nodes in one tree (${MAX_NODES})`);
  const s = new Int32Array(4 * nextNodeCapacity(cap, n + 1));
  s.set(storage.s);
  storage.s = s;
}
