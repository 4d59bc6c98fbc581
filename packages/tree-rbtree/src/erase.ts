/**
 * Unlinking by identity: rb_erase() of lib/rbtree.c, which is
 * __rb_erase_augmented() (include/linux/rbtree_augmented.h) followed by
 * ____rb_erase_color() (./erase-color.ts), both with the dummy augment
 * callbacks. Nodes never change slot: the successor moves into the erased
 * node's place by its links, as the kernel moves the rb_node.
 */
import { rbEraseColor } from "./erase-color.js";
import {
  NIL,
  RB_BLACK,
  type RbRoot,
  rbChangeChild,
  rbIsRed,
  rbLeft,
  rbPc,
  rbRight,
  rbSetLeft,
  rbSetParent,
  rbSetParentColor,
  rbSetPc,
  rbSetRight,
} from "./node.js";

// mirrors __rb_erase_augmented() in include/linux/rbtree_augmented.h; returns the node to rebalance at
function rbEraseAugmented(s: Int32Array, node: number, root: RbRoot): number {
  const child = rbRight(s, node);
  let tmp = rbLeft(s, node);
  let parent: number;
  let rebalance: number;
  let pc: number;

  if (tmp === NIL) {
    // Case 1: node to erase has no more than 1 child (easy!). If there is one
    // child it must be red and node black; colours are fixed here, no rebalance.
    pc = rbPc(s, node);
    parent = pc >> 1; // __rb_parent(pc)
    rbChangeChild(s, node, child, parent, root);
    if (child !== NIL) {
      rbSetPc(s, child, pc); // child->__rb_parent_color = pc
      rebalance = NIL;
    } else rebalance = (pc & 1) === RB_BLACK ? parent : NIL; // __rb_is_black(pc)
  } else if (child === NIL) {
    // Still case 1, but this time the child is node->rb_left
    pc = rbPc(s, node);
    rbSetPc(s, tmp, pc); // tmp->__rb_parent_color = pc
    parent = pc >> 1;
    rbChangeChild(s, node, tmp, parent, root);
    rebalance = NIL;
  } else {
    let successor = child;
    let child2: number;
    tmp = rbLeft(s, child);
    if (tmp === NIL) {
      // Case 2: node's successor is its right child: (n)((x), (s)(, (c))) --> (s)((x), (c))
      parent = successor;
      child2 = rbRight(s, successor);
    } else {
      // Case 3: node's successor is leftmost under node's right child subtree
      do {
        parent = successor;
        successor = tmp;
        tmp = rbLeft(s, tmp);
      } while (tmp !== NIL);
      child2 = rbRight(s, successor);
      rbSetLeft(s, parent, child2);
      rbSetRight(s, successor, child);
      rbSetParent(s, child, successor);
    }

    tmp = rbLeft(s, node);
    rbSetLeft(s, successor, tmp);
    rbSetParent(s, tmp, successor);

    pc = rbPc(s, node);
    rbChangeChild(s, node, successor, pc >> 1, root);

    if (child2 !== NIL) {
      rbSetParentColor(s, child2, parent, RB_BLACK);
      rebalance = NIL;
    } else {
      rebalance = rbIsRed(s, successor) ? NIL : parent; // rb_is_black(successor) before it takes pc
    }
    rbSetPc(s, successor, pc); // successor->__rb_parent_color = pc
  }
  return rebalance;
}

// mirrors rb_erase() in lib/rbtree.c
export function rbErase(s: Int32Array, node: number, root: RbRoot): void {
  const rebalance = rbEraseAugmented(s, node, root);
  if (rebalance !== NIL) rbEraseColor(s, rebalance, root);
}
