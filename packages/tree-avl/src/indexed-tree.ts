/**
 * An AVL tree of small non-negative integers (the IndexedTree of
 * @ksm-sim/tree): the AVL code (./insert.ts, ./erase.ts) as the balancing
 * hooks of an IndexedSlotTree (@ksm-sim/tree/slots).
 */
import { IndexedSlotTree } from "@ksm-sim/tree/slots";
import { avlErase } from "./erase.js";
import { avlInsertBalance, avlLinkNode } from "./insert.js";
import { avlHeight, avlParent } from "./node.js";
import { avlReplaceNode } from "./replace.js";
import { newStore, syncStore } from "./store.js";

export class IndexAvlTree extends IndexedSlotTree {
  readonly backend = "avl";
  /** The slot array and the heights beside it, as the AVL code takes them (read it; writing it is for tests). */
  readonly store = newStore(this.nodeStore);

  parentOf(node: number): number {
    return avlParent(this.nodeStore.s, node);
  }

  /** The stored height of the subtree at a linked node (a leaf is 1; debugging). */
  heightOf(node: number): number {
    return avlHeight(this.store.h, node);
  }

  protected linkAt(node: number, parent: number, left: boolean): void {
    avlLinkNode(syncStore(this.store, this.nodeStore), node, parent, left, this);
  }

  protected rebalanceAfterLink(node: number): void {
    avlInsertBalance(this.store, node, this);
  }

  protected unlink(node: number): void {
    avlErase(syncStore(this.store, this.nodeStore), node, this);
  }

  protected replaceNode(victim: number, replacement: number): void {
    avlReplaceNode(syncStore(this.store, this.nodeStore), victim, replacement, this);
  }
}
