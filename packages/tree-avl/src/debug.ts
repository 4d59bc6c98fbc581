/** Debugging helpers for tests and users: the tree's shape as plain data, and an invariant check. */
import type { Tree, TreeNode, TreeWalk } from "@ksm-sim/tree";
import { IndexAvlTree } from "./indexed-tree.js";
import { NIL } from "./node.js";
import { AvlTree } from "./tree.js";

/** A subtree as plain data: value, stored height (a leaf is 1), left and right subtrees; null for an empty one. */
export type AvlShape<T> = { v: T; h: number; l: AvlShape<T>; r: AvlShape<T> } | null;

/** What `avlCheck` measured on a valid tree. */
export interface AvlCheckResult {
  /** Nodes on the longest root-to-leaf path (0 for an empty tree). */
  readonly height: number;
  /** Linked nodes (equal to `size`). */
  readonly nodes: number;
}

/** What the checks read of either kind of AVL tree. */
interface AvlView<T> extends TreeWalk<T> {
  readonly size: number;
  handleAt(node: number): TreeNode<T>;
  holds(node: TreeNode<T>): boolean;
  parentOf(node: number): number;
  heightOf(node: number): number;
}

function avl<T>(tree: Tree<T>): AvlView<T> {
  if (!(tree instanceof AvlTree) && !(tree instanceof IndexAvlTree))
    throw new TypeError(`not a tree of the avl backend: ${String(tree.backend)}`);
  return tree as unknown as AvlView<T>;
}

/** The tree's shape, e.g. `{ v: 2, h: 2, l: { v: 1, h: 1, l: null, r: null }, r: null }`. */
export function avlShape<T>(tree: Tree<T>): AvlShape<T> {
  const t = avl(tree);
  let budget = t.size;
  const shape = (n: number): AvlShape<T> => {
    if (n === NIL) return null;
    if (--budget < 0) throw new Error(`avlShape: more nodes reachable than size ${t.size} (a cycle?)`);
    return { v: t.valueAt(n), h: t.heightOf(n), l: shape(t.leftOf(n)), r: shape(t.rightOf(n)) };
  };
  return shape(t.rootNode());
}

/**
 * Verify the AVL invariants and the tree's bookkeeping: the root has no
 * parent, every child points back at its parent, every node's stored
 * height is one more than its taller child's, every node's balance factor
 * (right height minus left height) is -1, 0 or 1, every node is held by the
 * tree at its own slot, and `size` counts the nodes. With `compare`, also
 * that the values are strictly ascending in order. Throws an Error naming
 * the first violation and where it is (a path like `root.l.r`).
 */
export function avlCheck<T>(tree: Tree<T>, compare?: (a: T, b: T) => number): AvlCheckResult {
  const t = avl(tree);
  const root = t.rootNode();
  const fail = (msg: string): never => {
    throw new Error(`avlCheck: ${msg}`);
  };
  const name = (n: number) => String(t.valueAt(n));
  if (root !== NIL && t.parentOf(root) !== NIL) fail(`root ${name(root)} has a parent (${t.parentOf(root)})`);
  let count = 0;
  let prev = NIL;
  // Returns the height of the subtree at n, as counted.
  const visit = (n: number, path: string): number => {
    if (++count > t.size) fail(`more nodes reachable than size ${t.size} (a cycle?) at ${path}`);
    const at = `${name(n)} at ${path}`;
    const handle = t.handleAt(n);
    if (handle === undefined || !t.holds(handle) || t.nodeOf(handle) !== n) {
      fail(`node ${at} is linked but not held by the tree there`);
    }
    const nl = t.leftOf(n);
    const nr = t.rightOf(n);
    let lh = 0;
    let rh = 0;
    if (nl !== NIL) {
      if (t.parentOf(nl) !== n) fail(`left child of ${at} does not point back at it`);
      lh = visit(nl, `${path}.l`);
    }
    if (compare !== undefined) {
      if (prev !== NIL && !(compare(t.valueAt(prev), t.valueAt(n)) < 0)) fail(`node ${at} is not after ${name(prev)}`);
      prev = n;
    }
    if (nr !== NIL) {
      if (t.parentOf(nr) !== n) fail(`right child of ${at} does not point back at it`);
      rh = visit(nr, `${path}.r`);
    }
    const height = 1 + Math.max(lh, rh);
    if (t.heightOf(n) !== height) fail(`node ${at} stores height ${t.heightOf(n)}, its subtree has height ${height}`);
    if (rh - lh < -1 || rh - lh > 1) fail(`node ${at} has balance factor ${rh - lh} (left ${lh}, right ${rh})`);
    return height;
  };
  const height = root === NIL ? 0 : visit(root, "root");
  if (count !== t.size) fail(`size is ${t.size} but ${count} nodes are linked`);
  return { height, nodes: count };
}
