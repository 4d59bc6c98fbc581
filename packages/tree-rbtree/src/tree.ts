/**
 * One red-black tree behind the @ksm-sim/tree interface. The tree is its own
 * `rb_root`; the caller's walk (`descend`) and the kernel's rebalancing
 * (`rbInsertColor`, `rbErase`, `rbReplaceNode`) are kept apart as in mm/ksm.c.
 */
import { type DescentFn, type Tree, TreeError, type TreeNode } from "@ksm-sim/tree";
import { rbErase } from "./erase.js";
import { rbInsertColor } from "./insert.js";
import { RbNode, type RbRoot, rbLinkNode } from "./node.js";
import { rbReplaceNode } from "./replace.js";
import { rbFirst, rbNext } from "./walk.js";

export class RbTree<T> implements Tree<T>, RbRoot<T> {
  readonly backend = "rbtree";
  /** The root node (kernel: `root->rb_node`). */
  rbNode: RbNode<T> | null = null;
  /** Bumped by `clear()`: nodes linked under an older epoch are no longer held. */
  epoch = 1;
  /** Bumped by every link, erase, replace and clear; a pending leaf is valid only for the version it saw. */
  version = 0;
  private count = 0;
  /** Where the last unmatched descent fell off: parent (null for the root slot), side, and version. */
  private linkParent: RbNode<T> | null = null;
  private linkLeft = false;
  private linkVersion = -1;

  get size(): number {
    return this.count;
  }

  newNode(value: T): RbNode<T> {
    return new RbNode(value);
  }

  holds(node: TreeNode<T>): boolean {
    const n = node as RbNode<T>;
    return n.owner === this && n.epoch === this.epoch;
  }

  descend(fn: DescentFn<T>): RbNode<T> | null {
    restart: for (;;) {
      let parent: RbNode<T> | null = null;
      let left = false;
      let node = this.rbNode;
      while (node !== null) {
        const r = fn(node.value);
        if (typeof r !== "number") continue restart; // RESTART (kernel: goto again)
        parent = node;
        if (r < 0) {
          left = true;
          node = node.left;
        } else if (r > 0) {
          left = false;
          node = node.right;
        } else {
          this.linkVersion = -1;
          return node;
        }
      }
      this.linkParent = parent;
      this.linkLeft = left;
      this.linkVersion = this.version;
      return null;
    }
  }

  /**
   * Record where a walk done outside `descend` fell off a leaf (kernel: the
   * caller's own `while (*new)` loop leaves `parent` and `new`), so that
   * `link` may follow. `parent` null is the root slot.
   */
  descentEndedAt(parent: RbNode<T> | null, left: boolean): void {
    this.linkParent = parent;
    this.linkLeft = left;
    this.linkVersion = this.version;
  }

  /** Record that a walk done outside `descend` stopped at a match: no `link` may follow. */
  descentMatched(): void {
    this.linkVersion = -1;
  }

  link(node: TreeNode<T>): void {
    const n = own(node);
    if (n.owner?.holds(n)) throw new TreeError("ALREADY_LINKED", "rbtree: node is linked in a tree");
    if (this.linkVersion !== this.version) {
      throw new TreeError("STALE_DESCENT", "rbtree: link needs an unmatched descent since the last change");
    }
    rbLinkNode(n, this.linkParent, this.linkLeft, this);
    rbInsertColor(n, this);
    this.adopt(n);
    this.count++;
    this.version++;
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
    rbErase(n, this);
    n.owner = null;
    this.count--;
    this.version++;
  }

  replace(victim: TreeNode<T>, replacement: TreeNode<T>): void {
    if (!this.holds(victim)) throw new TreeError("NOT_HELD", "rbtree: replace of a node this tree does not hold");
    const r = own(replacement);
    if (r.owner?.holds(r)) throw new TreeError("ALREADY_LINKED", "rbtree: replacement is linked in a tree");
    const v = victim as RbNode<T>;
    rbReplaceNode(v, r, this);
    v.owner = null;
    this.adopt(r);
    this.version++;
  }

  *nodes(): IterableIterator<RbNode<T>> {
    for (let n = rbFirst(this); n !== null; n = rbNext(n)) yield n;
  }

  clear(): void {
    this.rbNode = null; // kernel: root_unstable_tree[nid] = RB_ROOT
    this.count = 0;
    this.epoch++;
    this.version++;
  }

  private adopt(n: RbNode<T>): void {
    n.owner = this;
    n.epoch = this.epoch;
  }
}

function own<T>(node: TreeNode<T>): RbNode<T> {
  if (!(node instanceof RbNode)) throw new TreeError("FOREIGN_NODE", "rbtree: not a node of the rbtree backend");
  return node as RbNode<T>;
}
