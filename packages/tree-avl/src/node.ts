/**
 * One AVL node on a tree's node storage (NodeStorage of @ksm-sim/tree/slots)
 * and its heights array. Node `n` is four int32 in `s` and one byte in `h`:
 *
 *   s[4n]      left child        (a node, NIL: none)
 *   s[4n + 1]  right child
 *   s[4n + 2]  parent            (NIL for the root)
 *   s[4n + 3]  the hint the tree's user keeps with the node (TreeWalk); the tree never reads it
 *   h[n]       height of the subtree rooted at n (a leaf is 1)
 *
 * A descent and a chase read only `s` (left, right, hint: one cache line
 * holds four nodes); heights are touched only while rebalancing. The
 * rebalancing code (./rebalance.ts, ./insert.ts, ./erase.ts) reads and
 * writes nodes only through these accessors. Linux has no AVL tree: the
 * names are this package's own, in the style of include/linux/rbtree.h.
 */

/** No node (the kernel's NULL); the same value as NO_NODE of @ksm-sim/tree. */
export const NIL = -1;

/** The tree's root (as `struct rb_root` holds `rb_node`). */
export interface AvlRoot {
  rootSlot: number;
}

/** A tree's node storage: links and hints in `s`, heights in `h`. */
export interface AvlStore {
  s: Int32Array;
  h: Uint8Array;
}

export function avlLeft(s: Int32Array, n: number): number {
  return s[n << 2]!;
}

export function avlRight(s: Int32Array, n: number): number {
  return s[(n << 2) + 1]!;
}

export function avlParent(s: Int32Array, n: number): number {
  return s[(n << 2) + 2]!;
}

export function avlSetLeft(s: Int32Array, n: number, child: number): void {
  s[n << 2] = child;
}

export function avlSetRight(s: Int32Array, n: number, child: number): void {
  s[(n << 2) + 1] = child;
}

export function avlSetParent(s: Int32Array, n: number, parent: number): void {
  s[(n << 2) + 2] = parent;
}

export function avlHint(s: Int32Array, n: number): number {
  return s[(n << 2) + 3]!;
}

export function avlSetHint(s: Int32Array, n: number, hint: number): void {
  s[(n << 2) + 3] = hint;
}

/** The height of a subtree that may be empty (NIL: 0). */
export function avlHeight(h: Uint8Array, n: number): number {
  return n === NIL ? 0 : h[n]!;
}

/** `parent`'s link to `old` (the root slot when `parent` is NIL) now points at `node` (as __rb_change_child). */
export function avlChangeChild(s: Int32Array, old: number, node: number, parent: number, root: AvlRoot): void {
  if (parent === NIL) root.rootSlot = node;
  else if (avlLeft(s, parent) === old) avlSetLeft(s, parent, node);
  else avlSetRight(s, parent, node);
}
