/** Debugging helpers for tests and users: the tree's shape as plain data, and an invariant check. */
import type { Tree, TreeNode, TreeWalk } from "@ksm-sim/tree";
import { IndexRbTree } from "./indexed-tree.js";
import { NIL } from "./node.js";
import { RbTree } from "./tree.js";

/** A subtree as plain data: value, colour ("R" red, "B" black), left and right subtrees; null for an empty one. */
export type RbShape<T> = { v: T; c: "R" | "B"; l: RbShape<T>; r: RbShape<T> } | null;

/** What `rbCheck` measured on a valid tree. */
export interface RbCheckResult {
  /** Black nodes on every root-to-leaf path (0 for an empty tree). */
  readonly blackHeight: number;
  /** Nodes on the longest root-to-leaf path. */
  readonly height: number;
}

/** What the checks read of either kind of rbtree. */
interface RbView<T> extends TreeWalk<T> {
  readonly size: number;
  handleAt(node: number): TreeNode<T>;
  holds(node: TreeNode<T>): boolean;
  parentOf(node: number): number;
  isRed(node: number): boolean;
}

function rb<T>(tree: Tree<T>): RbView<T> {
  if (!(tree instanceof RbTree) && !(tree instanceof IndexRbTree))
    throw new TypeError(`not a tree of the rbtree backend: ${tree.backend}`);
  return tree as unknown as RbView<T>;
}

/** The tree's shape, e.g. `{ v: 2, c: "B", l: { v: 1, c: "R", l: null, r: null }, r: null }`. */
export function rbShape<T>(tree: Tree<T>): RbShape<T> {
  const t = rb(tree);
  let budget = t.size;
  const shape = (n: number): RbShape<T> => {
    if (n === NIL) return null;
    if (--budget < 0) throw new Error(`rbShape: more nodes reachable than size ${t.size} (a cycle?)`);
    return { v: t.valueAt(n), c: t.isRed(n) ? "R" : "B", l: shape(t.leftOf(n)), r: shape(t.rightOf(n)) };
  };
  return shape(t.rootNode());
}

/**
 * Verify the red-black invariants and the tree's bookkeeping: the root is
 * black and has no parent, no red node has a red child, every path has the
 * same number of black nodes, every child points back at its parent, every
 * node is held by the tree at its own slot, and `size` counts the nodes.
 * With `compare`, also that the values are strictly ascending in order.
 * Throws an Error naming the first violation and where it is (a path like
 * `root.l.r`).
 */
export function rbCheck<T>(tree: Tree<T>, compare?: (a: T, b: T) => number): RbCheckResult {
  const t = rb(tree);
  const root = t.rootNode();
  const fail = (msg: string): never => {
    throw new Error(`rbCheck: ${msg}`);
  };
  const name = (n: number) => String(t.valueAt(n));
  if (root !== NIL) {
    if (t.parentOf(root) !== NIL) fail(`root ${name(root)} has a parent`);
    if (t.isRed(root)) fail(`root ${name(root)} is red`);
  }
  let count = 0;
  let height = 0;
  let prev = NIL;
  // Returns the black height of the subtree at n (NIL leaves count 0).
  const visit = (n: number, path: string, depth: number): number => {
    if (++count > t.size) fail(`more nodes reachable than size ${t.size} (a cycle?) at ${path}`);
    if (depth > height) height = depth;
    const at = `${name(n)} at ${path}`;
    const h = t.handleAt(n);
    if (h === undefined || !t.holds(h) || t.nodeOf(h) !== n)
      fail(`node ${at} is linked but not held by the tree there`);
    let lh = 0;
    let rh = 0;
    const nl = t.leftOf(n);
    const nr = t.rightOf(n);
    if (nl !== NIL) {
      if (t.parentOf(nl) !== n) fail(`left child of ${at} does not point back at it`);
      if (t.isRed(n) && t.isRed(nl)) fail(`red node ${at} has a red left child`);
      lh = visit(nl, `${path}.l`, depth + 1);
    }
    if (compare !== undefined) {
      if (prev !== NIL && !(compare(t.valueAt(prev), t.valueAt(n)) < 0)) fail(`node ${at} is not after ${name(prev)}`);
      prev = n;
    }
    if (nr !== NIL) {
      if (t.parentOf(nr) !== n) fail(`right child of ${at} does not point back at it`);
      if (t.isRed(n) && t.isRed(nr)) fail(`red node ${at} has a red right child`);
      rh = visit(nr, `${path}.r`, depth + 1);
    }
    if (lh !== rh) fail(`black heights differ under ${at}: ${lh} on the left, ${rh} on the right`);
    return lh + (t.isRed(n) ? 0 : 1);
  };
  const blackHeight = root === NIL ? 0 : visit(root, "root", 1);
  if (count !== t.size) fail(`size is ${t.size} but ${count} nodes are linked`);
  return { blackHeight, height };
}
