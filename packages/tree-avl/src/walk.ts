/** In-order walking by parent pointers (as rb_first and rb_next walk a red-black tree). */
import { type AvlRoot, avlLeft, avlParent, avlRight, NIL } from "./node.js";

/** The first node in order, NIL for an empty tree. */
export function avlFirst(s: Int32Array, root: AvlRoot): number {
  let n = root.avlNode;
  if (n === NIL) return NIL;
  while (avlLeft(s, n) !== NIL) n = avlLeft(s, n);
  return n;
}

/** The node after `node` in order, NIL after the last. */
export function avlNext(s: Int32Array, node: number): number {
  let n = node;
  // A right child: go down it, then left as far as possible.
  if (avlRight(s, n) !== NIL) {
    n = avlRight(s, n);
    while (avlLeft(s, n) !== NIL) n = avlLeft(s, n);
    return n;
  }
  // Otherwise go up until coming from a left child; that parent is next.
  let parent = avlParent(s, n);
  while (parent !== NIL && n === avlRight(s, parent)) {
    n = parent;
    parent = avlParent(s, n);
  }
  return parent;
}
