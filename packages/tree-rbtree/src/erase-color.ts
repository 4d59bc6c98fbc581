/**
 * Restoring the black heights after an erase: ____rb_erase_color() of
 * lib/rbtree.c, statement for statement, with the dummy (no-op) augment_rotate.
 * Capital letters are black nodes, small ones red, as in the kernel's comments.
 */
import { RB_BLACK, RB_RED, type RbNode, type RbRoot, rbRotateSetParents, rbSetParentColor } from "./node.js";

// mirrors ____rb_erase_color() in lib/rbtree.c
export function rbEraseColor<T>(rebalance: RbNode<T>, root: RbRoot<T>): void {
  let parent = rebalance;
  let node: RbNode<T> | null = null;
  let tmp1: RbNode<T> | null;
  let tmp2: RbNode<T> | null;

  for (;;) {
    // Loop invariants: node is black (or null on the first iteration); node is not
    // the root; paths through parent and node are one black node short.
    const right = parent.right; // sibling = parent->rb_right
    if (node !== right) {
      // node == parent->rb_left, so the sibling exists
      let sibling = right as RbNode<T>;
      if (sibling.red) {
        // Case 1 - left rotate at parent: P(N, s(Sl, Sr)) --> S(p(N, Sl), Sr)
        tmp1 = sibling.left as RbNode<T>;
        parent.right = tmp1;
        sibling.left = parent;
        rbSetParentColor(tmp1, parent, RB_BLACK);
        rbRotateSetParents(parent, sibling, root, RB_RED);
        sibling = tmp1;
      }
      tmp1 = sibling.right;
      if (tmp1 === null || !tmp1.red) {
        tmp2 = sibling.left;
        if (tmp2 === null || !tmp2.red) {
          // Case 2 - sibling color flip: (p)(N, S(Sl, Sr)) --> (p)(N, s(Sl, Sr))
          rbSetParentColor(sibling, parent, RB_RED);
          if (parent.red) {
            parent.red = RB_BLACK; // rb_set_black(parent)
          } else {
            node = parent;
            const up = node.parent;
            if (up !== null) {
              parent = up;
              continue;
            }
          }
          break;
        }
        // Case 3 - right rotate at sibling: (p)(N, S(sl, Sr)) --> (p)(N, sl(S(Sr)))
        tmp1 = tmp2.right;
        sibling.left = tmp1;
        tmp2.right = sibling;
        parent.right = tmp2;
        if (tmp1 !== null) rbSetParentColor(tmp1, sibling, RB_BLACK);
        tmp1 = sibling;
        sibling = tmp2;
      }
      // Case 4 - left rotate at parent + color flips: (p)(N, S((sl), sr)) --> (s)(P(N, (sl)), Sr)
      tmp2 = sibling.left;
      parent.right = tmp2;
      sibling.left = parent;
      rbSetParentColor(tmp1 as RbNode<T>, sibling, RB_BLACK);
      if (tmp2 !== null) tmp2.parent = parent; // rb_set_parent(tmp2, parent)
      rbRotateSetParents(parent, sibling, root, RB_BLACK);
      break;
    } else {
      let sibling = parent.left as RbNode<T>;
      if (sibling.red) {
        // Case 1 - right rotate at parent
        tmp1 = sibling.right as RbNode<T>;
        parent.left = tmp1;
        sibling.right = parent;
        rbSetParentColor(tmp1, parent, RB_BLACK);
        rbRotateSetParents(parent, sibling, root, RB_RED);
        sibling = tmp1;
      }
      tmp1 = sibling.left;
      if (tmp1 === null || !tmp1.red) {
        tmp2 = sibling.right;
        if (tmp2 === null || !tmp2.red) {
          // Case 2 - sibling color flip
          rbSetParentColor(sibling, parent, RB_RED);
          if (parent.red) {
            parent.red = RB_BLACK; // rb_set_black(parent)
          } else {
            node = parent;
            const up = node.parent;
            if (up !== null) {
              parent = up;
              continue;
            }
          }
          break;
        }
        // Case 3 - left rotate at sibling
        tmp1 = tmp2.left;
        sibling.right = tmp1;
        tmp2.left = sibling;
        parent.left = tmp2;
        if (tmp1 !== null) rbSetParentColor(tmp1, sibling, RB_BLACK);
        tmp1 = sibling;
        sibling = tmp2;
      }
      // Case 4 - right rotate at parent + color flips
      tmp2 = sibling.right;
      parent.left = tmp2;
      sibling.right = parent;
      rbSetParentColor(tmp1 as RbNode<T>, sibling, RB_BLACK);
      if (tmp2 !== null) tmp2.parent = parent; // rb_set_parent(tmp2, parent)
      rbRotateSetParents(parent, sibling, root, RB_BLACK);
      break;
    }
  }
}
