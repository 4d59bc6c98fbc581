/** Debugging helpers for tests and users: the tree's shape as plain data, and an invariant check. */
import type { Tree } from "@ksm-sim/tree";
import { NIL } from "./indexed/arena.js";
import { IndexRbTree } from "./indexed/tree.js";
import type { RbNode } from "./node.js";
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

/** A node of either representation, seen through the fields the checks read. */
interface View<T> {
  value: T;
  left: View<T> | null;
  right: View<T> | null;
  parent: View<T> | null;
  red: boolean;
  held: boolean;
  /** The node itself (object) or its slot (indexed): what identifies it. */
  id: unknown;
}

/** The tree's root as a view, and its size. Object nodes are their own views; slots of an IndexRbTree get one each. */
function viewOf<T>(tree: Tree<T>): { root: View<T> | null; size: number } {
  if (tree instanceof RbTree) {
    const t = tree as RbTree<T>;
    const wrap = (n: RbNode<T> | null): View<T> | null =>
      n === null
        ? null
        : {
            value: n.value,
            get left() {
              return wrap(n.left);
            },
            get right() {
              return wrap(n.right);
            },
            get parent() {
              return wrap(n.parent);
            },
            red: n.red,
            held: t.holds(n),
            id: n,
          };
    return { root: wrap(t.rbNode), size: t.size };
  }
  if (tree instanceof IndexRbTree) {
    const t = tree;
    const { s, vals } = t.slots;
    const wrap = (n: number): View<T> | null =>
      n === NIL
        ? null
        : ({
            value: vals[n]!,
            get left() {
              return wrap(s[4 * n]!);
            },
            get right() {
              return wrap(s[4 * n + 1]!);
            },
            get parent() {
              return wrap(s[4 * n + 2]! >> 1);
            },
            red: (s[4 * n + 2]! & 1) === 0,
            held: t.holdsIndex(vals[n]!) && t.arena.slotOf[vals[n]!] === n,
            id: n,
          } as unknown as View<T>);
    return { root: wrap(t.rbNode), size: t.size };
  }
  throw new TypeError(`not a tree of the rbtree backend: ${tree.backend}`);
}

/** Whether two views are the same node. */
function same<T>(a: View<T> | null, b: View<T>): boolean {
  return a !== null && a.id === b.id;
}

/** The tree's shape, e.g. `{ v: 2, c: "B", l: { v: 1, c: "R", l: null, r: null }, r: null }`. */
export function rbShape<T>(tree: Tree<T>): RbShape<T> {
  const t = viewOf(tree);
  let budget = t.size;
  const shape = (n: View<T> | null): RbShape<T> => {
    if (n === null) return null;
    if (--budget < 0) throw new Error(`rbShape: more nodes reachable than size ${t.size} (a cycle?)`);
    return { v: n.value, c: n.red ? "R" : "B", l: shape(n.left), r: shape(n.right) };
  };
  return shape(t.root);
}

/**
 * Verify the red-black invariants and the tree's bookkeeping: the root is
 * black and has no parent, no red node has a red child, every path has the
 * same number of black nodes, every child points back at its parent, every
 * node is held by the tree, and `size` counts the nodes. With `compare`, also
 * that the values are strictly ascending in order. Throws an Error naming the
 * first violation and where it is (a path like `root.l.r`).
 */
export function rbCheck<T>(tree: Tree<T>, compare?: (a: T, b: T) => number): RbCheckResult {
  const t = viewOf(tree);
  const root = t.root;
  const fail = (msg: string): never => {
    throw new Error(`rbCheck: ${msg}`);
  };
  if (root !== null) {
    if (root.parent !== null) fail(`root ${String(root.value)} has a parent`);
    if (root.red) fail(`root ${String(root.value)} is red`);
  }
  let count = 0;
  let height = 0;
  let prev: View<T> | null = null;
  // Returns the black height of the subtree at n (null leaves count 0).
  const visit = (n: View<T>, path: string, depth: number): number => {
    if (++count > t.size) fail(`more nodes reachable than size ${t.size} (a cycle?) at ${path}`);
    if (depth > height) height = depth;
    const at = `${String(n.value)} at ${path}`;
    if (!n.held) fail(`node ${at} is linked but not held by the tree`);
    let lh = 0;
    let rh = 0;
    const nl = n.left;
    const nr = n.right;
    if (nl !== null) {
      if (!same(nl.parent, n)) fail(`left child of ${at} does not point back at it`);
      if (n.red && nl.red) fail(`red node ${at} has a red left child`);
      lh = visit(nl, `${path}.l`, depth + 1);
    }
    if (compare !== undefined) {
      if (prev !== null && !(compare(prev.value, n.value) < 0)) fail(`node ${at} is not after ${String(prev.value)}`);
      prev = n;
    }
    if (nr !== null) {
      if (!same(nr.parent, n)) fail(`right child of ${at} does not point back at it`);
      if (n.red && nr.red) fail(`red node ${at} has a red right child`);
      rh = visit(nr, `${path}.r`, depth + 1);
    }
    if (lh !== rh) fail(`black heights differ under ${at}: ${lh} on the left, ${rh} on the right`);
    return lh + (n.red ? 0 : 1);
  };
  const blackHeight = root === null ? 0 : visit(root, "root", 1);
  if (count !== t.size) fail(`size is ${t.size} but ${count} nodes are linked`);
  return { blackHeight, height };
}
