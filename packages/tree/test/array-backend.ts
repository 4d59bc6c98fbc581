/**
 * A reference backend for the suite's own tests: a sorted array searched by
 * bisection, which is a perfectly balanced tree walk. Slow (O(n) link/erase),
 * simple enough to trust, and easy to break on purpose.
 */
import { type DescentFn, type Tree, type TreeBackend, TreeError, type TreeNode } from "../src/index.js";

class ArrayNode<T> implements TreeNode<T> {
  owner: ArrayTree<T> | null = null;
  epoch = 0;
  constructor(readonly value: T) {}
}

export interface Faults {
  /** erase forgets to remove the node from the array */
  readonly eraseKeepsNode?: boolean;
  /** clear keeps old nodes "held" */
  readonly clearKeepsMembership?: boolean;
  /** link inserts at the wrong end */
  readonly linkAtEnd?: boolean;
}

class ArrayTree<T> implements Tree<T> {
  readonly backend: string;
  private items: ArrayNode<T>[] = [];
  private epoch = 1;
  private version = 0;
  private pendingAt = -1;
  private pendingVersion = -1;
  constructor(
    name: string,
    private readonly faults: Faults,
  ) {
    this.backend = name;
  }
  get size() {
    return this.items.length;
  }
  newNode(value: T): TreeNode<T> {
    return new ArrayNode(value);
  }
  private own(node: TreeNode<T>): ArrayNode<T> {
    if (!(node instanceof ArrayNode)) throw new TreeError("FOREIGN_NODE", "not an array-backend node");
    return node as ArrayNode<T>;
  }
  holds(node: TreeNode<T>): boolean {
    const n = node as ArrayNode<T>;
    return n instanceof ArrayNode && n.owner === this && n.epoch === this.epoch;
  }
  descend(fn: DescentFn<T>): TreeNode<T> | null {
    restart: for (;;) {
      let lo = 0;
      let hi = this.items.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const r = fn((this.items[mid] as ArrayNode<T>).value);
        if (typeof r !== "number") continue restart;
        if (r < 0) hi = mid;
        else if (r > 0) lo = mid + 1;
        else {
          this.pendingVersion = -1;
          return this.items[mid] as ArrayNode<T>;
        }
      }
      this.pendingAt = lo;
      this.pendingVersion = this.version;
      return null;
    }
  }
  link(node: TreeNode<T>): void {
    const n = this.own(node);
    if (n.owner?.holds(n)) throw new TreeError("ALREADY_LINKED", "node is linked");
    if (this.pendingVersion !== this.version) throw new TreeError("STALE_DESCENT", "no fresh descent");
    this.items.splice(this.faults.linkAtEnd ? this.items.length : this.pendingAt, 0, n);
    n.owner = this;
    n.epoch = this.epoch;
    this.version++;
  }
  searchOrInsert(node: TreeNode<T>, fn: DescentFn<T>): TreeNode<T> {
    const found = this.descend(fn);
    if (found) return found;
    this.link(node);
    return node;
  }
  erase(node: TreeNode<T>): void {
    const n = this.own(node);
    if (!this.holds(n)) throw new TreeError("NOT_HELD", "not in this tree");
    if (!this.faults.eraseKeepsNode) this.items.splice(this.items.indexOf(n), 1);
    n.owner = null;
    this.version++;
  }
  replace(victim: TreeNode<T>, replacement: TreeNode<T>): void {
    const v = this.own(victim);
    const r = this.own(replacement);
    if (!this.holds(v)) throw new TreeError("NOT_HELD", "victim not in this tree");
    if (r.owner?.holds(r)) throw new TreeError("ALREADY_LINKED", "replacement is linked");
    this.items[this.items.indexOf(v)] = r;
    v.owner = null;
    r.owner = this;
    r.epoch = this.epoch;
    this.version++;
  }
  *nodes(): IterableIterator<TreeNode<T>> {
    yield* this.items;
  }
  clear(): void {
    this.items = [];
    if (!this.faults.clearKeepsMembership) this.epoch++;
    this.version++;
  }
}

export function arrayBackend(faults: Faults = {}, name = "sorted-array"): TreeBackend {
  return {
    name,
    flags: { kernelShape: false, identity: "intrusive", persistent: false },
    create: <T>() => new ArrayTree<T>(name, faults),
  };
}
