/**
 * An AVL tree of values of any type behind the @ksm-sim/tree interface: the
 * AVL code (./insert.ts, ./erase.ts) as the balancing hooks of a
 * HandleSlotTree (@ksm-sim/tree/slots), with one handle object per value.
 */
import type { TreeNode } from "@ksm-sim/tree";
import { HandleSlotTree, SlotHandle } from "@ksm-sim/tree/slots";
import { avlErase } from "./erase.js";
import { avlInsertBalance, avlLinkNode } from "./insert.js";
import { avlHeight, avlParent } from "./node.js";
import { newStore, syncStore } from "./store.js";

/** The handle of one entry. */
export class AvlNode<T> extends SlotHandle<T> {}

export class AvlTree<T> extends HandleSlotTree<T> {
  readonly backend = "avl";
  /** The slot array and the heights beside it, as the AVL code takes them (read it; writing it is for tests). */
  readonly store = newStore(this.nodeStore);

  override newNode(value: T): AvlNode<T> {
    return new AvlNode(value);
  }

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

  protected override isOwn(node: TreeNode<T>): node is AvlNode<T> {
    return node instanceof AvlNode;
  }
}
