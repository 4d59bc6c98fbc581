/**
 * The Tree every order-label backend shares. A subclass wraps one search-tree
 * library whose comparator compares handles by `label` only, and says how to
 * read the library's internal nodes (root, left, right, the handle at a node)
 * and how to insert, remove and walk through the library's public API.
 *
 * Descent walks the library's nodes directly, steered by the caller's
 * callback on each handle's value, and remembers the in-order neighbours of
 * the leaf where it fell off: the last node where it went right (predecessor)
 * and the last where it went left (successor). `link` labels the new handle
 * between them, so the library's own insert lands at exactly that leaf.
 * `erase` and `replace` go through the library's remove, which finds the
 * handle by label, however the values behind the handles have changed.
 */
import { TreeError } from "./errors.js";
import { assignLabel, type LabelCursor, type Labelled, type OpenCursor } from "./labels.js";
import { type DescentFn, RESTART, type Tree, type TreeNode } from "./types.js";

/** A library's internal node, as far as a descent reads it. */
export interface LibraryNode<N> {
  readonly left: N | null;
  readonly right: N | null;
}

/** The handle an order-label backend hands out. Subclass it per backend so foreign handles can be told apart. */
export class OrderLabelNode<T> implements TreeNode<T>, Labelled {
  /** Position in the owner's order; meaningful only while held. */
  label = 0;
  /** The tree that last linked this handle; it holds it only while `epoch` matches. */
  owner: { holds(node: TreeNode<unknown>): boolean } | null = null;
  epoch = 0;
  constructor(readonly value: T) {}
}

export abstract class OrderLabelTree<T, N extends LibraryNode<N>> implements Tree<T> {
  abstract readonly backend: string;
  abstract get size(): number;
  abstract newNode(value: T): OrderLabelNode<T>;
  /** Whether `node` is this backend's own handle class. */
  protected abstract isOwn(node: TreeNode<T>): node is OrderLabelNode<T>;
  /** The library's root node (read only). */
  protected abstract rootNode(): N | null;
  /** The handle stored at a library node (read only). */
  protected abstract handleAt(node: N): OrderLabelNode<T>;
  /** Insert a labelled handle through the library's public API. */
  protected abstract insert(handle: OrderLabelNode<T>): void;
  /** Remove a held handle, found by its label, through the library's public API. */
  protected abstract remove(handle: OrderLabelNode<T>): void;
  /** Replace the library tree with an empty one. */
  protected abstract reset(): void;
  /** A cursor from `from` (inclusive; null: the first or last handle) up or down the order. */
  protected abstract cursor(from: OrderLabelNode<T> | null, dir: -1 | 1): LabelCursor<OrderLabelNode<T>>;

  private epoch = 1;
  private version = 0;
  /** The version a link may use, or -1 (no unmatched descent since the last change). */
  private linkable = -1;
  private pred: OrderLabelNode<T> | null = null;
  private succ: OrderLabelNode<T> | null = null;
  private readonly open: OpenCursor<OrderLabelNode<T>> = (from, dir) => this.cursor(from, dir);

  holds(node: TreeNode<T>): boolean {
    const n = node as Partial<OrderLabelNode<T>>;
    return n.owner === this && n.epoch === this.epoch;
  }

  descend(fn: DescentFn<T>): TreeNode<T> | null {
    restart: for (;;) {
      const start = this.version;
      let pred: OrderLabelNode<T> | null = null;
      let succ: OrderLabelNode<T> | null = null;
      let n = this.rootNode();
      while (n !== null) {
        const h = this.handleAt(n);
        const r = fn(h.value);
        if (r === RESTART) continue restart;
        if (r < 0) {
          succ = h;
          n = n.left;
        } else if (r > 0) {
          pred = h;
          n = n.right;
        } else {
          this.linkable = -1;
          return h;
        }
      }
      // A callback that changed the tree without restarting leaves no usable leaf.
      this.linkable = start === this.version ? start : -1;
      this.pred = pred;
      this.succ = succ;
      return null;
    }
  }

  link(node: TreeNode<T>): void {
    const n = this.own(node);
    if (n.owner?.holds(n)) throw new TreeError("ALREADY_LINKED", "link: the node is linked in a tree");
    if (this.linkable !== this.version) throw new TreeError("STALE_DESCENT", "link: no fresh unmatched descent");
    assignLabel(n, this.pred, this.succ, this.open);
    this.insert(n);
    this.adopt(n);
  }

  searchOrInsert(node: TreeNode<T>, fn: DescentFn<T>): TreeNode<T> {
    const found = this.descend(fn);
    if (found !== null) return found;
    this.link(node);
    return node;
  }

  erase(node: TreeNode<T>): void {
    const n = this.own(node);
    if (!this.holds(n)) throw new TreeError("NOT_HELD", "erase: this tree does not hold the node");
    this.remove(n);
    n.owner = null;
    this.version++;
  }

  replace(victim: TreeNode<T>, replacement: TreeNode<T>): void {
    const v = this.own(victim);
    const r = this.own(replacement);
    if (!this.holds(v)) throw new TreeError("NOT_HELD", "replace: this tree does not hold the victim");
    if (r.owner?.holds(r)) throw new TreeError("ALREADY_LINKED", "replace: the replacement is linked in a tree");
    this.remove(v);
    r.label = v.label; // the victim's place in the order, now free
    this.insert(r);
    v.owner = null;
    this.adopt(r);
  }

  *nodes(): IterableIterator<TreeNode<T>> {
    const next = this.cursor(null, 1);
    for (let h = next(); h !== null; h = next()) yield h;
  }

  clear(): void {
    this.reset();
    this.epoch++;
    this.version++;
    this.pred = this.succ = null;
  }

  private own(node: TreeNode<T>): OrderLabelNode<T> {
    if (!this.isOwn(node)) throw new TreeError("FOREIGN_NODE", `${this.backend}: not a node of this backend`);
    return node;
  }

  private adopt(n: OrderLabelNode<T>): void {
    n.owner = this;
    n.epoch = this.epoch;
    this.version++;
    this.pred = this.succ = null;
  }
}
