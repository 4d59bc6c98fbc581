/**
 * A SlotTree of small non-negative integers: the IndexedTree of the
 * interface. Values live in an Int32Array by slot and membership by value in
 * the group's ValueArena, so linking, erasing and testing a value make no
 * object (KSM: the unstable tree, whose values are rmap_item ids). A backend
 * subclasses it with its balancing hooks.
 */
import { TreeError } from "../errors.js";
import { type DescentFn, type IndexedTree, NO_NODE, type TreeNode } from "../types.js";
import { SlotTree } from "./slot-tree.js";
import { MAX_VALUE, ValueArena, type ValueHandle } from "./value-arena.js";

export abstract class IndexedSlotTree extends SlotTree<number> implements IndexedTree {
  /** What the trees of this group share by value (handles, owner, slot). */
  readonly arena: ValueArena;
  /** This tree's serial in the arena (a value's `owner`). */
  readonly serial: number;
  /** Per slot: the value linked there. */
  private vals = new Int32Array(256);

  /** A tree of its own group, or of `group`'s (then a value has one handle in both). */
  constructor(group?: IndexedSlotTree) {
    super();
    this.arena = group?.arena ?? new ValueArena();
    this.serial = this.arena.serial();
    this.arena.treeEpochs[this.serial] = this.epoch;
  }

  newNode(value: number): ValueHandle {
    return this.arena.handle(value);
  }

  valueAt(node: number): number {
    return this.vals[node]!;
  }

  handleAt(node: number): ValueHandle {
    return this.arena.handle(this.vals[node]!);
  }

  /** Whether this tree holds `node`, a handle of this group (another group's handle of the same value is not held). */
  holds(node: TreeNode<number>): boolean {
    return this.holdsValue(node.value) && this.arena.handleIfMade(node.value) === node;
  }

  holdsValue(v: number): boolean {
    const a = this.arena;
    return v >= 0 && v < a.owner.length && a.owner[v] === this.serial && a.epoch[v] === this.epoch;
  }

  nodeOf(handle: TreeNode<number>): number {
    return this.holds(handle) ? this.arena.slotOf[handle.value]! : NO_NODE;
  }

  descend(fn: DescentFn<number>): ValueHandle | null {
    const slot = this.descendSlot(fn);
    return slot === NO_NODE ? null : this.handleAt(slot);
  }

  link(node: TreeNode<number>): void {
    this.linkValue(this.own(node, "link"));
  }

  linkValue(v: number): number {
    const a = this.arena;
    a.reserve(v);
    if (a.heldByAny(v))
      throw new TreeError("ALREADY_LINKED", `${this.backend}: link of value ${v}, which is linked in a tree`);
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
    if (!this.holdsValue(v))
      throw new TreeError("NOT_HELD", `${this.backend}: erase of value ${v}, which this tree does not hold`);
    const a = this.arena;
    this.eraseSlot(a.slotOf[v]!);
    a.owner[v] = 0;
  }

  /** rb_replace_node: `replacement` takes `victim`'s slot, so every link, the balance and the hint stay as they were. */
  replace(victim: TreeNode<number>, replacement: TreeNode<number>): void {
    const v = this.own(victim, "replace");
    if (!this.holdsValue(v))
      throw new TreeError("NOT_HELD", `${this.backend}: replace of value ${v}, which this tree does not hold`);
    const r = this.own(replacement, "replace");
    const a = this.arena;
    if (a.heldByAny(r)) throw new TreeError("ALREADY_LINKED", `${this.backend}: replacement ${r} is linked in a tree`);
    this.adopt(r, a.slotOf[v]!);
    a.owner[v] = 0;
    this.version++;
  }

  *nodes(): IterableIterator<ValueHandle> {
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

  /** The handle's value, if it is one of this group's handles (FOREIGN_NODE otherwise). */
  private own(node: TreeNode<number>, op: string): number {
    const n = node.value;
    if (
      typeof n !== "number" ||
      !Number.isInteger(n) ||
      n < 0 ||
      n >= MAX_VALUE ||
      this.arena.handleIfMade(n) !== node
    ) {
      throw new TreeError("FOREIGN_NODE", `${this.backend}: ${op} of a node that is not a handle of this tree's group`);
    }
    return n;
  }
}
