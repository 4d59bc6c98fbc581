/**
 * Restoring the black heights after an erase on arena slots:
 * ____rb_erase_color() of lib/rbtree.c, statement for statement as
 * ../erase-color.ts, with the dummy augment_rotate.
 */
import { IX_BLACK, IX_RED, NIL } from "./arena.js";
import { type IxRoot, ixIsRed, ixParent, ixRotateSetParents, ixSetParent, ixSetParentColor } from "./node-ops.js";

function black(s: Int32Array, n: number): boolean {
  return n === NIL || !ixIsRed(s, n);
}

// mirrors ____rb_erase_color() in lib/rbtree.c
export function ixEraseColor(s: Int32Array, rebalance: number, root: IxRoot): void {
  let parent = rebalance;
  let node = NIL;
  let tmp1: number;
  let tmp2: number;

  for (;;) {
    const right = s[4 * parent + 1]!; // sibling = parent->rb_right
    if (node !== right) {
      // node == parent->rb_left
      let sibling = right;
      if (ixIsRed(s, sibling)) {
        // Case 1 - left rotate at parent
        tmp1 = s[4 * sibling]!;
        s[4 * parent + 1] = tmp1;
        s[4 * sibling] = parent;
        ixSetParentColor(s, tmp1, parent, IX_BLACK);
        ixRotateSetParents(s, parent, sibling, root, IX_RED);
        sibling = tmp1;
      }
      tmp1 = s[4 * sibling + 1]!;
      if (black(s, tmp1)) {
        tmp2 = s[4 * sibling]!;
        if (black(s, tmp2)) {
          // Case 2 - sibling color flip
          ixSetParentColor(s, sibling, parent, IX_RED);
          if (ixIsRed(s, parent)) {
            s[4 * parent + 2] = s[4 * parent + 2]! | IX_BLACK; // rb_set_black(parent)
          } else {
            node = parent;
            const up = ixParent(s, node);
            if (up !== NIL) {
              parent = up;
              continue;
            }
          }
          break;
        }
        // Case 3 - right rotate at sibling
        tmp1 = s[4 * tmp2 + 1]!;
        s[4 * sibling] = tmp1;
        s[4 * tmp2 + 1] = sibling;
        s[4 * parent + 1] = tmp2;
        if (tmp1 !== NIL) ixSetParentColor(s, tmp1, sibling, IX_BLACK);
        tmp1 = sibling;
        sibling = tmp2;
      }
      // Case 4 - left rotate at parent + color flips
      tmp2 = s[4 * sibling]!;
      s[4 * parent + 1] = tmp2;
      s[4 * sibling] = parent;
      ixSetParentColor(s, tmp1, sibling, IX_BLACK);
      if (tmp2 !== NIL) ixSetParent(s, tmp2, parent);
      ixRotateSetParents(s, parent, sibling, root, IX_BLACK);
      break;
    } else {
      let sibling = s[4 * parent]!;
      if (ixIsRed(s, sibling)) {
        // Case 1 - right rotate at parent
        tmp1 = s[4 * sibling + 1]!;
        s[4 * parent] = tmp1;
        s[4 * sibling + 1] = parent;
        ixSetParentColor(s, tmp1, parent, IX_BLACK);
        ixRotateSetParents(s, parent, sibling, root, IX_RED);
        sibling = tmp1;
      }
      tmp1 = s[4 * sibling]!;
      if (black(s, tmp1)) {
        tmp2 = s[4 * sibling + 1]!;
        if (black(s, tmp2)) {
          // Case 2 - sibling color flip
          ixSetParentColor(s, sibling, parent, IX_RED);
          if (ixIsRed(s, parent)) {
            s[4 * parent + 2] = s[4 * parent + 2]! | IX_BLACK; // rb_set_black(parent)
          } else {
            node = parent;
            const up = ixParent(s, node);
            if (up !== NIL) {
              parent = up;
              continue;
            }
          }
          break;
        }
        // Case 3 - left rotate at sibling
        tmp1 = s[4 * tmp2]!;
        s[4 * sibling + 1] = tmp1;
        s[4 * tmp2] = sibling;
        s[4 * parent] = tmp2;
        if (tmp1 !== NIL) ixSetParentColor(s, tmp1, sibling, IX_BLACK);
        tmp1 = sibling;
        sibling = tmp2;
      }
      // Case 4 - right rotate at parent + color flips
      tmp2 = s[4 * sibling + 1]!;
      s[4 * parent] = tmp2;
      s[4 * sibling + 1] = parent;
      ixSetParentColor(s, tmp1, sibling, IX_BLACK);
      if (tmp2 !== NIL) ixSetParent(s, tmp2, parent);
      ixRotateSetParents(s, parent, sibling, root, IX_BLACK);
      break;
    }
  }
}
