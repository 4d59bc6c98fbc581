/**
 * An rbtree of values of any type behind the @ksm-sim/tree interface: the
 * lib/rbtree.c port on slots (./slot-tree.ts), with one handle object per
 * value (the `rb_node` the kernel embeds in a stable node).
 */
import { type DescentFn, type Tree, TreeError, type TreeNode } from "@ksm-sim/tree";
import { NIL } from "./node.js";
import { SlotRbTree } from "./slot-tree.js";

/** The handle of one entry (kernel: the `rb_node` inside a stable node). */
export class RbNode<T> implements TreeNode<T> {
  /** The tree that last linked this handle; it holds it while `epoch` matches. */
  owner: RbTree<T> | null = null;
  /** The owner's epoch when linked; `clear()` bumps the tree's epoch to detach all at once. */
  epoch = 0;
  /** Its slot in the owner while held. */
  slot = NIL;
  constructor(readonly value: T) {}
}

export class RbTree<T> extends SlotRbTree<T> implements Tree<T> {
  /** Per slot: the value and the handle linked there. */
  private vals: T[] = [];
  private handles: (RbNode<T> | undefined)[] = [];

  newNode(value: T): RbNode<T> {
    return new RbNode(value);
  }

  valueAt(node: number): T {
    return this.vals[node]!;
  }

  handleAt(node: number): RbNode<T> {
    return this.handles[node]!;
  }

  holds(node: TreeNode<T>): boolean {
    const n = node as RbNode<T>;
    return n.owner === this && n.epoch === this.epoch;
  }

  nodeOf(handle: TreeNode<T>): number {
    return this.holds(handle) ? (handle as RbNode<T>).slot : NIL;
  }

  descend(fn: DescentFn<T>): RbNode<T> | null {
    const slot = this.descendSlot(fn);
    return slot === NIL ? null : this.handleAt(slot);
  }

  link(node: TreeNode<T>): void {
    const n = own(node);
    if (n.owner?.holds(n)) throw new TreeError("ALREADY_LINKED", "rbtree: node is linked in a tree");
    this.adopt(n, this.linkSlot());
  }

  searchOrInsert(node: TreeNode<T>, fn: DescentFn<T>): TreeNode<T> {
    const found = this.descend(fn);
    if (found !== null) return found;
    this.link(node);
    return node;
  }

  erase(node: TreeNode<T>): void {
    if (!this.holds(node)) throw new TreeError("NOT_HELD", "rbtree: erase of a node this tree does not hold");
    const n = node as RbNode<T>;
    this.eraseSlot(n.slot);
    this.vals[n.slot] = undefined as T; // hold no erased value
    this.handles[n.slot] = undefined;
    n.owner = null;
  }

  /** rb_replace_node: `replacement` takes `victim`'s slot, so every link, the colour and the hint stay as they were. */
  replace(victim: TreeNode<T>, replacement: TreeNode<T>): void {
    if (!this.holds(victim)) throw new TreeError("NOT_HELD", "rbtree: replace of a node this tree does not hold");
    const r = own(replacement);
    if (r.owner?.holds(r)) throw new TreeError("ALREADY_LINKED", "rbtree: replacement is linked in a tree");
    const v = victim as RbNode<T>;
    this.adopt(r, v.slot);
    v.owner = null;
    this.version++;
  }

  *nodes(): IterableIterator<RbNode<T>> {
    for (const slot of this.slotsInOrder()) yield this.handleAt(slot);
  }

  clear(): void {
    this.clearSlots();
    this.vals = [];
    this.handles = [];
  }

  private adopt(n: RbNode<T>, slot: number): void {
    this.vals[slot] = n.value;
    this.handles[slot] = n;
    n.owner = this;
    n.epoch = this.epoch;
    n.slot = slot;
  }
}

function own<T>(node: TreeNode<T>): RbNode<T> {
  if (!(node instanceof RbNode)) throw new TreeError("FOREIGN_NODE", "rbtree: not a node of the rbtree backend");
  return node as RbNode<T>;
}
