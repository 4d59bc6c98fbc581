/**
 * Rebalancing after a link: __rb_insert() of lib/rbtree.c, statement for
 * statement, with the dummy (no-op) augment_rotate of rb_insert_color().
 * Capital letters are black nodes, small ones red, as in the kernel's comments.
 */
import { RB_BLACK, RB_RED, type RbNode, type RbRoot, rbRotateSetParents, rbSetParentColor } from "./node.js";

// mirrors __rb_insert() in lib/rbtree.c
export function rbInsert<T>(inserted: RbNode<T>, root: RbRoot<T>): void {
  let node = inserted;
  let parent = node.parent; // rb_red_parent(node)
  let gparent: RbNode<T>;
  let tmp: RbNode<T> | null;

  for (;;) {
    // Loop invariant: node is red.
    if (parent === null) {
      // The inserted node is root, or we recursed at Case 1 up to the root.
      rbSetParentColor(node, null, RB_BLACK);
      break;
    }
    // A black parent: done.
    if (!parent.red) break;

    gparent = parent.parent as RbNode<T>; // rb_red_parent(parent): a red node is never the root

    tmp = gparent.right;
    if (parent !== tmp) {
      // parent == gparent->rb_left
      if (tmp?.red) {
        // Case 1 - node's uncle is red (color flips): G(p(n), u) --> g(P(n), U), recurse at g.
        rbSetParentColor(tmp, gparent, RB_BLACK);
        rbSetParentColor(parent, gparent, RB_BLACK);
        node = gparent;
        parent = node.parent;
        rbSetParentColor(node, parent, RB_RED);
        continue;
      }

      tmp = parent.right;
      if (node === tmp) {
        // Case 2 - uncle black, node is the parent's right child: left rotate at parent.
        tmp = node.left;
        parent.right = tmp;
        node.left = parent;
        if (tmp !== null) rbSetParentColor(tmp, parent, RB_BLACK);
        rbSetParentColor(parent, node, RB_RED);
        parent = node;
        tmp = node.right;
      }

      // Case 3 - uncle black, node is the parent's left child: right rotate at gparent.
      gparent.left = tmp; // == parent->rb_right
      parent.right = gparent;
      if (tmp !== null) rbSetParentColor(tmp, gparent, RB_BLACK);
      rbRotateSetParents(gparent, parent, root, RB_RED);
      break;
    } else {
      tmp = gparent.left;
      if (tmp?.red) {
        // Case 1 - color flips
        rbSetParentColor(tmp, gparent, RB_BLACK);
        rbSetParentColor(parent, gparent, RB_BLACK);
        node = gparent;
        parent = node.parent;
        rbSetParentColor(node, parent, RB_RED);
        continue;
      }

      tmp = parent.left;
      if (node === tmp) {
        // Case 2 - right rotate at parent
        tmp = node.right;
        parent.left = tmp;
        node.right = parent;
        if (tmp !== null) rbSetParentColor(tmp, parent, RB_BLACK);
        rbSetParentColor(parent, node, RB_RED);
        parent = node;
        tmp = node.left;
      }

      // Case 3 - left rotate at gparent
      gparent.right = tmp; // == parent->rb_left
      parent.left = gparent;
      if (tmp !== null) rbSetParentColor(tmp, gparent, RB_BLACK);
      rbRotateSetParents(gparent, parent, root, RB_RED);
      break;
    }
  }
}

// mirrors rb_insert_color() in lib/rbtree.c
export function rbInsertColor<T>(node: RbNode<T>, root: RbRoot<T>): void {
  rbInsert(node, root);
}
