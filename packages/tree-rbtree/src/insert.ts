/**
 * Rebalancing after a link: __rb_insert() of lib/rbtree.c, statement for
 * statement, with the dummy (no-op) augment_rotate of rb_insert_color().
 * Capital letters are black nodes, small ones red, as in the kernel's comments.
 */
import {
  NIL,
  RB_BLACK,
  RB_RED,
  type RbRoot,
  rbIsRed,
  rbLeft,
  rbParent,
  rbRight,
  rbRotateSetParents,
  rbSetLeft,
  rbSetParentColor,
  rbSetRight,
} from "./node.js";

// mirrors __rb_insert() in lib/rbtree.c
function rbInsert(s: Int32Array, inserted: number, root: RbRoot): void {
  let node = inserted;
  let parent = rbParent(s, node); // rb_red_parent(node)
  let gparent: number;
  let tmp: number;

  for (;;) {
    // Loop invariant: node is red.
    if (parent === NIL) {
      // The inserted node is root, or we recursed at Case 1 up to the root.
      rbSetParentColor(s, node, NIL, RB_BLACK);
      break;
    }
    // A black parent: done.
    if (!rbIsRed(s, parent)) break;

    gparent = rbParent(s, parent); // rb_red_parent(parent): a red node is never the root

    tmp = rbRight(s, gparent);
    if (parent !== tmp) {
      // parent == gparent->rb_left
      if (tmp !== NIL && rbIsRed(s, tmp)) {
        // Case 1 - node's uncle is red (color flips): G(p(n), u) --> g(P(n), U), recurse at g.
        rbSetParentColor(s, tmp, gparent, RB_BLACK);
        rbSetParentColor(s, parent, gparent, RB_BLACK);
        node = gparent;
        parent = rbParent(s, node);
        rbSetParentColor(s, node, parent, RB_RED);
        continue;
      }

      tmp = rbRight(s, parent);
      if (node === tmp) {
        // Case 2 - uncle black, node is the parent's right child: left rotate at parent.
        tmp = rbLeft(s, node);
        rbSetRight(s, parent, tmp);
        rbSetLeft(s, node, parent);
        if (tmp !== NIL) rbSetParentColor(s, tmp, parent, RB_BLACK);
        rbSetParentColor(s, parent, node, RB_RED);
        parent = node;
        tmp = rbRight(s, node);
      }

      // Case 3 - uncle black, node is the parent's left child: right rotate at gparent.
      rbSetLeft(s, gparent, tmp); // == parent->rb_right
      rbSetRight(s, parent, gparent);
      if (tmp !== NIL) rbSetParentColor(s, tmp, gparent, RB_BLACK);
      rbRotateSetParents(s, gparent, parent, root, RB_RED);
      break;
    } else {
      tmp = rbLeft(s, gparent);
      if (tmp !== NIL && rbIsRed(s, tmp)) {
        // Case 1 - color flips
        rbSetParentColor(s, tmp, gparent, RB_BLACK);
        rbSetParentColor(s, parent, gparent, RB_BLACK);
        node = gparent;
        parent = rbParent(s, node);
        rbSetParentColor(s, node, parent, RB_RED);
        continue;
      }

      tmp = rbLeft(s, parent);
      if (node === tmp) {
        // Case 2 - right rotate at parent
        tmp = rbRight(s, node);
        rbSetLeft(s, parent, tmp);
        rbSetRight(s, node, parent);
        if (tmp !== NIL) rbSetParentColor(s, tmp, parent, RB_BLACK);
        rbSetParentColor(s, parent, node, RB_RED);
        parent = node;
        tmp = rbLeft(s, node);
      }

      // Case 3 - left rotate at gparent
      rbSetRight(s, gparent, tmp); // == parent->rb_left
      rbSetLeft(s, parent, gparent);
      if (tmp !== NIL) rbSetParentColor(s, tmp, gparent, RB_BLACK);
      rbRotateSetParents(s, gparent, parent, root, RB_RED);
      break;
    }
  }
}

// mirrors rb_insert_color() in lib/rbtree.c
export function rbInsertColor(s: Int32Array, node: number, root: RbRoot): void {
  rbInsert(s, node, root);
}
