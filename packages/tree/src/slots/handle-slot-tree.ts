/**
 * A SlotTree of values of any type, with one handle object per value (KSM:
 * the `rb_node` the kernel embeds in a stable node), which can move between
 * the trees of a backend. A backend subclasses it with its balancing hooks.
 */
import { TreeError } from "../errors.js";
import { type DescentFn, NO_NODE, type Tree, type TreeNode } from "../types.js";
import { NodeSlots } from "./node-slots.js";
import { SlotTree } from "./slot-tree.js";

/** The handle of one entry of a HandleSlotTree. */
export class SlotHandle<T> implements TreeNode<T> {
  /** The tree that last linked this handle; it holds it while `epoch` matches. */
  owner: HandleSlotTree<T> | null = null;
  /** The owner's epoch when linked; `clear()` bumps the tree's epoch to detach all at once. */
  epoch = 0;
  /** Its slot in the owner while held. */
  slot = NO_NODE;
  constructor(readonly value: T) {}
}

export abstract class HandleSlotTree<T> extends SlotTree<T> implements Tree<T> {
  /** This tree's nodes, slots handed out on link. */
  readonly slots = new NodeSlots();
  readonly nodeStore = this.slots.store;
  /** Per slot: the value and the handle linked there. */
  private vals: T[] = [];
  private handles: (SlotHandle<T> | undefined)[] = [];

  /** A detached handle; a backend may return its own subclass, to tell its handles from another backend's. */
  newNode(value: T): SlotHandle<T> {
    return new SlotHandle(value);
  }

  valueAt(node: number): T {
    return this.vals[node]!;
  }

  handleAt(node: number): SlotHandle<T> {
    return this.handles[node]!;
  }

  holds(node: TreeNode<T>): boolean {
    const n = node as SlotHandle<T>;
    return n.owner === this && n.epoch === this.epoch;
  }

  nodeOf(handle: TreeNode<T>): number {
    return this.holds(handle) ? (handle as SlotHandle<T>).slot : NO_NODE;
  }

  descend(fn: DescentFn<T>): SlotHandle<T> | null {
    const slot = this.descendSlot(fn);
    return slot === NO_NODE ? null : this.handleAt(slot);
  }

  link(node: TreeNode<T>): void {
    const n = this.own(node);
    if (n.owner?.holds(n)) throw new TreeError("ALREADY_LINKED", `${this.backend}: node is linked in a tree`);
    this.checkLinkPoint();
    const slot = this.slots.take();
    this.linkAtPoint(slot);
    this.adopt(n, slot);
  }

  searchOrInsert(node: TreeNode<T>, fn: DescentFn<T>): TreeNode<T> {
    const found = this.descend(fn);
    if (found !== null) return found;
    this.link(node);
    return node;
  }

  erase(node: TreeNode<T>): void {
    if (!this.holds(node)) throw new TreeError("NOT_HELD", `${this.backend}: erase of a node this tree does not hold`);
    const n = node as SlotHandle<T>;
    this.eraseSlot(n.slot);
    this.slots.release(n.slot);
    this.vals[n.slot] = undefined as T; // hold no erased value
    this.handles[n.slot] = undefined;
    n.owner = null;
  }

  /** rb_replace_node: `replacement` takes `victim`'s slot, so every link, the balance and the hint stay as they were. */
  replace(victim: TreeNode<T>, replacement: TreeNode<T>): void {
    if (!this.holds(victim))
      throw new TreeError("NOT_HELD", `${this.backend}: replace of a node this tree does not hold`);
    const r = this.own(replacement);
    if (r.owner?.holds(r)) throw new TreeError("ALREADY_LINKED", `${this.backend}: replacement is linked in a tree`);
    const v = victim as SlotHandle<T>;
    this.adopt(r, v.slot);
    v.owner = null;
    this.version++;
  }

  *nodes(): IterableIterator<SlotHandle<T>> {
    for (const slot of this.slotsInOrder()) yield this.handleAt(slot);
  }

  clear(): void {
    this.clearSlots();
    this.slots.reset();
    this.vals = [];
    this.handles = [];
  }

  protected isLinked(node: number): boolean {
    return this.slots.isTaken(node);
  }

  /** Whether `node` is a handle of this backend (the default: any SlotHandle; a backend with its own handle class narrows it). */
  protected isOwn(node: TreeNode<T>): node is SlotHandle<T> {
    return node instanceof SlotHandle;
  }

  private own(node: TreeNode<T>): SlotHandle<T> {
    if (!this.isOwn(node)) throw new TreeError("FOREIGN_NODE", `${this.backend}: not a node of this backend`);
    return node;
  }

  private adopt(n: SlotHandle<T>, slot: number): void {
    this.vals[slot] = n.value;
    this.handles[slot] = n;
    n.owner = this;
    n.epoch = this.epoch;
    n.slot = slot;
  }
}
