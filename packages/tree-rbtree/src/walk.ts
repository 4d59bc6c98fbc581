/** In-order walking by parent pointers: rb_first() and rb_next() of lib/rbtree.c. */
import type { RbNode, RbRoot } from "./node.js";

// mirrors rb_first() in lib/rbtree.c
export function rbFirst<T>(root: RbRoot<T>): RbNode<T> | null {
  let n = root.rbNode;
  if (n === null) return null;
  while (n.left !== null) n = n.left;
  return n;
}

// mirrors rb_next() in lib/rbtree.c (without the RB_EMPTY_NODE test: only linked nodes are walked)
export function rbNext<T>(node: RbNode<T>): RbNode<T> | null {
  let n = node;
  // A right-hand child: go down it, then left as far as we can.
  if (n.right !== null) {
    n = n.right;
    while (n.left !== null) n = n.left;
    return n;
  }
  // Otherwise go up until we come from a left-hand child; that parent is next.
  let parent = n.parent;
  while (parent !== null && n === parent.right) {
    n = parent;
    parent = n.parent;
  }
  return parent;
}
