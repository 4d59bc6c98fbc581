/**
 * An rbtree of small non-negative integers (the IndexedTree of
 * @ksm-sim/tree): the lib/rbtree.c port on slots (./slot-tree.ts), values in
 * an Int32Array by slot, membership by value in the group's arena
 * (./arena.ts), so linking, erasing and testing a value make no object. It
 * is the unstable tree's home (the value is the rmap_item id, whose rb_node
 * the kernel embeds in the item).
 */
import { type DescentFn, type IndexedTree, TreeError, type TreeNode } from "@ksm-sim/tree";
import { IxArena, type IxNode } from "./arena.js";
import { NIL } from "./node.js";
import { SlotRbTree } from "./slot-tree.js";

export class IndexRbTree extends SlotRbTree<number> implements IndexedTree {
  /** What the trees of this group share by value (handles, owner, slot). */
  readonly arena: IxArena;
  /** This tree's serial in the arena (a value's `owner`). */
  readonly serial: number;
  /** Per slot: the value linked there. */
  private vals = new Int32Array(256);

  /** A tree of its own group, or of `group`'s (then a value has one handle in both). */
  constructor(group?: IndexRbTree) {
    super();
    this.arena = group?.arena ?? new IxArena();
    this.serial = this.arena.serial();
    this.arena.treeEpochs[this.serial] = this.epoch;
  }

  newNode(value: number): IxNode {
    return this.arena.handle(value);
  }

  valueAt(node: number): number {
    return this.vals[node]!;
  }

  handleAt(node: number): IxNode {
    return this.arena.handle(this.vals[node]!);
  }

  holds(node: TreeNode<number>): boolean {
    return this.holdsValue(node.value);
  }

  holdsValue(v: number): boolean {
    const a = this.arena;
    return v >= 0 && v < a.owner.length && a.owner[v] === this.serial && a.epoch[v] === this.epoch;
  }

  nodeOf(handle: TreeNode<number>): number {
    return this.holdsValue(handle.value) ? this.arena.slotOf[handle.value]! : NIL;
  }

  descend(fn: DescentFn<number>): IxNode | null {
    const slot = this.descendSlot(fn);
    return slot === NIL ? null : this.handleAt(slot);
  }

  link(node: TreeNode<number>): void {
    this.linkValue(this.own(node));
  }

  linkValue(v: number): number {
    const a = this.arena;
    a.reserve(v);
    if (a.heldByAny(v)) throw new TreeError("ALREADY_LINKED", "rbtree: node is linked in a tree");
    const slot = this.linkSlot();
    this.adopt(v, slot);
    return slot;
  }

  searchOrInsert(node: TreeNode<number>, fn: DescentFn<number>): TreeNode<number> {
    const found = this.descend(fn);
    if (found !== null) return found;
    this.link(node);
    return node;
  }

  erase(node: TreeNode<number>): void {
    this.eraseValue(node.value);
  }

  eraseValue(v: number): void {
    if (!this.holdsValue(v)) throw new TreeError("NOT_HELD", "rbtree: erase of a node this tree does not hold");
    const a = this.arena;
    this.eraseSlot(a.slotOf[v]!);
    a.owner[v] = 0;
  }

  /** rb_replace_node: `replacement` takes `victim`'s slot, so every link, the colour and the hint stay as they were. */
  replace(victim: TreeNode<number>, replacement: TreeNode<number>): void {
    const v = victim.value;
    if (!this.holdsValue(v)) throw new TreeError("NOT_HELD", "rbtree: replace of a node this tree does not hold");
    const r = this.own(replacement);
    const a = this.arena;
    if (a.heldByAny(r)) throw new TreeError("ALREADY_LINKED", "rbtree: replacement is linked in a tree");
    this.adopt(r, a.slotOf[v]!);
    a.owner[v] = 0;
    this.version++;
  }

  *nodes(): IterableIterator<IxNode> {
    for (const slot of this.slotsInOrder()) yield this.handleAt(slot);
  }

  clear(): void {
    this.clearSlots();
    this.arena.treeEpochs[this.serial] = this.epoch;
  }

  private adopt(v: number, slot: number): void {
    if (slot >= this.vals.length) {
      const vals = new Int32Array(this.slots.capacity);
      vals.set(this.vals);
      this.vals = vals;
    }
    this.vals[slot] = v;
    const a = this.arena;
    a.owner[v] = this.serial;
    a.epoch[v] = this.epoch;
    a.slotOf[v] = slot;
  }

  /** The handle's value, if it is one of this group's handles. */
  private own(node: TreeNode<number>): number {
    const n = node.value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n >= 2 ** 30 || this.arena.handle(n) !== node) {
      throw new TreeError("FOREIGN_NODE", "rbtree: not a node of this tree's arena");
    }
    return n;
  }
}
