/**
 * AVL rebalancing: the two rotations, the double rotations they make up,
 * and the retrace from a changed node up towards the root that both insert
 * and erase end with. Rotations move nodes by their links only, so every
 * node keeps its slot (its TreeWalk handle) and its hint.
 */
import {
  type AvlRoot,
  type AvlStore,
  avlChangeChild,
  avlHeight,
  avlLeft,
  avlParent,
  avlRight,
  avlSetLeft,
  avlSetParent,
  avlSetRight,
  NIL,
} from "./node.js";

/** Store `n`'s height from its children's. */
function fixHeight(t: AvlStore, n: number): void {
  const lh = avlHeight(t.h, avlLeft(t.s, n));
  const rh = avlHeight(t.h, avlRight(t.s, n));
  t.h[n] = Math.max(lh, rh) + 1;
}

/**
 * Left rotation at `x`: its right child `y` takes its place, `x` becomes
 * `y`'s left child and takes `y`'s old left subtree. Returns `y`.
 *
 *     x              y
 *    / \            / \
 *   a   y    ->    x   c
 *      / \        / \
 *     b   c      a   b
 */
export function avlRotateLeft(t: AvlStore, x: number, root: AvlRoot): number {
  const s = t.s;
  const y = avlRight(s, x);
  const b = avlLeft(s, y);
  const parent = avlParent(s, x);
  avlSetRight(s, x, b);
  if (b !== NIL) avlSetParent(s, b, x);
  avlSetLeft(s, y, x);
  avlSetParent(s, x, y);
  avlSetParent(s, y, parent);
  avlChangeChild(s, x, y, parent, root);
  fixHeight(t, x);
  fixHeight(t, y);
  return y;
}

/** Right rotation at `x`, the mirror of {@link avlRotateLeft}: its left child takes its place. Returns that child. */
export function avlRotateRight(t: AvlStore, x: number, root: AvlRoot): number {
  const s = t.s;
  const y = avlLeft(s, x);
  const b = avlRight(s, y);
  const parent = avlParent(s, x);
  avlSetLeft(s, x, b);
  if (b !== NIL) avlSetParent(s, b, x);
  avlSetRight(s, y, x);
  avlSetParent(s, x, y);
  avlSetParent(s, y, parent);
  avlChangeChild(s, x, y, parent, root);
  fixHeight(t, x);
  fixHeight(t, y);
  return y;
}

/**
 * Restore the balance of `n` when its children's heights differ by two:
 * a single rotation when the taller child leans the same way (or neither
 * way, which only an erase produces), a double rotation when it leans the
 * other way. Otherwise only `n`'s height is updated. Returns the node now
 * at `n`'s place.
 */
export function avlBalance(t: AvlStore, n: number, root: AvlRoot): number {
  const s = t.s;
  const l = avlLeft(s, n);
  const r = avlRight(s, n);
  const lh = avlHeight(t.h, l);
  const rh = avlHeight(t.h, r);
  if (lh > rh + 1) {
    // left-heavy: left-right case first turns the left child's right child up
    if (avlHeight(t.h, avlRight(s, l)) > avlHeight(t.h, avlLeft(s, l))) avlRotateLeft(t, l, root);
    return avlRotateRight(t, n, root);
  }
  if (rh > lh + 1) {
    // right-heavy: right-left case first turns the right child's left child up
    if (avlHeight(t.h, avlLeft(s, r)) > avlHeight(t.h, avlRight(s, r))) avlRotateRight(t, r, root);
    return avlRotateLeft(t, n, root);
  }
  t.h[n] = Math.max(lh, rh) + 1;
  return n;
}

/**
 * Walk up from `n` (whose subtree just changed: a child linked or removed
 * below it), rebalancing each node, until a subtree's height is what it was
 * before the change (nothing above can have changed) or the root is done.
 * Returns the number of nodes visited (for tests and measurements).
 */
export function avlRetrace(t: AvlStore, n: number, root: AvlRoot): number {
  let visited = 0;
  while (n !== NIL) {
    visited++;
    const before = t.h[n]!;
    const parent = avlParent(t.s, n);
    const top = avlBalance(t, n, root);
    if (t.h[top] === before) break;
    n = parent;
  }
  return visited;
}
