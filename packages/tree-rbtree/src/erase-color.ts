/**
 * Restoring the black heights after an erase: ____rb_erase_color() of
 * lib/rbtree.c, statement for statement, with the dummy (no-op) augment_rotate.
 * Capital letters are black nodes, small ones red, as in the kernel's comments.
 */
import {
  NIL,
  RB_BLACK,
  RB_RED,
  type RbRoot,
  rbIsBlackOrNil,
  rbIsRed,
  rbLeft,
  rbParent,
  rbRight,
  rbRotateSetParents,
  rbSetBlack,
  rbSetLeft,
  rbSetParent,
  rbSetParentColor,
  rbSetRight,
} from "./node.js";

// mirrors ____rb_erase_color() in lib/rbtree.c
export function rbEraseColor(s: Int32Array, rebalance: number, root: RbRoot): void {
  let parent = rebalance;
  let node = NIL;
  let sibling: number;
  let tmp1: number;
  let tmp2: number;

  for (;;) {
    // Loop invariants: node is black (or NIL on the first iteration); node is not
    // the root; paths through parent and node are one black node short.
    sibling = rbRight(s, parent);
    if (node !== sibling) {
      // node == parent->rb_left, so the sibling exists
      if (rbIsRed(s, sibling)) {
        // Case 1 - left rotate at parent: P(N, s(Sl, Sr)) --> S(p(N, Sl), Sr)
        tmp1 = rbLeft(s, sibling);
        rbSetRight(s, parent, tmp1);
        rbSetLeft(s, sibling, parent);
        rbSetParentColor(s, tmp1, parent, RB_BLACK);
        rbRotateSetParents(s, parent, sibling, root, RB_RED);
        sibling = tmp1;
      }
      tmp1 = rbRight(s, sibling);
      if (rbIsBlackOrNil(s, tmp1)) {
        tmp2 = rbLeft(s, sibling);
        if (rbIsBlackOrNil(s, tmp2)) {
          // Case 2 - sibling color flip: (p)(N, S(Sl, Sr)) --> (p)(N, s(Sl, Sr))
          rbSetParentColor(s, sibling, parent, RB_RED);
          if (rbIsRed(s, parent)) {
            rbSetBlack(s, parent);
          } else {
            node = parent;
            parent = rbParent(s, node);
            if (parent !== NIL) continue;
          }
          break;
        }
        // Case 3 - right rotate at sibling: (p)(N, S(sl, Sr)) --> (p)(N, sl(S(Sr)))
        tmp1 = rbRight(s, tmp2);
        rbSetLeft(s, sibling, tmp1);
        rbSetRight(s, tmp2, sibling);
        rbSetRight(s, parent, tmp2);
        if (tmp1 !== NIL) rbSetParentColor(s, tmp1, sibling, RB_BLACK);
        tmp1 = sibling;
        sibling = tmp2;
      }
      // Case 4 - left rotate at parent + color flips: (p)(N, S((sl), sr)) --> (s)(P(N, (sl)), Sr)
      tmp2 = rbLeft(s, sibling);
      rbSetRight(s, parent, tmp2);
      rbSetLeft(s, sibling, parent);
      rbSetParentColor(s, tmp1, sibling, RB_BLACK);
      if (tmp2 !== NIL) rbSetParent(s, tmp2, parent);
      rbRotateSetParents(s, parent, sibling, root, RB_BLACK);
      break;
    } else {
      sibling = rbLeft(s, parent);
      if (rbIsRed(s, sibling)) {
        // Case 1 - right rotate at parent
        tmp1 = rbRight(s, sibling);
        rbSetLeft(s, parent, tmp1);
        rbSetRight(s, sibling, parent);
        rbSetParentColor(s, tmp1, parent, RB_BLACK);
        rbRotateSetParents(s, parent, sibling, root, RB_RED);
        sibling = tmp1;
      }
      tmp1 = rbLeft(s, sibling);
      if (rbIsBlackOrNil(s, tmp1)) {
        tmp2 = rbRight(s, sibling);
        if (rbIsBlackOrNil(s, tmp2)) {
          // Case 2 - sibling color flip
          rbSetParentColor(s, sibling, parent, RB_RED);
          if (rbIsRed(s, parent)) {
            rbSetBlack(s, parent);
          } else {
            node = parent;
            parent = rbParent(s, node);
            if (parent !== NIL) continue;
          }
          break;
        }
        // Case 3 - left rotate at sibling
        tmp1 = rbLeft(s, tmp2);
        rbSetRight(s, sibling, tmp1);
        rbSetLeft(s, tmp2, sibling);
        rbSetLeft(s, parent, tmp2);
        if (tmp1 !== NIL) rbSetParentColor(s, tmp1, sibling, RB_BLACK);
        tmp1 = sibling;
        sibling = tmp2;
      }
      // Case 4 - right rotate at parent + color flips
      tmp2 = rbRight(s, sibling);
      rbSetLeft(s, parent, tmp2);
      rbSetRight(s, sibling, parent);
      rbSetParentColor(s, tmp1, sibling, RB_BLACK);
      if (tmp2 !== NIL) rbSetParent(s, tmp2, parent);
      rbRotateSetParents(s, parent, sibling, root, RB_BLACK);
      break;
    }
  }
}
