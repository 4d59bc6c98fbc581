/**
 * An rbtree of small non-negative integers whose nodes are packed in typed
 * arrays (./slots.ts): the same lib/rbtree.c algorithm as `RbTree`, so the
 * same shapes for the same operations, with each node's links in one cache
 * line and a tree of n nodes in n consecutive slots. It is the unstable
 * tree's home for the rbtree backend (the value is the rmap_item id, whose
 * rb_node the kernel embeds in the item).
 */
import { type DescentFn, type Tree, TreeError, type TreeNode } from "@ksm-sim/tree";
import { IxArena, type IxNode, NIL } from "./arena.js";
import { ixErase } from "./erase.js";
import { ixInsertColor } from "./insert.js";
import { type IxRoot, ixFirst, ixLinkNode, ixNext } from "./node-ops.js";
import { IxSlots } from "./slots.js";

export class IndexRbTree implements Tree<number>, IxRoot {
  readonly backend = "rbtree";
  /** The root's slot (kernel: `root->rb_node`), NIL when empty. */
  rbNode = NIL;
  /** What the trees of this group share by value (handles, owner, slot). */
  readonly arena: IxArena;
  /** This tree's nodes. */
  readonly slots = new IxSlots();
  /** This tree's serial in the arena (a value's `owner`). */
  readonly serial: number;
  /** Bumped by `clear()`: values linked under an older epoch are no longer held. */
  epoch = 1;
  /** Bumped by every link, erase, replace and clear; a pending leaf is valid only for the version it saw. */
  version = 0;
  private count = 0;
  private linkParent = NIL;
  private linkLeft = false;
  private linkVersion = -1;

  /** A tree of its own group, or of `group`'s (then a value has one handle in both). */
  constructor(group?: IndexRbTree) {
    this.arena = group?.arena ?? new IxArena();
    this.serial = this.arena.serial();
    this.arena.treeEpochs[this.serial] = this.epoch;
  }

  get size(): number {
    return this.count;
  }

  newNode(value: number): IxNode {
    return this.arena.handle(value);
  }

  holds(node: TreeNode<number>): boolean {
    return this.holdsIndex(node.value);
  }

  /** Whether value `n` is linked in this tree now. */
  holdsIndex(n: number): boolean {
    const a = this.arena;
    return n >= 0 && n < a.owner.length && a.owner[n] === this.serial && a.epoch[n] === this.epoch;
  }

  descend(fn: DescentFn<number>): IxNode | null {
    restart: for (;;) {
      const { s, vals } = this.slots;
      let parent = NIL;
      let left = false;
      let node = this.rbNode;
      while (node !== NIL) {
        const r = fn(vals[node]!);
        if (typeof r !== "number") continue restart; // RESTART (kernel: goto again)
        parent = node;
        if (r < 0) {
          left = true;
          node = s[4 * node]!;
        } else if (r > 0) {
          left = false;
          node = s[4 * node + 1]!;
        } else {
          this.linkVersion = -1;
          return this.arena.handle(vals[node]!);
        }
      }
      this.descentEndedAt(parent, left);
      return null;
    }
  }

  /** Record where a walk done outside `descend` fell off a leaf (`parent`: a slot, NIL for the root slot), so `link` may follow. */
  descentEndedAt(parent: number, left: boolean): void {
    this.linkParent = parent;
    this.linkLeft = left;
    this.linkVersion = this.version;
  }

  /** Record that a walk done outside `descend` stopped at a match: no `link` may follow. */
  descentMatched(): void {
    this.linkVersion = -1;
  }

  link(node: TreeNode<number>): void {
    this.linkIndex(this.own(node));
  }

  /** `link` by value (room for it must exist: `newNode` or `arena.reserve`). Returns its slot. */
  linkIndex(n: number): number {
    const a = this.arena;
    if (a.owner[n] !== 0 && this.heldByAny(n))
      throw new TreeError("ALREADY_LINKED", "rbtree: node is linked in a tree");
    if (this.linkVersion !== this.version) {
      throw new TreeError("STALE_DESCENT", "rbtree: link needs an unmatched descent since the last change");
    }
    const slot = this.slots.take(n);
    const s = this.slots.s;
    ixLinkNode(s, slot, this.linkParent, this.linkLeft, this);
    ixInsertColor(s, slot, this);
    a.owner[n] = this.serial;
    a.epoch[n] = this.epoch;
    a.slotOf[n] = slot;
    this.count++;
    this.version++;
    return slot;
  }

  searchOrInsert(node: TreeNode<number>, fn: DescentFn<number>): TreeNode<number> {
    const found = this.descend(fn);
    if (found !== null) return found;
    this.link(node);
    return node;
  }

  erase(node: TreeNode<number>): void {
    this.eraseIndex(node.value);
  }

  /** `erase` by value. */
  eraseIndex(n: number): void {
    if (!this.holdsIndex(n)) throw new TreeError("NOT_HELD", "rbtree: erase of a node this tree does not hold");
    const a = this.arena;
    const slot = a.slotOf[n]!;
    ixErase(this.slots.s, slot, this);
    this.slots.release(slot);
    a.owner[n] = 0;
    this.count--;
    this.version++;
  }

  /** rb_replace_node: `replacement` takes `victim`'s slot, so every link and colour stays as it was. */
  replace(victim: TreeNode<number>, replacement: TreeNode<number>): void {
    const v = victim.value;
    if (!this.holdsIndex(v)) throw new TreeError("NOT_HELD", "rbtree: replace of a node this tree does not hold");
    const r = this.own(replacement);
    const a = this.arena;
    if (a.owner[r] !== 0 && this.heldByAny(r))
      throw new TreeError("ALREADY_LINKED", "rbtree: replacement is linked in a tree");
    const slot = a.slotOf[v]!;
    this.slots.vals[slot] = r;
    a.owner[v] = 0;
    a.owner[r] = this.serial;
    a.epoch[r] = this.epoch;
    a.slotOf[r] = slot;
    this.version++;
  }

  *nodes(): IterableIterator<IxNode> {
    const { s, vals } = this.slots;
    for (let n = ixFirst(s, this); n !== NIL; n = ixNext(s, n)) yield this.arena.handle(vals[n]!);
  }

  clear(): void {
    this.rbNode = NIL; // kernel: root_unstable_tree[nid] = RB_ROOT
    this.slots.reset();
    this.count = 0;
    this.epoch++;
    this.arena.treeEpochs[this.serial] = this.epoch;
    this.version++;
  }

  /** Whether value `n` is linked in any tree of the group (its owner may have been cleared since). */
  private heldByAny(n: number): boolean {
    const a = this.arena;
    const owner = a.owner[n]!;
    return owner !== 0 && a.epoch[n] === a.treeEpochs[owner];
  }

  /** The handle's value, if it is one of this group's handles. */
  private own(node: TreeNode<number>): number {
    const n = node.value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || this.arena.handle(n) !== node) {
      throw new TreeError("FOREIGN_NODE", "rbtree: not a node of this tree's arena");
    }
    return n;
  }
}
