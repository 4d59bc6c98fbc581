/**
 * The tree interface KSM needs, in KSM's own terms.
 *
 * mm/ksm.c never calls a "find(key)": it walks `root->rb_node` itself,
 * comparing full page contents at each node (and, in the stable tree, pruning
 * stale nodes on the way and restarting from the root), then links a new node
 * where the walk ended (`rb_link_node` + `rb_insert_color`), erases nodes by
 * identity (`rb_erase`) and swaps one node for another in place
 * (`rb_replace_node`). This file describes exactly those operations.
 */

/** Returned by a descent callback to start the descent again from the root (kernel: `goto again`). */
export const RESTART: unique symbol = Symbol.for("@ksm-sim/tree.RESTART");
export type Restart = typeof RESTART;

/**
 * A descent callback: compares the thing searched for against `value`, the
 * value at the node being visited. Negative: descend left. Positive: descend
 * right. Zero: this node matches. `RESTART`: begin again from the root (the
 * callback may have erased nodes first, as `chain_prune` does).
 */
export type DescentFn<T> = (value: T) => number | Restart;

/**
 * A handle on one tree entry: the `rb_node` that the kernel embeds in an
 * rmap_item or a stable node. Made once by `Tree.newNode`, it can be linked,
 * erased and linked again (the unstable tree re-links the same rmap_items
 * every full scan). Backends add their own private fields.
 */
export interface TreeNode<T> {
  readonly value: T;
}

/** What a backend can and cannot do; tests and menus read these. */
export interface TreeFlags {
  /** Rotations and recolouring are those of Linux lib/rbtree.c, so tree shapes match the kernel's. */
  readonly kernelShape: boolean;
  /** How erase/replace find a node without the comparator: "intrusive" parent pointers, or "order-labels" kept beside each value. */
  readonly identity: "intrusive" | "order-labels";
  /** The underlying structure is persistent (old versions stay valid after a change). */
  readonly persistent: boolean;
}

/**
 * One red-black tree (a stable or an unstable tree of one NUMA node).
 * All operations are synchronous; none allocates per comparison.
 */
export interface Tree<T> {
  /** The backend's name, as `TreeBackend.name`. */
  readonly backend: string;
  /** Number of linked nodes. */
  readonly size: number;

  /** Make a detached node holding `value` (kernel: the rb_node inside a new item). */
  newNode(value: T): TreeNode<T>;

  /**
   * Walk from the root, steered by `fn` (kernel: the `while (*new)` loop of
   * stable_tree_search, stable_tree_insert, unstable_tree_search_insert).
   * Returns the matching node, or null when the walk fell off a leaf; in that
   * case the leaf position is remembered for `link`.
   */
  descend(fn: DescentFn<T>): TreeNode<T> | null;

  /**
   * Link a detached node at the leaf where the last `descend` ended and
   * rebalance (kernel: rb_link_node + rb_insert_color). Throws TreeError if
   * the tree changed since that descent, if it found a match, or if the node
   * is already linked in a tree.
   */
  link(node: TreeNode<T>): void;

  /** One descent that returns the match, or links `node` where the walk ended and returns it. */
  searchOrInsert(node: TreeNode<T>, fn: DescentFn<T>): TreeNode<T>;

  /** Unlink `node` by identity, never calling a comparator (kernel: rb_erase). Throws TreeError if this tree does not hold it. */
  erase(node: TreeNode<T>): void;

  /** Put detached `replacement` where `victim` is in the order, with no comparison (kernel: rb_replace_node; backends with `kernelShape` keep the exact position and colour). */
  replace(victim: TreeNode<T>, replacement: TreeNode<T>): void;

  /** Whether this tree holds `node` now (O(1)). */
  holds(node: TreeNode<T>): boolean;

  /** The nodes in order (kernel: rb_first / rb_next). Do not change the tree while iterating. */
  nodes(): IterableIterator<TreeNode<T>>;

  /**
   * Forget every node in O(1) (kernel: `root_unstable_tree[nid] = RB_ROOT`
   * at the start of each full scan). Nodes are not visited; each becomes
   * detached and may be linked again.
   */
  clear(): void;
}

/** A tree backend: a factory of trees with a name and capability flags. */
export interface TreeBackend {
  readonly name: string;
  readonly flags: TreeFlags;
  create<T>(): Tree<T>;
  /**
   * Optional: a tree whose values are small non-negative integers that name
   * the node's storage slot (kernel: the rb_node embedded in rmap_item number
   * `value`), with the same shapes as `create`'s. Trees made with the same
   * `group` share slots, so a value has one handle in all of them. Users fall
   * back to `create<number>()` when a backend has none.
   */
  createIndexed?(group?: Tree<number>): Tree<number>;
}
