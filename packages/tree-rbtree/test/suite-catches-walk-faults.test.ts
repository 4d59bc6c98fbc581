/**
 * The TreeWalk sub-suite must fail a backend whose walk lies: the rbtree
 * backend wrapped so that its walk breaks one rule each time, as a faulty
 * third-party backend would, and the suite run against it.
 */
import { type DescentFn, NO_NODE, type Tree, type TreeBackend, type TreeNode, type TreeWalk } from "@ksm-sim/tree";
import { type ItFn, walkConformanceSuite } from "@ksm-sim/tree/testing";
import { describe, expect, it } from "vitest";
import { rbtreeBackend } from "../src/index.js";

type Fault =
  | "none"
  /** hints kept by position (root path), as if they were not moved with their nodes on rotations */
  | "hintsByPosition"
  /** hints read back as unsigned, as if kept in a Uint32Array */
  | "hintsUnsigned"
  /** chase walks one node past an equal hint */
  | "chasePastMatch"
  /** chase reports one step fewer than it took */
  | "chaseMiscounts"
  /** walkEnded ignored: a link lands where the last descend ended */
  | "walkEndedIgnored";

/** The walk of `tree` with `fault` injected. */
function faultyWalk<T>(w: TreeWalk<T>, fault: Fault): TreeWalk<T> {
  const byPath = new Map<string, number>();
  const pathOf = (node: number): string => {
    let path = "";
    for (let n = w.rootNode(); n !== NO_NODE && n !== node; ) {
      const goLeft = contains(w, w.leftOf(n), node);
      path += goLeft ? "L" : "R";
      n = goLeft ? w.leftOf(n) : w.rightOf(n);
    }
    return path;
  };
  let extra = 0;
  return {
    rootNode: () => w.rootNode(),
    leftOf: (n) => w.leftOf(n),
    rightOf: (n) => w.rightOf(n),
    valueAt: (n) => w.valueAt(n),
    nodeOf: (h: TreeNode<T>) => w.nodeOf(h),
    hintAt: (n) =>
      fault === "hintsByPosition"
        ? (byPath.get(pathOf(n)) ?? 0)
        : fault === "hintsUnsigned"
          ? w.hintAt(n) >>> 0
          : w.hintAt(n),
    setHint: (n, h) => {
      if (fault === "hintsByPosition") byPath.set(pathOf(n), h);
      else w.setHint(n, h);
    },
    chase(n, hint) {
      let got = w.chase(n, hint);
      extra = 0;
      if (fault === "chasePastMatch" && got !== NO_NODE) {
        const next = w.leftOf(got);
        if (next !== NO_NODE) {
          got = next;
          extra = 1;
        }
      }
      return got;
    },
    get chaseSteps() {
      return w.chaseSteps + extra - (fault === "chaseMiscounts" && w.chaseSteps > 0 ? 1 : 0);
    },
    get chaseParent() {
      return w.chaseParent;
    },
    get chaseLeft() {
      return w.chaseLeft;
    },
    walkEnded: (p, left) => {
      if (fault !== "walkEndedIgnored") w.walkEnded(p, left);
    },
    walkMatched: () => w.walkMatched(),
  };
}

/** Whether `node` is in the subtree at `root`. */
function contains<T>(w: TreeWalk<T>, root: number, node: number): boolean {
  if (root === NO_NODE) return false;
  return root === node || contains(w, w.leftOf(root), node) || contains(w, w.rightOf(root), node);
}

/** An rbtree whose walk is the faulty one; everything else goes to the tree itself. */
class FaultyTree<T> implements Tree<T> {
  readonly walk: TreeWalk<T>;
  constructor(
    private readonly t: Tree<T>,
    fault: Fault,
  ) {
    this.walk = faultyWalk(t.walk!, fault);
  }
  readonly backend = "faulty";
  get size() {
    return this.t.size;
  }
  newNode = (v: T) => this.t.newNode(v);
  descend = (fn: DescentFn<T>) => this.t.descend(fn);
  link = (n: TreeNode<T>) => this.t.link(n);
  searchOrInsert = (n: TreeNode<T>, fn: DescentFn<T>) => this.t.searchOrInsert(n, fn);
  erase = (n: TreeNode<T>) => this.t.erase(n);
  replace = (v: TreeNode<T>, r: TreeNode<T>) => this.t.replace(v, r);
  holds = (n: TreeNode<T>) => this.t.holds(n);
  nodes = () => this.t.nodes();
  clear = () => this.t.clear();
}

/** rbtree with its trees' walk replaced by the faulty one. */
function faultyBackend(fault: Fault): TreeBackend {
  return {
    name: `faulty-${fault}`,
    flags: rbtreeBackend.flags,
    create: <T>() => new FaultyTree<T>(rbtreeBackend.create<T>(), fault),
  };
}

async function failuresOf(fault: Fault): Promise<string[]> {
  const cases: { name: string; fn: () => void | Promise<void> }[] = [];
  const collect: ItFn = (name, fn) => cases.push({ name, fn });
  walkConformanceSuite(collect, faultyBackend(fault), { numRuns: 40 });
  const failed: string[] = [];
  for (const c of cases) {
    try {
      await c.fn();
    } catch {
      failed.push(c.name.replace(/^\S+ \(walk\): /, ""));
    }
  }
  return failed;
}

const HINTS = "handles and hints stay with their nodes through links, erases, replaces and rebalancing";
const CHASE = "chase goes down by hints exactly as leftOf, rightOf and hintAt say";

describe("the TreeWalk sub-suite catches", () => {
  it("nothing in a walk that keeps every rule (the wrapper itself is sound)", async () => {
    expect(await failuresOf("none")).toEqual([]);
  });
  it("hints that stay at positions instead of moving with their nodes", async () => {
    expect(await failuresOf("hintsByPosition")).toContain(HINTS);
  });
  it("hints that do not read back as the int32 they were", async () => {
    expect(await failuresOf("hintsUnsigned")).toContain(HINTS);
  });
  it("a chase that walks past a node with the searched hint", async () => {
    expect(await failuresOf("chasePastMatch")).toContain(CHASE);
  });
  it("a chase that miscounts its steps", async () => {
    expect(await failuresOf("chaseMiscounts")).toContain(CHASE);
  });
  it("a walk whose walkEnded is ignored", async () => {
    expect(await failuresOf("walkEndedIgnored")).toContain(
      "a link after the caller's own descent lands where that descent ended",
    );
  });
});
