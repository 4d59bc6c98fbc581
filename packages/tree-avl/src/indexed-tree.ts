/**
 * An AVL tree of small non-negative integers (the IndexedTree of
 * @ksm-sim/tree): the AVL code on slots (./slot-tree.ts), values in an
 * Int32Array by slot, membership by value in the group's arena
 * (./arena.ts), so linking, erasing and testing a value make no object
 * (KSM keeps its unstable trees here, the value being the rmap_item id).
 */
import { type DescentFn, type IndexedTree, TreeError, type TreeNode } from "@ksm-sim/tree";
import { AvlArena, type AvlIxNode } from "./arena.js";
import { NIL } from "./node.js";
import { SlotAvlTree } from "./slot-tree.js";

export class IndexAvlTree extends SlotAvlTree<number> implements IndexedTree {
  /** What the trees of this group share by value (handles, owner, slot). */
  readonly arena: AvlArena;
  /** This tree's serial in the arena (a value's `owner`). */
  readonly serial: number;
  /** Per slot: the value linked there. */
  private vals = new Int32Array(256);

  /** A tree of its own group, or of `group`'s (then a value has one handle in both). */
  constructor(group?: IndexAvlTree) {
    super();
    this.arena = group?.arena ?? new AvlArena();
    this.serial = this.arena.serial();
    this.arena.treeEpochs[this.serial] = this.epoch;
  }

  newNode(value: number): AvlIxNode {
    return this.arena.handle(value);
  }

  valueAt(node: number): number {
    return this.vals[node]!;
  }

  handleAt(node: number): AvlIxNode {
    return this.arena.handle(this.vals[node]!);
  }

  holds(node: TreeNode<number>): boolean {
    return this.arena.isHandle(node) && this.holdsValue(node.value);
  }

  holdsValue(v: number): boolean {
    const a = this.arena;
    return v >= 0 && v < a.owner.length && a.owner[v] === this.serial && a.epoch[v] === this.epoch;
  }

  nodeOf(handle: TreeNode<number>): number {
    return this.holds(handle) ? this.arena.slotOf[handle.value]! : NIL;
  }

  descend(fn: DescentFn<number>): AvlIxNode | null {
    const slot = this.descendSlot(fn);
    return slot === NIL ? null : this.handleAt(slot);
  }

  link(node: TreeNode<number>): void {
    this.linkValue(this.own(node, "link"));
  }

  linkValue(v: number): number {
    const a = this.arena;
    a.reserve(v);
    if (a.heldByAny(v)) throw new TreeError("ALREADY_LINKED", `avl: link of value ${v}, which is linked in a tree`);
    this.checkLinkable();
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
    this.eraseValue(this.own(node, "erase"));
  }

  eraseValue(v: number): void {
    if (!this.holdsValue(v)) throw new TreeError("NOT_HELD", `avl: erase of value ${v}, which this tree does not hold`);
    const a = this.arena;
    this.eraseSlot(a.slotOf[v]!);
    a.owner[v] = 0;
  }

  /** The replacement takes the victim's slot: its links, height and hint stay as they were. */
  replace(victim: TreeNode<number>, replacement: TreeNode<number>): void {
    const v = this.own(victim, "replace");
    if (!this.holdsValue(v))
      throw new TreeError("NOT_HELD", `avl: replace of value ${v}, which this tree does not hold`);
    const r = this.own(replacement, "replace");
    const a = this.arena;
    if (a.heldByAny(r)) throw new TreeError("ALREADY_LINKED", `avl: replacement ${r} is linked in a tree`);
    this.adopt(r, a.slotOf[v]!);
    a.owner[v] = 0;
    this.version++;
  }

  *nodes(): IterableIterator<AvlIxNode> {
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
  private own(node: TreeNode<number>, op: string): number {
    if (!this.arena.isHandle(node)) {
      throw new TreeError("FOREIGN_NODE", `avl: ${op} of a node that is not a handle of this tree's group`);
    }
    return node.value;
  }
}
