/**
 * An rbtree of small non-negative integers (the IndexedTree of
 * @ksm-sim/tree): the lib/rbtree.c port (./insert.ts, ./erase.ts) as the
 * balancing hooks of an IndexedSlotTree (@ksm-sim/tree/slots). It is the
 * unstable tree's home (the value is the rmap_item id, whose rb_node the
 * kernel embeds in the item: KSM gives the group the items' words).
 */
import { IndexedSlotTree } from "@ksm-sim/tree/slots";
import { rbErase } from "./erase.js";
import { rbInsertColor } from "./insert.js";
import { rbIsRed, rbLinkNode, rbParent } from "./node.js";
import { rbReplaceNode } from "./replace.js";

export class IndexRbTree extends IndexedSlotTree {
  readonly backend = "rbtree";

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

  protected replaceNode(victim: number, replacement: number): void {
    rbReplaceNode(this.nodeStore.s, victim, replacement, this);
  }
}
