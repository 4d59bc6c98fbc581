/**
 * Unlinking a node by identity, then restoring the AVL balance on the way
 * up (as rb_erase does for a red-black tree). A node with two children is
 * replaced by its in-order successor, which MOVES into its place by its
 * links: no value is copied between nodes, so every remaining node keeps
 * its slot (its TreeWalk handle) and its hint. No comparator is involved.
 * Rotations may happen at every level up to the root.
 */
import {
  type AvlRoot,
  type AvlStore,
  avlChangeChild,
  avlLeft,
  avlParent,
  avlRight,
  avlSetLeft,
  avlSetParent,
  avlSetRight,
  NIL,
} from "./node.js";
import { avlRetrace } from "./rebalance.js";

/** Unlink `node` and rebalance; its slot may then be freed. */
export function avlErase(t: AvlStore, node: number, root: AvlRoot): void {
  const s = t.s;
  const left = avlLeft(s, node);
  const right = avlRight(s, node);
  const parent = avlParent(s, node);
  let retraceFrom: number;
  if (left === NIL || right === NIL) {
    // At most one child: it takes the node's place.
    const child = left === NIL ? right : left;
    avlChangeChild(s, node, child, parent, root);
    if (child !== NIL) avlSetParent(s, child, parent);
    retraceFrom = parent;
  } else {
    // Two children: the successor (leftmost below `right`) takes the node's place, links and height.
    let succ = right;
    for (let l = avlLeft(s, succ); l !== NIL; l = avlLeft(s, succ)) succ = l;
    if (succ === right) {
      // The successor is the right child: it keeps its right subtree and takes the node's left one.
      retraceFrom = succ;
    } else {
      // Deeper: its right subtree takes its place under its parent; it takes both of the node's subtrees.
      const succParent = avlParent(s, succ);
      const succRight = avlRight(s, succ);
      avlSetLeft(s, succParent, succRight);
      if (succRight !== NIL) avlSetParent(s, succRight, succParent);
      avlSetRight(s, succ, right);
      avlSetParent(s, right, succ);
      retraceFrom = succParent;
    }
    avlSetLeft(s, succ, left);
    avlSetParent(s, left, succ);
    avlSetParent(s, succ, parent);
    avlChangeChild(s, node, succ, parent, root);
    t.h[succ] = t.h[node]!;
  }
  avlRetrace(t, retraceFrom, root);
}
