/** Replacing a node without rebalancing (as rb_replace_node() of lib/rbtree.c). */
import {
  type AvlRoot,
  type AvlStore,
  avlChangeChild,
  avlLeft,
  avlParent,
  avlRight,
  avlSetParent,
  NIL,
} from "./node.js";

/** `repl` takes `victim`'s place: its links, parent, height and the user's hint; the neighbours point to it. */
export function avlReplaceNode(store: AvlStore, victim: number, repl: number, root: AvlRoot): void {
  const s = store.s;
  const parent = avlParent(s, victim);
  s.copyWithin(repl << 2, victim << 2, (victim << 2) + 4);
  store.h[repl] = store.h[victim]!;
  if (avlLeft(s, victim) !== NIL) avlSetParent(s, avlLeft(s, victim), repl);
  if (avlRight(s, victim) !== NIL) avlSetParent(s, avlRight(s, victim), repl);
  avlChangeChild(s, victim, repl, parent, root);
}
