/**
 * An rbtree of small non-negative integers (the IndexedTree of
 * @ksm-sim/tree): the lib/rbtree.c port (./insert.ts, ./erase.ts) as the
 * balancing hooks of an IndexedSlotTree (@ksm-sim/tree/slots). It is the
 * unstable tree's home (the value is the rmap_item id, whose rb_node the
 * kernel embeds in the item).
 */
import { IndexedSlotTree } from "@ksm-sim/tree/slots";
import { rbErase } from "./erase.js";
import { rbInsertColor } from "./insert.js";
import { rbIsRed, rbLinkNode, rbParent } from "./node.js";

export class IndexRbTree extends IndexedSlotTree {
  readonly backend = "rbtree";

  parentOf(node: number): number {
    return rbParent(this.slots.s, node);
  }

  /** Whether a linked node is red (debugging; kernel rb_is_red). */
  isRed(node: number): boolean {
    return rbIsRed(this.slots.s, node);
  }

  protected linkAt(node: number, parent: number, left: boolean): void {
    rbLinkNode(this.slots.s, node, parent, left, this);
  }

  protected rebalanceAfterLink(node: number): void {
    rbInsertColor(this.slots.s, node, this);
  }

  protected unlink(node: number): void {
    rbErase(this.slots.s, node, this);
  }
}
