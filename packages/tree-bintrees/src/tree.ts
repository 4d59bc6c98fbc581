/**
 * A KSM tree over bintrees' RBTree: a mutable red-black tree that rebalances
 * top-down on the way in and out. Handles are ordered by their order labels
 * (see @ksm-sim/tree/order-labels).
 */
import type { TreeNode } from "@ksm-sim/tree";
import { compareLabels, type LabelCursor, OrderLabelNode, OrderLabelTree } from "@ksm-sim/tree/order-labels";
import type { BintreesNodeLike, RBTreeClass, RBTreeLike } from "./bintrees-like.js";

/** This backend's handle (a TreeNode); other backends' handles are refused as FOREIGN_NODE. */
export class BintreesHandle<T> extends OrderLabelNode<T> {}

export class BintreesTree<T> extends OrderLabelTree<T, BintreesNodeLike<BintreesHandle<T>>> {
  private lib: RBTreeLike<BintreesHandle<T>>;

  constructor(
    readonly backend: string,
    private readonly RBTree: RBTreeClass,
  ) {
    super();
    this.lib = new RBTree<BintreesHandle<T>>(compareLabels);
  }

  get size(): number {
    return this.lib.size;
  }

  newNode(value: T): BintreesHandle<T> {
    return new BintreesHandle(value);
  }

  protected isOwn(node: TreeNode<T>): node is BintreesHandle<T> {
    return node instanceof BintreesHandle;
  }

  protected rootNode(): BintreesNodeLike<BintreesHandle<T>> | null {
    return this.lib._root;
  }

  protected handleAt(node: BintreesNodeLike<BintreesHandle<T>>): BintreesHandle<T> {
    return node.data;
  }

  protected insert(handle: BintreesHandle<T>): void {
    if (!this.lib.insert(handle)) throw new Error("bintrees: insert refused a fresh label");
  }

  protected remove(handle: BintreesHandle<T>): void {
    if (!this.lib.remove(handle)) throw new Error("bintrees: remove missed a held handle");
  }

  protected reset(): void {
    this.lib = new this.RBTree<BintreesHandle<T>>(compareLabels);
  }

  protected cursor(from: BintreesHandle<T> | null, dir: -1 | 1): LabelCursor<BintreesHandle<T>> {
    const it = from === null ? this.lib.iterator() : this.lib.findIter(from);
    if (it === null) throw new Error("bintrees: findIter missed a held handle");
    let started = from === null; // a null iterator's first step gives the first (or last) item
    return () => {
      if (started) return dir > 0 ? it.next() : it.prev();
      started = true;
      return it.data();
    };
  }
}
