/**
 * An AVL tree of values of any type behind the @ksm-sim/tree interface:
 * the AVL code on slots (./slot-tree.ts), with one handle object per value
 * (the `rb_node` the kernel embeds in a stable node).
 */
import { type DescentFn, type Tree, TreeError, type TreeNode } from "@ksm-sim/tree";
import { NIL } from "./node.js";
import { SlotAvlTree } from "./slot-tree.js";

/** The handle of one entry. */
export class AvlNode<T> implements TreeNode<T> {
  /** The tree that last linked this handle; it holds it while `epoch` matches. */
  owner: AvlTree<T> | null = null;
  /** The owner's epoch when linked; `clear()` bumps the tree's epoch to detach all at once. */
  epoch = 0;
  /** Its slot in the owner while held. */
  slot = NIL;
  constructor(readonly value: T) {}
}

export class AvlTree<T> extends SlotAvlTree<T> implements Tree<T> {
  /** Per slot: the value and the handle linked there. */
  private vals: T[] = [];
  private handles: (AvlNode<T> | undefined)[] = [];

  newNode(value: T): AvlNode<T> {
    return new AvlNode(value);
  }

  valueAt(node: number): T {
    return this.vals[node]!;
  }

  handleAt(node: number): AvlNode<T> {
    return this.handles[node]!;
  }

  holds(node: TreeNode<T>): boolean {
    const n = node as AvlNode<T>;
    return n.owner === this && n.epoch === this.epoch;
  }

  nodeOf(handle: TreeNode<T>): number {
    return this.holds(handle) ? (handle as AvlNode<T>).slot : NIL;
  }

  descend(fn: DescentFn<T>): AvlNode<T> | null {
    const slot = this.descendSlot(fn);
    return slot === NIL ? null : this.handleAt(slot);
  }

  link(node: TreeNode<T>): void {
    const n = own(node, "link");
    if (n.owner?.holds(n)) throw new TreeError("ALREADY_LINKED", "avl: link of a node that is linked in a tree");
    this.checkLinkable();
    this.adopt(n, this.linkSlot());
  }

  searchOrInsert(node: TreeNode<T>, fn: DescentFn<T>): TreeNode<T> {
    const found = this.descend(fn);
    if (found !== null) return found;
    this.link(node);
    return node;
  }

  erase(node: TreeNode<T>): void {
    const n = own(node, "erase");
    if (!this.holds(n)) throw new TreeError("NOT_HELD", "avl: erase of a node this tree does not hold");
    this.eraseSlot(n.slot);
    this.vals[n.slot] = undefined as T; // hold no erased value
    this.handles[n.slot] = undefined;
    n.owner = null;
  }

  /** The replacement takes the victim's slot: its links, height and hint stay as they were. */
  replace(victim: TreeNode<T>, replacement: TreeNode<T>): void {
    const v = own(victim, "replace");
    if (!this.holds(v)) throw new TreeError("NOT_HELD", "avl: replace of a node this tree does not hold");
    const r = own(replacement, "replace");
    if (r.owner?.holds(r)) throw new TreeError("ALREADY_LINKED", "avl: replacement is linked in a tree");
    this.adopt(r, v.slot);
    v.owner = null;
    this.version++;
  }

  *nodes(): IterableIterator<AvlNode<T>> {
    for (const slot of this.slotsInOrder()) yield this.handleAt(slot);
  }

  clear(): void {
    this.clearSlots();
    this.vals = [];
    this.handles = [];
  }

  private adopt(n: AvlNode<T>, slot: number): void {
    this.vals[slot] = n.value;
    this.handles[slot] = n;
    n.owner = this;
    n.epoch = this.epoch;
    n.slot = slot;
  }
}

function own<T>(node: TreeNode<T>, op: string): AvlNode<T> {
  if (!(node instanceof AvlNode))
    throw new TreeError("FOREIGN_NODE", `avl: ${op} of a node the avl backend did not make`);
  return node as AvlNode<T>;
}
