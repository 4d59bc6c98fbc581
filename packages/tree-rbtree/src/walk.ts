/** In-order walking by parent pointers: rb_first() and rb_next() of lib/rbtree.c. */
import { NIL, type RbRoot, rbLeft, rbParent, rbRight } from "./node.js";

// mirrors rb_first() in lib/rbtree.c
export function rbFirst(s: Int32Array, root: RbRoot): number {
  let n = root.rbNode;
  if (n === NIL) return NIL;
  while (rbLeft(s, n) !== NIL) n = rbLeft(s, n);
  return n;
}

// mirrors rb_next() in lib/rbtree.c (without the RB_EMPTY_NODE test: only linked nodes are walked)
export function rbNext(s: Int32Array, node: number): number {
  let n = node;
  // A right-hand child: go down it, then left as far as we can.
  if (rbRight(s, n) !== NIL) {
    n = rbRight(s, n);
    while (rbLeft(s, n) !== NIL) n = rbLeft(s, n);
    return n;
  }
  // Otherwise go up until we come from a left-hand child; that parent is next.
  let parent = rbParent(s, n);
  while (parent !== NIL && n === rbRight(s, parent)) {
    n = parent;
    parent = rbParent(s, n);
  }
  return parent;
}
