/**
 * Unlinking by identity on arena slots: rb_erase() of lib/rbtree.c, i.e.
 * __rb_erase_augmented() then ____rb_erase_color() (./erase-color.ts), with
 * the dummy augment callbacks, statement for statement as ../erase.ts.
 */
import { IX_BLACK, NIL } from "./arena.js";
import { ixEraseColor } from "./erase-color.js";
import { type IxRoot, ixChangeChild, ixIsRed, ixSetParent, ixSetParentColor } from "./node-ops.js";

// mirrors __rb_erase_augmented() in include/linux/rbtree_augmented.h; returns the node to rebalance at
function ixEraseAugmented(s: Int32Array, node: number, root: IxRoot): number {
  const child = s[4 * node + 1]!;
  let tmp = s[4 * node]!;
  let parent: number;
  let rebalance: number;

  if (tmp === NIL) {
    // Case 1: at most one child (the right one)
    const pc = s[4 * node + 2]!;
    parent = pc >> 1;
    ixChangeChild(s, node, child, parent, root);
    if (child !== NIL) {
      s[4 * child + 2] = pc;
      rebalance = NIL;
    } else rebalance = (pc & 1) === IX_BLACK ? parent : NIL;
  } else if (child === NIL) {
    // Still case 1, but the child is node->rb_left
    const pc = s[4 * node + 2]!;
    parent = pc >> 1;
    s[4 * tmp + 2] = pc;
    ixChangeChild(s, node, tmp, parent, root);
    rebalance = NIL;
  } else {
    let successor = child;
    let child2: number;
    tmp = s[4 * child]!;
    if (tmp === NIL) {
      // Case 2: node's successor is its right child
      parent = successor;
      child2 = s[4 * successor + 1]!;
    } else {
      // Case 3: node's successor is leftmost under node's right child subtree
      let p = successor;
      do {
        p = successor;
        successor = tmp;
        tmp = s[4 * tmp]!;
      } while (tmp !== NIL);
      parent = p;
      child2 = s[4 * successor + 1]!;
      s[4 * p] = child2;
      s[4 * successor + 1] = child;
      ixSetParent(s, child, successor);
    }

    tmp = s[4 * node]!;
    s[4 * successor] = tmp;
    ixSetParent(s, tmp, successor);

    const pc = s[4 * node + 2]!;
    ixChangeChild(s, node, successor, pc >> 1, root);

    if (child2 !== NIL) {
      ixSetParentColor(s, child2, parent, IX_BLACK);
      rebalance = NIL;
    } else {
      rebalance = ixIsRed(s, successor) ? NIL : parent;
    }
    s[4 * successor + 2] = pc; // successor->__rb_parent_color = pc
  }
  return rebalance;
}

// mirrors rb_erase() in lib/rbtree.c
export function ixErase(s: Int32Array, node: number, root: IxRoot): void {
  const rebalance = ixEraseAugmented(s, node, root);
  if (rebalance !== NIL) ixEraseColor(s, rebalance, root);
}
