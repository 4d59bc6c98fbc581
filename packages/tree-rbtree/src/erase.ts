/**
 * Unlinking by identity: rb_erase() of lib/rbtree.c, which is
 * __rb_erase_augmented() (include/linux/rbtree_augmented.h) followed by
 * ____rb_erase_color() (./erase-color.ts), both with the dummy augment callbacks.
 */
import { rbEraseColor } from "./erase-color.js";
import { RB_BLACK, type RbNode, type RbRoot, rbChangeChild, rbSetParentColor } from "./node.js";

// mirrors __rb_erase_augmented() in include/linux/rbtree_augmented.h; returns the node to rebalance at
export function rbEraseAugmented<T>(node: RbNode<T>, root: RbRoot<T>): RbNode<T> | null {
  const child = node.right;
  let tmp = node.left;
  let parent: RbNode<T> | null;
  let rebalance: RbNode<T> | null;

  if (tmp === null) {
    // Case 1: node to erase has no more than 1 child (easy!). If there is one
    // child it must be red and node black; colours are fixed here, no rebalance.
    parent = node.parent; // pc = node->__rb_parent_color
    rbChangeChild(node, child, parent, root);
    if (child !== null) {
      rbSetParentColor(child, parent, node.red); // child->__rb_parent_color = pc
      rebalance = null;
    } else rebalance = node.red ? null : parent;
  } else if (child === null) {
    // Still case 1, but this time the child is node->rb_left
    parent = node.parent;
    rbSetParentColor(tmp, parent, node.red); // tmp->__rb_parent_color = pc
    rbChangeChild(node, tmp, parent, root);
    rebalance = null;
  } else {
    let successor = child;
    let child2: RbNode<T> | null;
    tmp = child.left;
    if (tmp === null) {
      // Case 2: node's successor is its right child: (n)((x), (s)(, (c))) --> (s)((x), (c))
      parent = successor;
      child2 = successor.right;
    } else {
      // Case 3: node's successor is leftmost under node's right child subtree
      let p: RbNode<T> = successor;
      do {
        p = successor;
        successor = tmp;
        tmp = tmp.left;
      } while (tmp !== null);
      parent = p;
      child2 = successor.right;
      p.left = child2;
      successor.right = child;
      child.parent = successor; // rb_set_parent(child, successor)
    }

    tmp = node.left as RbNode<T>;
    successor.left = tmp;
    tmp.parent = successor; // rb_set_parent(tmp, successor)

    const pcParent = node.parent; // pc = node->__rb_parent_color
    const pcRed = node.red;
    rbChangeChild(node, successor, pcParent, root);

    if (child2 !== null) {
      rbSetParentColor(child2, parent, RB_BLACK);
      rebalance = null;
    } else {
      rebalance = successor.red ? null : parent; // rb_is_black(successor) before it takes pc
    }
    rbSetParentColor(successor, pcParent, pcRed); // successor->__rb_parent_color = pc
  }
  return rebalance;
}

// mirrors rb_erase() in lib/rbtree.c
export function rbErase<T>(node: RbNode<T>, root: RbRoot<T>): void {
  const rebalance = rbEraseAugmented(node, root);
  if (rebalance !== null) rbEraseColor(rebalance, root);
}
