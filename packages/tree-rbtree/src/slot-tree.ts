/**
 * What both kinds of rbtree share: the root (`struct rb_root`), the nodes
 * in a slot array (./slots.ts), the lib/rbtree.c port on it, the rules of
 * `link` after a descent, and the TreeWalk capability of @ksm-sim/tree (a
 * node's handle is its slot). `RbTree` (values of any type, one handle
 * object each) and `IndexRbTree` (small integers, handles by value) add
 * how values and handles are kept.
 */
import { type DescentFn, TreeError, type TreeNode, type TreeWalk } from "@ksm-sim/tree";
import { rbErase } from "./erase.js";
import { rbInsertColor } from "./insert.js";
import { NIL, type RbRoot, rbHint, rbIsRed, rbLeft, rbLinkNode, rbParent, rbRight, rbSetHint } from "./node.js";
import { RbSlots } from "./slots.js";
import { rbFirst, rbNext } from "./walk.js";

export abstract class SlotRbTree<T> implements TreeWalk<T>, RbRoot {
  readonly backend = "rbtree";
  /** The root's slot (kernel: `root->rb_node`), NIL when empty. */
  rbNode = NIL;
  /** This tree's nodes. */
  readonly slots = new RbSlots();
  /** Bumped by `clear()`: nodes linked under an older epoch are no longer held. */
  epoch = 1;
  /** Bumped by every link, erase, replace and clear; a pending leaf is valid only for the version it saw. */
  version = 0;
  /** TreeWalk: the tree is its own walk. */
  readonly walk: TreeWalk<T> = this;
  chaseSteps = 0;
  chaseParent = NIL;
  chaseLeft = false;
  protected count = 0;
  /** Where the last unmatched descent fell off: parent (NIL for the root slot), side, and the version it saw. */
  private linkParent = NIL;
  private linkLeft = false;
  private linkVersion = -1;

  get size(): number {
    return this.count;
  }

  /** The value linked at slot `node`. */
  abstract valueAt(node: number): T;
  /** The handle linked at slot `node`. */
  abstract handleAt(node: number): TreeNode<T>;
  abstract nodeOf(handle: TreeNode<T>): number;
  abstract holds(node: TreeNode<T>): boolean;

  rootNode(): number {
    return this.rbNode;
  }

  leftOf(node: number): number {
    return rbLeft(this.slots.s, node);
  }

  rightOf(node: number): number {
    return rbRight(this.slots.s, node);
  }

  hintAt(node: number): number {
    return rbHint(this.slots.s, node);
  }

  setHint(node: number, hint: number): void {
    rbSetHint(this.slots.s, node, hint);
  }

  /** The parent of a linked node, NIL for the root (debugging; kernel rb_parent). */
  parentOf(node: number): number {
    return rbParent(this.slots.s, node);
  }

  /** Whether a linked node is red (debugging; kernel rb_is_red). */
  isRed(node: number): boolean {
    return rbIsRed(this.slots.s, node);
  }

  chase(node: number, hint: number): number {
    const s = this.slots.s;
    let n = node;
    let parent = NIL;
    let left = false;
    let steps = 0;
    while (n !== NIL) {
      const b = n << 2;
      const h = s[b + 3]!;
      if (h === hint) break;
      steps++;
      parent = n;
      left = hint < h;
      n = s[left ? b : b + 1]!;
    }
    this.chaseSteps = steps;
    this.chaseParent = parent;
    this.chaseLeft = left;
    return n;
  }

  walkEnded(parent: number, left: boolean): void {
    this.linkParent = parent;
    this.linkLeft = left;
    this.linkVersion = this.version;
  }

  walkMatched(): void {
    this.linkVersion = -1;
  }

  /** The `while (*new)` loop steered by `fn`: the matching slot, or NIL with the leaf remembered for a link. */
  protected descendSlot(fn: DescentFn<T>): number {
    restart: for (;;) {
      let parent = NIL;
      let left = false;
      let node = this.rbNode;
      while (node !== NIL) {
        const r = fn(this.valueAt(node));
        if (typeof r !== "number") continue restart; // RESTART (kernel: goto again)
        parent = node;
        if (r < 0) {
          left = true;
          node = rbLeft(this.slots.s, node);
        } else if (r > 0) {
          left = false;
          node = rbRight(this.slots.s, node);
        } else {
          this.linkVersion = -1;
          return node;
        }
      }
      this.walkEnded(parent, left);
      return NIL;
    }
  }

  /** rb_link_node + rb_insert_color at the remembered leaf, in a new slot (returned). */
  protected linkSlot(): number {
    if (this.linkVersion !== this.version) {
      throw new TreeError("STALE_DESCENT", "rbtree: link needs an unmatched descent since the last change");
    }
    const slot = this.slots.take();
    const s = this.slots.s;
    rbLinkNode(s, slot, this.linkParent, this.linkLeft, this);
    rbInsertColor(s, slot, this);
    this.count++;
    this.version++;
    return slot;
  }

  /** rb_erase of the node in `slot`, whose slot is then free. */
  protected eraseSlot(slot: number): void {
    rbErase(this.slots.s, slot, this);
    this.slots.release(slot);
    this.count--;
    this.version++;
  }

  /** The root forgotten in O(1) (kernel: `root_unstable_tree[nid] = RB_ROOT`). */
  protected clearSlots(): void {
    this.rbNode = NIL;
    this.slots.reset();
    this.count = 0;
    this.epoch++;
    this.version++;
  }

  /** The linked slots in order (rb_first / rb_next). */
  protected *slotsInOrder(): IterableIterator<number> {
    for (let n = rbFirst(this.slots.s, this); n !== NIL; n = rbNext(this.slots.s, n)) yield n;
  }
}
