/**
 * An rbtree of small non-negative integers kept in an arena of typed arrays
 * (./arena.ts): the same lib/rbtree.c algorithm as `RbTree`, so the same
 * shapes for the same operations, with each node's links in one cache line.
 * It is the unstable tree's home for the rbtree backend (the value is the
 * rmap_item id, whose rb_node the kernel embeds in the item).
 */
import { type DescentFn, type Tree, TreeError, type TreeNode } from "@ksm-sim/tree";
import { IxArena, type IxNode, NIL } from "./arena.js";
import { ixErase, ixReplaceNode } from "./erase.js";
import { ixInsertColor } from "./insert.js";
import { type IxRoot, ixFirst, ixLinkNode, ixNext } from "./node-ops.js";

export class IndexRbTree implements Tree<number>, IxRoot {
  readonly backend = "rbtree";
  /** The root node (kernel: `root->rb_node`), NIL when empty. */
  rbNode = NIL;
  readonly arena: IxArena;
  /** This tree's serial in the arena (a node's `owner`). */
  readonly serial: number;
  /** Bumped by `clear()`: nodes linked under an older epoch are no longer held. */
  epoch = 1;
  /** Bumped by every link, erase, replace and clear; a pending leaf is valid only for the version it saw. */
  version = 0;
  private count = 0;
  private linkParent = NIL;
  private linkLeft = false;
  private linkVersion = -1;

  /** A tree with its own arena, or sharing `group`'s (then a value has one handle in both). */
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

  /** Whether slot `n` is linked in this tree now. */
  holdsIndex(n: number): boolean {
    const a = this.arena;
    return n >= 0 && n < a.owner.length && a.owner[n] === this.serial && a.epoch[n] === this.epoch;
  }

  descend(fn: DescentFn<number>): IxNode | null {
    const a = this.arena;
    restart: for (;;) {
      const s = a.s;
      let parent = NIL;
      let left = false;
      let node = this.rbNode;
      while (node !== NIL) {
        const r = fn(node);
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
          return a.handle(node);
        }
      }
      this.descentEndedAt(parent, left);
      return null;
    }
  }

  /** Record where a walk done outside `descend` fell off a leaf (`parent` NIL: the root slot), so `link` may follow. */
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

  /** `link` by slot number (the slot's handle must exist: `newNode`). */
  linkIndex(n: number): void {
    const a = this.arena;
    if (a.owner[n] !== 0 && this.heldByAny(n))
      throw new TreeError("ALREADY_LINKED", "rbtree: node is linked in a tree");
    if (this.linkVersion !== this.version) {
      throw new TreeError("STALE_DESCENT", "rbtree: link needs an unmatched descent since the last change");
    }
    ixLinkNode(a.s, n, this.linkParent, this.linkLeft, this);
    ixInsertColor(a.s, n, this);
    a.owner[n] = this.serial;
    a.epoch[n] = this.epoch;
    this.count++;
    this.version++;
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

  /** `erase` by slot number. */
  eraseIndex(n: number): void {
    if (!this.holdsIndex(n)) throw new TreeError("NOT_HELD", "rbtree: erase of a node this tree does not hold");
    const a = this.arena;
    ixErase(a.s, n, this);
    a.owner[n] = 0;
    this.count--;
    this.version++;
  }

  replace(victim: TreeNode<number>, replacement: TreeNode<number>): void {
    const v = victim.value;
    if (!this.holdsIndex(v)) throw new TreeError("NOT_HELD", "rbtree: replace of a node this tree does not hold");
    const r = this.own(replacement);
    const a = this.arena;
    if (a.owner[r] !== 0 && this.heldByAny(r))
      throw new TreeError("ALREADY_LINKED", "rbtree: replacement is linked in a tree");
    ixReplaceNode(a.s, v, r, this);
    a.owner[v] = 0;
    a.owner[r] = this.serial;
    a.epoch[r] = this.epoch;
    this.version++;
  }

  *nodes(): IterableIterator<IxNode> {
    const a = this.arena;
    for (let n = ixFirst(a.s, this); n !== NIL; n = ixNext(a.s, n)) yield a.handle(n);
  }

  clear(): void {
    this.rbNode = NIL; // kernel: root_unstable_tree[nid] = RB_ROOT
    this.count = 0;
    this.epoch++;
    this.arena.treeEpochs[this.serial] = this.epoch;
    this.version++;
  }

  /** Whether slot `n` is linked in any tree of the arena (its owner may have been cleared since). */
  private heldByAny(n: number): boolean {
    const a = this.arena;
    const owner = a.owner[n]!;
    return owner !== 0 && a.epoch[n] === a.treeEpochs[owner];
  }

  /** The handle's slot, if it is one of this arena's handles. */
  private own(node: TreeNode<number>): number {
    const n = node.value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || this.arena.handle(n) !== node) {
      throw new TreeError("FOREIGN_NODE", "rbtree: not a node of this tree's arena");
    }
    return n;
  }
}
