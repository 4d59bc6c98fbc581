/** rb_replace_node() of lib/rbtree.c on a tree's node storage. */
import { NIL, type RbRoot, rbChangeChild, rbLeft, rbParent, rbRight, rbSetParent } from "./node.js";

// mirrors rb_replace_node(): `repl` takes `victim`'s place (links, colour and the user's hint), no rebalancing
export function rbReplaceNode(s: Int32Array, victim: number, repl: number, root: RbRoot): void {
  const parent = rbParent(s, victim);
  // Copy the pointers/colour from the victim to the replacement (`*new = *victim`)
  s.copyWithin(repl << 2, victim << 2, (victim << 2) + 4);
  // Set the surrounding nodes to point to the replacement
  if (rbLeft(s, victim) !== NIL) rbSetParent(s, rbLeft(s, victim), repl);
  if (rbRight(s, victim) !== NIL) rbSetParent(s, rbRight(s, victim), repl);
  rbChangeChild(s, victim, repl, parent, root);
}
