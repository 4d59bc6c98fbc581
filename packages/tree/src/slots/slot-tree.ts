/**
 * The part of a binary search tree on a NodeStorage that does not depend on
 * how it balances: the root node, the rules of `link` after a descent (by
 * `descend` or by the caller's own walk), the TreeWalk capability (a node's
 * handle is its number in the storage), in-order iteration, O(1) clear. A
 * backend adds its balancing as three hooks (`linkAt`, `rebalanceAfterLink`,
 * `unlink`) and `parentOf`, reading and writing nodes in `this.nodeStore.s`;
 * HandleSlotTree and IndexedSlotTree add where nodes are and how values and
 * handles are kept. @ksm-sim/tree-rbtree and @ksm-sim/tree-avl are built
 * this way.
 */
import { TreeError } from "../errors.js";
import { type DescentFn, NO_NODE, type TreeNode, type TreeWalk } from "../types.js";
import type { NodeStorage } from "./node-storage.js";

export abstract class SlotTree<T> implements TreeWalk<T> {
  abstract readonly backend: string;
  /** The root's node, NO_NODE when empty (kernel: `root->rb_node`). */
  rootSlot = NO_NODE;
  /** Where this tree's nodes are (read `nodeStore.s` afresh in every call: its owner may grow it between calls). */
  abstract readonly nodeStore: NodeStorage;
  /** Bumped by `clear()`: nodes linked under an older epoch are no longer held. */
  epoch = 1;
  /** Bumped by every link, erase, replace and clear; a pending leaf is valid only for the version it saw. */
  version = 0;
  /** TreeWalk: the tree is its own walk. */
  readonly walk: TreeWalk<T> = this;
  chaseSteps = 0;
  chaseParent = NO_NODE;
  chaseLeft = false;
  protected count = 0;
  /** Where the last unmatched descent fell off: parent (NO_NODE for the root slot), side, and the version it saw. */
  private linkParent = NO_NODE;
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
  /** The parent of a linked node, NO_NODE for the root. */
  abstract parentOf(node: number): number;
  /** Link the fresh slot `node` as a leaf below `parent` on the `left` side (NO_NODE: as the root), hint 0. */
  protected abstract linkAt(node: number, parent: number, left: boolean): void;
  /** Restore the balance after `linkAt` (kernel: rb_insert_color). */
  protected abstract rebalanceAfterLink(node: number): void;
  /** Unlink `node` by its links and restore the balance (kernel: rb_erase); other nodes keep their places. */
  protected abstract unlink(node: number): void;
  /** Whether `node` is linked in this tree now (a link's `walkEnded` parent must be). */
  protected abstract isLinked(node: number): boolean;

  rootNode(): number {
    return this.rootSlot;
  }

  leftOf(node: number): number {
    return this.nodeStore.s[node << 2]!;
  }

  rightOf(node: number): number {
    return this.nodeStore.s[(node << 2) + 1]!;
  }

  hintAt(node: number): number {
    return this.nodeStore.s[(node << 2) + 3]!;
  }

  setHint(node: number, hint: number): void {
    this.nodeStore.s[(node << 2) + 3] = hint;
  }

  chase(node: number, hint: number): number {
    const s = this.nodeStore.s;
    let n = node;
    let parent = NO_NODE;
    let left = false;
    let steps = 0;
    while (n !== NO_NODE) {
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

  /** The `while (*new)` loop steered by `fn`: the matching node, or NO_NODE with the leaf remembered for a link. */
  protected descendSlot(fn: DescentFn<T>): number {
    restart: for (;;) {
      let parent = NO_NODE;
      let left = false;
      let node = this.rootSlot;
      while (node !== NO_NODE) {
        const r = fn(this.valueAt(node));
        if (typeof r !== "number") continue restart; // RESTART (kernel: goto again)
        parent = node;
        if (r < 0) {
          left = true;
          node = this.nodeStore.s[node << 2]!;
        } else if (r > 0) {
          left = false;
          node = this.nodeStore.s[(node << 2) + 1]!;
        } else {
          this.linkVersion = -1;
          return node;
        }
      }
      this.walkEnded(parent, left);
      return NO_NODE;
    }
  }

  /**
   * Throws STALE_DESCENT unless an unmatched descent (or walkEnded) came
   * since the last change and named an empty child slot of this tree: the
   * check of a `link`, before it takes a node.
   */
  protected checkLinkPoint(): void {
    if (this.linkVersion !== this.version) {
      throw new TreeError("STALE_DESCENT", `${this.backend}: link needs an unmatched descent since the last change`);
    }
    const p = this.linkParent;
    if (p === NO_NODE ? this.rootSlot !== NO_NODE : !this.isLinked(p) || this.childOf(p, this.linkLeft) !== NO_NODE) {
      throw new TreeError(
        "STALE_DESCENT",
        `${this.backend}: walkEnded(${String(p)}, ${String(this.linkLeft)}) is not an empty child slot of this tree`,
      );
    }
  }

  /** Link the fresh node `node` at the remembered leaf (rb_link_node + rb_insert_color), after checkLinkPoint. */
  protected linkAtPoint(node: number): void {
    this.linkAt(node, this.linkParent, this.linkLeft);
    this.rebalanceAfterLink(node);
    this.count++;
    this.version++;
  }

  /** Erase `node` (rb_erase); the subclass frees its place. */
  protected eraseSlot(node: number): void {
    this.unlink(node);
    this.count--;
    this.version++;
  }

  /** The root forgotten in O(1) (kernel: `root_unstable_tree[nid] = RB_ROOT`); the subclass frees the places. */
  protected clearSlots(): void {
    this.rootSlot = NO_NODE;
    this.count = 0;
    this.epoch++;
    this.version++;
  }

  /** The linked nodes in order (rb_first / rb_next). */
  protected *slotsInOrder(): IterableIterator<number> {
    let n = this.rootSlot;
    if (n === NO_NODE) return;
    while (this.leftOf(n) !== NO_NODE) n = this.leftOf(n);
    while (n !== NO_NODE) {
      yield n;
      if (this.rightOf(n) !== NO_NODE) {
        // a right-hand child: go down it, then left as far as we can
        n = this.rightOf(n);
        while (this.leftOf(n) !== NO_NODE) n = this.leftOf(n);
      } else {
        // otherwise go up until we come from a left-hand child; that parent is next
        let parent = this.parentOf(n);
        while (parent !== NO_NODE && n === this.rightOf(parent)) {
          n = parent;
          parent = this.parentOf(n);
        }
        n = parent;
      }
    }
  }

  private childOf(node: number, left: boolean): number {
    return left ? this.leftOf(node) : this.rightOf(node);
  }
}
