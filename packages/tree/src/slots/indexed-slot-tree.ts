/**
 * A SlotTree of small non-negative integers: the IndexedTree of the
 * interface. Value v's node is node v of the group's NodeStorage (KSM: the
 * `rb_node` embedded in rmap_item v; give the group the items' words and the
 * tree costs no memory of its own but a stamp a value), and membership a
 * stamp by value in the group's ValueArena, so linking, erasing and testing
 * a value make no object. A backend subclasses it with its balancing hooks
 * and `replaceNode`.
 */
import { TreeError } from "../errors.js";
import { type DescentFn, type IndexedTree, NO_NODE, type TreeNode } from "../types.js";
import type { NodeStorage } from "./node-storage.js";
import { SlotTree } from "./slot-tree.js";
import { MAX_VALUE, ValueArena, type ValueHandle } from "./value-arena.js";

export abstract class IndexedSlotTree extends SlotTree<number> implements IndexedTree {
  /** What the trees of this group share by value (handles, owner, nodes). */
  readonly arena: ValueArena;
  readonly nodeStore: NodeStorage;
  /** This tree's serial in the arena. */
  readonly serial: number;
  /** ValueArena.stampOf(serial, epoch): the stamp of the values this tree holds now. */
  private stampNow = 0;

  /**
   * A tree of its own group, or of `group`'s (then a value has one handle in
   * both, and one node). The first tree of a group may be given `storage`
   * for the group's nodes (four int32 a value, see NodeStorage); a later
   * tree shares its group's.
   */
  constructor(group?: IndexedSlotTree, storage?: NodeStorage) {
    super();
    if (group !== undefined && storage !== undefined && storage !== group.nodeStore) {
      throw new TypeError(`${this.constructor.name}: a tree of a group shares its group's node storage; give none`);
    }
    this.arena = group?.arena ?? new ValueArena(storage);
    this.nodeStore = this.arena.nodeStore;
    this.serial = this.arena.serial();
    this.arena.treeEpochs[this.serial] = this.epoch;
    this.stampNow = ValueArena.stampOf(this.serial, this.epoch);
  }

  /**
   * rb_replace_node: node `replacement` (not linked) takes the place of
   * linked node `victim`: its four words become the victim's (links, the
   * backend's word, the hint) and the victim's parent and children point to
   * it; the balance stays as it was.
   */
  protected abstract replaceNode(victim: number, replacement: number): void;

  newNode(value: number): ValueHandle {
    return this.arena.handle(value);
  }

  valueAt(node: number): number {
    return node;
  }

  handleAt(node: number): ValueHandle {
    return this.arena.handle(node);
  }

  /** Whether this tree holds `node`, a handle of this group (another group's handle of the same value is not held). */
  holds(node: TreeNode<number>): boolean {
    return this.holdsValue(node.value) && this.arena.handleIfMade(node.value) === node;
  }

  holdsValue(v: number): boolean {
    const a = this.arena;
    return v >= 0 && v < a.stamp.length && a.stamp[v] === this.stampNow;
  }

  nodeOf(handle: TreeNode<number>): number {
    return this.holds(handle) ? handle.value : NO_NODE;
  }

  descend(fn: DescentFn<number>): ValueHandle | null {
    const node = this.descendSlot(fn);
    return node === NO_NODE ? null : this.handleAt(node);
  }

  link(node: TreeNode<number>): void {
    this.linkValue(this.own(node, "link"));
  }

  linkValue(v: number): number {
    const a = this.arena;
    a.reserve(v);
    if (a.heldByAny(v))
      throw new TreeError("ALREADY_LINKED", `${this.backend}: link of value ${v}, which is linked in a tree`);
    this.checkLinkPoint();
    a.reserveNode(v);
    this.linkAtPoint(v);
    a.stamp[v] = this.stampNow;
    return v;
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
    this.eraseSlot(v);
    this.arena.stamp[v] = 0;
  }

  /** rb_replace_node: `replacement` takes `victim`'s place, so every link, the balance and the hint stay as they were. */
  replace(victim: TreeNode<number>, replacement: TreeNode<number>): void {
    const v = this.own(victim, "replace");
    if (!this.holdsValue(v))
      throw new TreeError("NOT_HELD", `${this.backend}: replace of value ${v}, which this tree does not hold`);
    const r = this.own(replacement, "replace");
    const a = this.arena;
    if (a.heldByAny(r)) throw new TreeError("ALREADY_LINKED", `${this.backend}: replacement ${r} is linked in a tree`);
    a.reserveNode(r);
    this.replaceNode(v, r);
    a.stamp[v] = 0;
    a.stamp[r] = this.stampNow;
    this.version++;
  }

  *nodes(): IterableIterator<ValueHandle> {
    for (const node of this.slotsInOrder()) yield this.handleAt(node);
  }

  clear(): void {
    this.clearSlots();
    this.epoch = this.arena.nextEpoch(this.serial, this.epoch - 1); // clearSlots moved it on; the arena wraps it
    this.arena.treeEpochs[this.serial] = this.epoch;
    this.stampNow = ValueArena.stampOf(this.serial, this.epoch);
  }

  protected isLinked(node: number): boolean {
    return this.holdsValue(node);
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
