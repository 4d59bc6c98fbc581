/**
 * Linking a node where a descent fell off a leaf, then restoring the AVL
 * balance on the way up (as rb_link_node + rb_insert_color do for a
 * red-black tree). At most one single or double rotation happens.
 */
import {
  type AvlRoot,
  type AvlStore,
  avlParent,
  avlSetHint,
  avlSetLeft,
  avlSetParent,
  avlSetRight,
  NIL,
} from "./node.js";
import { avlRetrace } from "./rebalance.js";

/** Put `n` as a leaf below `parent` on the `left` (or right) side; NIL as `parent` is the root slot. A new node's hint is 0. */
export function avlLinkNode(t: AvlStore, n: number, parent: number, left: boolean, root: AvlRoot): void {
  const s = t.s;
  avlSetLeft(s, n, NIL);
  avlSetRight(s, n, NIL);
  avlSetParent(s, n, parent);
  avlSetHint(s, n, 0);
  t.h[n] = 1;
  if (parent === NIL) root.rootSlot = n;
  else if (left) avlSetLeft(s, parent, n);
  else avlSetRight(s, parent, n);
}

/** Rebalance after `n` was linked as a leaf. */
export function avlInsertBalance(t: AvlStore, n: number, root: AvlRoot): void {
  avlRetrace(t, avlParent(t.s, n), root);
}
