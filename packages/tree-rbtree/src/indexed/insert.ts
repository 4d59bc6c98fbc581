/**
 * Rebalancing after a link on arena slots: __rb_insert() of lib/rbtree.c,
 * statement for statement (as ../insert.ts does on objects), with the dummy
 * augment_rotate of rb_insert_color().
 */
import { IX_BLACK, IX_RED, NIL } from "./arena.js";
import { type IxRoot, ixIsRed, ixParent, ixRotateSetParents, ixSetParentColor } from "./node-ops.js";

// mirrors rb_insert_color() / __rb_insert() in lib/rbtree.c
export function ixInsertColor(s: Int32Array, inserted: number, root: IxRoot): void {
  let node = inserted;
  let parent = ixParent(s, node); // rb_red_parent(node)
  let gparent: number;
  let tmp: number;

  for (;;) {
    // Loop invariant: node is red.
    if (parent === NIL) {
      ixSetParentColor(s, node, NIL, IX_BLACK);
      break;
    }
    if (!ixIsRed(s, parent)) break;
    gparent = ixParent(s, parent); // a red node is never the root

    tmp = s[4 * gparent + 1]!;
    if (parent !== tmp) {
      // parent == gparent->rb_left
      if (tmp !== NIL && ixIsRed(s, tmp)) {
        // Case 1 - color flips
        ixSetParentColor(s, tmp, gparent, IX_BLACK);
        ixSetParentColor(s, parent, gparent, IX_BLACK);
        node = gparent;
        parent = ixParent(s, node);
        ixSetParentColor(s, node, parent, IX_RED);
        continue;
      }
      tmp = s[4 * parent + 1]!;
      if (node === tmp) {
        // Case 2 - left rotate at parent
        tmp = s[4 * node]!;
        s[4 * parent + 1] = tmp;
        s[4 * node] = parent;
        if (tmp !== NIL) ixSetParentColor(s, tmp, parent, IX_BLACK);
        ixSetParentColor(s, parent, node, IX_RED);
        parent = node;
        tmp = s[4 * node + 1]!;
      }
      // Case 3 - right rotate at gparent
      s[4 * gparent] = tmp;
      s[4 * parent + 1] = gparent;
      if (tmp !== NIL) ixSetParentColor(s, tmp, gparent, IX_BLACK);
      ixRotateSetParents(s, gparent, parent, root, IX_RED);
      break;
    } else {
      tmp = s[4 * gparent]!;
      if (tmp !== NIL && ixIsRed(s, tmp)) {
        // Case 1 - color flips
        ixSetParentColor(s, tmp, gparent, IX_BLACK);
        ixSetParentColor(s, parent, gparent, IX_BLACK);
        node = gparent;
        parent = ixParent(s, node);
        ixSetParentColor(s, node, parent, IX_RED);
        continue;
      }
      tmp = s[4 * parent]!;
      if (node === tmp) {
        // Case 2 - right rotate at parent
        tmp = s[4 * node + 1]!;
        s[4 * parent] = tmp;
        s[4 * node + 1] = parent;
        if (tmp !== NIL) ixSetParentColor(s, tmp, parent, IX_BLACK);
        ixSetParentColor(s, parent, node, IX_RED);
        parent = node;
        tmp = s[4 * node]!;
      }
      // Case 3 - left rotate at gparent
      s[4 * gparent + 1] = tmp;
      s[4 * parent] = gparent;
      if (tmp !== NIL) ixSetParentColor(s, tmp, gparent, IX_BLACK);
      ixRotateSetParents(s, gparent, parent, root, IX_RED);
      break;
    }
  }
}
