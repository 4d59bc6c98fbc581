/**
 * An rbtree of values of any type behind the @ksm-sim/tree interface: the
 * lib/rbtree.c port (./insert.ts, ./erase.ts) as the balancing hooks of a
 * HandleSlotTree (@ksm-sim/tree/slots), with one handle object per value
 * (the `rb_node` the kernel embeds in a stable node).
 */
import type { TreeNode } from "@ksm-sim/tree";
import { HandleSlotTree, SlotHandle } from "@ksm-sim/tree/slots";
import { rbErase } from "./erase.js";
import { rbInsertColor } from "./insert.js";
import { rbIsRed, rbLinkNode, rbParent } from "./node.js";

/** The handle of one entry (kernel: the `rb_node` inside a stable node). */
export class RbNode<T> extends SlotHandle<T> {}

export class RbTree<T> extends HandleSlotTree<T> {
  readonly backend = "rbtree";

  override newNode(value: T): RbNode<T> {
    return new RbNode(value);
  }

  parentOf(node: number): number {
    return rbParent(this.nodeStore.s, node);
  }

  /** Whether a linked node is red (debugging; kernel rb_is_red). */
  isRed(node: number): boolean {
    return rbIsRed(this.nodeStore.s, node);
  }

  protected linkAt(node: number, parent: number, left: boolean): void {
    rbLinkNode(this.nodeStore.s, node, parent, left, this);
  }

  protected rebalanceAfterLink(node: number): void {
    rbInsertColor(this.nodeStore.s, node, this);
  }

  protected unlink(node: number): void {
    rbErase(this.nodeStore.s, node, this);
  }

  protected override isOwn(node: TreeNode<T>): node is RbNode<T> {
    return node instanceof RbNode;
  }
}
