/**
 * What both kinds of AVL tree share: the root, the nodes in a slot array
 * (./slots.ts), insert and erase on it, the rules of `link` after a
 * descent, and the TreeWalk capability of @ksm-sim/tree (a node's handle is
 * its slot). `AvlTree` (values of any type, one handle object each) and
 * `IndexAvlTree` (small integers, handles by value) add how values and
 * handles are kept.
 */
import { type DescentFn, TreeError, type TreeNode, type TreeWalk } from "@ksm-sim/tree";
import { avlErase } from "./erase.js";
import { avlInsertBalance, avlLinkNode } from "./insert.js";
import { type AvlRoot, avlHint, avlLeft, avlParent, avlRight, avlSetHint, NIL } from "./node.js";
import { AvlSlots } from "./slots.js";
import { avlFirst, avlNext } from "./walk.js";

export abstract class SlotAvlTree<T> implements TreeWalk<T>, AvlRoot {
  readonly backend = "avl";
  /** The root's slot, NIL when empty. */
  avlNode = NIL;
  /** This tree's nodes. */
  readonly slots = new AvlSlots();
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
    return this.avlNode;
  }

  leftOf(node: number): number {
    return avlLeft(this.slots.s, node);
  }

  rightOf(node: number): number {
    return avlRight(this.slots.s, node);
  }

  hintAt(node: number): number {
    return avlHint(this.slots.s, node);
  }

  setHint(node: number, hint: number): void {
    avlSetHint(this.slots.s, node, hint);
  }

  /** The parent of a linked node, NIL for the root (debugging). */
  parentOf(node: number): number {
    return avlParent(this.slots.s, node);
  }

  /** The stored height of the subtree at a linked node, a leaf being 1 (debugging). */
  heightOf(node: number): number {
    return this.slots.h[node]!;
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

  /** The root-to-leaf walk steered by `fn`: the matching slot, or NIL with the leaf remembered for a link. */
  protected descendSlot(fn: DescentFn<T>): number {
    restart: for (;;) {
      const s = this.slots.s;
      let parent = NIL;
      let left = false;
      let node = this.avlNode;
      while (node !== NIL) {
        const r = fn(this.valueAt(node));
        if (typeof r !== "number") continue restart; // RESTART
        parent = node;
        if (r < 0) {
          left = true;
          node = avlLeft(s, node);
        } else if (r > 0) {
          left = false;
          node = avlRight(s, node);
        } else {
          this.linkVersion = -1;
          return node;
        }
      }
      this.walkEnded(parent, left);
      return NIL;
    }
  }

  /** Throws unless a link may follow now: an unmatched descent (or walkEnded) since the last change, at an empty child slot. */
  protected checkLinkable(): void {
    if (this.linkVersion !== this.version) {
      throw new TreeError("STALE_DESCENT", "avl: link needs an unmatched descent since the last change");
    }
    const p = this.linkParent;
    const s = this.slots.s;
    const free =
      p === NIL
        ? this.avlNode === NIL
        : this.slots.isLinked(p) && (this.linkLeft ? avlLeft(s, p) : avlRight(s, p)) === NIL;
    if (!free) {
      throw new TreeError(
        "STALE_DESCENT",
        `avl: walkEnded(${String(p)}, ${String(this.linkLeft)}) is not an empty child slot of this tree`,
      );
    }
  }

  /** Link at the remembered leaf, in a new slot (returned), and rebalance. Call `checkLinkable` first. */
  protected linkSlot(): number {
    const slot = this.slots.take();
    const t = this.slots;
    avlLinkNode(t, slot, this.linkParent, this.linkLeft, this);
    avlInsertBalance(t, slot, this);
    this.count++;
    this.version++;
    return slot;
  }

  /** Erase the node in `slot`, whose slot is then free. */
  protected eraseSlot(slot: number): void {
    avlErase(this.slots, slot, this);
    this.slots.release(slot);
    this.count--;
    this.version++;
  }

  /** Forget every node in O(1). */
  protected clearSlots(): void {
    this.avlNode = NIL;
    this.slots.reset();
    this.count = 0;
    this.epoch = (this.epoch + 1) | 0;
    this.version++;
  }

  /** The linked slots in order. */
  protected *slotsInOrder(): IterableIterator<number> {
    const s = this.slots.s;
    for (let n = avlFirst(s, this); n !== NIL; n = avlNext(s, n)) yield n;
  }
}
