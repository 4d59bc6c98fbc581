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
  /** Its trees offer `walk` (the fast-path capability, {@link TreeWalk}); absent means false. */
  readonly walk?: boolean;
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

  /**
   * Optional capability: the tree walked by its caller, node by node (see
   * {@link TreeWalk}). Present on every tree of a backend whose
   * `flags.walk` is true, absent otherwise. KSM's fast walks use it; without
   * it KSM goes through `descend`, with the same results.
   */
  readonly walk?: TreeWalk<T>;
}

/** No node, for {@link TreeWalk}'s node handles (kernel: a NULL `rb_node *`). */
export const NO_NODE = -1;

/**
 * The fast-path capability: the caller walks the tree itself, as mm/ksm.c
 * walks `rb_node` pointers in its own `while (*new)` loops, by small
 * non-negative integer node handles, and keeps one integer hint per node
 * (KSM: the order hint of the page the node stood for when last compared),
 * which the tree stores and never reads except in `chase`.
 *
 * A node's handle and hint stay the same from its link until it is erased
 * (or the tree cleared), whatever else is linked, erased or rebalanced; a
 * newly linked node's hint is 0; `replace` gives the replacement the
 * victim's place and hint (its node is `nodeOf(replacement)`: the victim's
 * own node in a tree of handles, the replacement's in an indexed tree, whose
 * nodes are their values). Handles are meaningful only while linked; a
 * handle may be reused by a later link.
 */
export interface TreeWalk<T> {
  /** The root's node, NO_NODE when the tree is empty (kernel: `root->rb_node`). */
  rootNode(): number;
  /** The left child of a linked node, NO_NODE for none (kernel: `rb_left`). */
  leftOf(node: number): number;
  /** The right child of a linked node, NO_NODE for none (kernel: `rb_right`). */
  rightOf(node: number): number;
  /** The value linked at a node (kernel: `rb_entry`). */
  valueAt(node: number): T;
  /** The hint kept with a node. */
  hintAt(node: number): number;
  /** Keep `hint` (an int32) with a linked node. */
  setHint(node: number, hint: number): void;
  /** The node holding `handle` in this tree, NO_NODE if this tree does not hold it. */
  nodeOf(handle: TreeNode<T>): number;
  /**
   * A walk steered by hints alone: from `node` (NO_NODE: nowhere), while
   * the node's hint differs from `hint`, go left if `hint` is below it and
   * right if above. Returns the first node whose hint equals `hint`, or
   * NO_NODE after falling off a leaf. Afterwards `chaseSteps` is the number
   * of nodes passed, and `chaseParent` / `chaseLeft` the last node passed
   * and the side taken from it (NO_NODE and false when none was passed).
   */
  chase(node: number, hint: number): number;
  readonly chaseSteps: number;
  readonly chaseParent: number;
  readonly chaseLeft: boolean;
  /**
   * The caller's walk fell off below `parent` on the `left` (or right)
   * side; NO_NODE as `parent` is the root slot of an empty tree. `link` may
   * follow, exactly as after an unmatched `descend` (and under the same rules).
   */
  walkEnded(parent: number, left: boolean): void;
  /** The caller's walk stopped at a match: no `link` may follow (as after a matched `descend`). */
  walkMatched(): void;
}

/**
 * A tree of small non-negative integer values (kernel: the `rb_node`
 * embedded in rmap_item number `value`). Each value has one handle in its
 * group of trees (`newNode(v)` returns the same object every time), is
 * linked in at most one tree of the group at a time, and can be linked,
 * erased and tested by value without a handle object ever being made.
 */
export interface IndexedTree extends Tree<number> {
  /** Whether value `v` is linked in this tree now (`holds(newNode(v))`). */
  holdsValue(v: number): boolean;
  /** `link(newNode(v))`, without making the handle. Returns v's node for `walk` (NO_NODE when the tree has no walk). */
  linkValue(v: number): number;
  /** `erase(newNode(v))`, without making the handle. */
  eraseValue(v: number): void;
}

/** A tree backend: a factory of trees with a name and capability flags. */
export interface TreeBackend {
  readonly name: string;
  readonly flags: TreeFlags;
  create<T>(): Tree<T>;
  /**
   * Optional: a tree of small non-negative integers ({@link IndexedTree}),
   * with the same shapes as `create`'s and `walk` when `flags.walk`. Trees
   * made with the same `group` (a tree this backend's `createIndexed` made)
   * share handles, so a value has one handle in all of them; the first tree
   * of a group may be offered {@link NodeStorage} for the group's nodes.
   * Users fall back to `create<number>()` when a backend has none.
   */
  createIndexed?(group?: IndexedTree, storage?: NodeStorage): IndexedTree;
}

/**
 * Words a user offers an indexed tree group for its nodes (`createIndexed`'s
 * `storage`, for the first tree of a group): four int32 a value, value v's
 * at `s[4v]` to `s[4v + 3]` (KSM: the words of rmap_item v, as the kernel
 * embeds the unstable tree's `rb_node` in the item). While v is linked in a
 * tree of the group those words are the tree's, and the user does not touch
 * them; the user may replace `s` by a longer copy of itself between two
 * calls (growth), and a value must have its words before it is linked. A
 * backend may ignore the offer and keep its nodes elsewhere.
 */
export interface NodeStorage {
  s: Int32Array;
}
