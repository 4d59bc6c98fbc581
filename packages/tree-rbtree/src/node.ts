/**
 * The node of the tree, `struct rb_node`, and the small helpers of
 * include/linux/rbtree.h, rbtree_augmented.h and lib/rbtree.c that touch it.
 *
 * The kernel packs parent pointer and colour into `__rb_parent_color`; here
 * they are two fields, `parent` and `red`. Copying "pc" (parent and colour
 * together) is done field by field.
 */
import type { TreeNode } from "@ksm-sim/tree";
import type { RbTree } from "./tree.js";

/** Colour values for `RbNode.red` (kernel: RB_RED 0, RB_BLACK 1). */
export const RB_RED = true;
export const RB_BLACK = false;

/** The tree's root slot (kernel: `struct rb_root`). `RbTree` is one. */
export interface RbRoot<T> {
  rbNode: RbNode<T> | null;
}

/** One tree entry: the `rb_node` embedded in an rmap_item or a stable node. */
export class RbNode<T> implements TreeNode<T> {
  // Field order is memory order: what a descent reads (value, hint, left,
  // right) comes first, so that it mostly lies in one cache line.
  /** A small integer the tree's user may keep with the node (KSM: a hint of the page's contents order); the tree never reads it. */
  hint = 0;
  left: RbNode<T> | null = null;
  right: RbNode<T> | null = null;
  parent: RbNode<T> | null = null;
  red: boolean = RB_RED;
  /** The tree that last linked this node; it holds the node while `epoch` matches. */
  owner: RbTree<T> | null = null;
  /** The owner's epoch when linked; `clear()` bumps the tree's epoch to detach all at once. */
  epoch = 0;
  constructor(readonly value: T) {}
}

// mirrors rb_set_parent_color() in include/linux/rbtree_augmented.h
export function rbSetParentColor<T>(rb: RbNode<T>, p: RbNode<T> | null, red: boolean): void {
  rb.parent = p;
  rb.red = red;
}

// mirrors __rb_change_child() in include/linux/rbtree_augmented.h
export function rbChangeChild<T>(
  old: RbNode<T>,
  node: RbNode<T> | null,
  parent: RbNode<T> | null,
  root: RbRoot<T>,
): void {
  if (parent !== null) {
    if (parent.left === old) parent.left = node;
    else parent.right = node;
  } else root.rbNode = node;
}

// mirrors __rb_rotate_set_parents() in lib/rbtree.c
export function rbRotateSetParents<T>(old: RbNode<T>, node: RbNode<T>, root: RbRoot<T>, red: boolean): void {
  const parent = old.parent;
  node.parent = old.parent; // new->__rb_parent_color = old->__rb_parent_color
  node.red = old.red;
  rbSetParentColor(old, node, red);
  rbChangeChild(old, node, parent, root);
}

// mirrors rb_link_node() in include/linux/rbtree.h; the kernel's `rb_link` slot is given as `parent` plus side
export function rbLinkNode<T>(node: RbNode<T>, parent: RbNode<T> | null, left: boolean, root: RbRoot<T>): void {
  node.parent = parent;
  node.red = RB_RED; // the parent pointer's low bit is 0: RB_RED
  node.left = node.right = null;
  if (parent === null) root.rbNode = node;
  else if (left) parent.left = node;
  else parent.right = node;
}
