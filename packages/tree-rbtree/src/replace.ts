/** Swapping one node for another in place, with no rebalancing: rb_replace_node() of lib/rbtree.c. */
import { type RbNode, type RbRoot, rbChangeChild } from "./node.js";

// mirrors rb_replace_node() in lib/rbtree.c
export function rbReplaceNode<T>(victim: RbNode<T>, node: RbNode<T>, root: RbRoot<T>): void {
  const parent = victim.parent;

  // Copy the pointers/colour from the victim to the replacement (*new = *victim)
  node.parent = victim.parent;
  node.left = victim.left;
  node.right = victim.right;
  node.red = victim.red;

  // Set the surrounding nodes to point to the replacement
  if (victim.left !== null) victim.left.parent = node; // rb_set_parent(victim->rb_left, new)
  if (victim.right !== null) victim.right.parent = node;
  rbChangeChild(victim, node, parent, root);
}
