/**
 * The conformance sub-suite of the fast-path capability (TreeWalk): what
 * KSM's own walks rely on, checked against the base interface and against
 * a model. Every backend whose `flags.walk` is true runs it (the main suite
 * calls it); `walkConformanceSuite` runs it alone.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { TreeError } from "../errors.js";
import { NO_NODE, type Tree, type TreeBackend, type TreeNode, type TreeWalk } from "../types.js";
import { checkOrder, collectValues, numberCmp } from "./helpers.js";
import type { ItFn } from "./index.js";

/** The walk of a tree whose backend declares one. */
function walkOf<T>(tree: Tree<T>): TreeWalk<T> {
  const w = tree.walk;
  assert.ok(w !== undefined, "a tree of a backend with flags.walk has no walk");
  return w;
}

/** The nodes in order, read through the walk alone (left subtree, node, right subtree). */
export function walkInOrder<T>(w: TreeWalk<T>, limit = 1 << 22): number[] {
  const out: number[] = [];
  const stack: number[] = [];
  let n = w.rootNode();
  while (n !== NO_NODE || stack.length > 0) {
    while (n !== NO_NODE) {
      stack.push(n);
      n = w.leftOf(n);
      if (stack.length > limit) throw new Error("walk: a left path longer than the tree (a cycle?)");
    }
    n = stack.pop()!;
    out.push(n);
    if (out.length > limit) throw new Error("walk: more nodes than the tree holds (a cycle?)");
    n = w.rightOf(n);
  }
  return out;
}

/** Nodes on the longest root-to-leaf path, through the walk. */
export function walkHeight<T>(w: TreeWalk<T>): number {
  const depth = (n: number): number => (n === NO_NODE ? 0 : 1 + Math.max(depth(w.leftOf(n)), depth(w.rightOf(n))));
  return depth(w.rootNode());
}

/** What `chase` must return, worked out through leftOf / rightOf / hintAt. */
function modelChase<T>(w: TreeWalk<T>, from: number, hint: number) {
  let n = from;
  let parent = NO_NODE;
  let left = false;
  let steps = 0;
  while (n !== NO_NODE) {
    const h = w.hintAt(n);
    if (h === hint) break;
    steps++;
    parent = n;
    left = hint < h;
    n = left ? w.leftOf(n) : w.rightOf(n);
  }
  return { node: n, steps, parent, left };
}

/** A caller's own descent to number `key` through the walk, ending with walkEnded or walkMatched as KSM's does. */
function ownDescent(w: TreeWalk<number>, key: number): number {
  let parent = NO_NODE;
  let left = false;
  let n = w.rootNode();
  while (n !== NO_NODE) {
    const v = w.valueAt(n);
    if (key === v) {
      w.walkMatched();
      return n;
    }
    parent = n;
    left = key < v;
    n = left ? w.leftOf(n) : w.rightOf(n);
  }
  w.walkEnded(parent, left);
  return NO_NODE;
}

function shuffled(n: number, seed: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  return a;
}

function fill(backend: TreeBackend, keys: readonly number[]) {
  const tree = backend.create<number>();
  const nodes = new Map<number, TreeNode<number>>();
  for (const k of keys) nodes.set(k, tree.searchOrInsert(tree.newNode(k), numberCmp(k)));
  return { tree, nodes, w: walkOf(tree) };
}

type Op =
  | { kind: "insert"; key: number; own: boolean }
  | { kind: "erase"; pick: number }
  | { kind: "replace"; pick: number }
  | { kind: "hint"; pick: number; hint: number }
  | { kind: "clear" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      key: fc.integer({ min: 0, max: 300 }),
      own: fc.boolean(),
    }),
  },
  { weight: 14, arbitrary: fc.record({ kind: fc.constant("erase" as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat() }) },
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant("hint" as const), pick: fc.nat(), hint: fc.integer({ min: -5, max: 5 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "clear" as const }) },
);

/** Register the TreeWalk cases for `backend` (which must have `flags.walk`). */
export function walkCases(it: ItFn, backend: TreeBackend, numRuns: number): void {
  const p = `${backend.name} (walk):`;

  it(`${p} every tree has a walk, and it sees the tree descend and nodes() see`, () => {
    assert.equal(backend.create<number>().walk !== undefined, true);
    const keys = shuffled(300, 3);
    const { tree, nodes, w } = fill(backend, keys);
    const order = walkInOrder(w);
    assert.deepEqual(
      order.map((n) => w.valueAt(n)),
      collectValues(tree),
    );
    assert.equal(new Set(order).size, order.length, "two values share a node handle");
    for (const n of order) assert.ok(Number.isInteger(n) && n >= 0, `node handle ${n} is not a small integer`);
    for (const [k, h] of nodes) {
      const n = w.nodeOf(h);
      assert.notEqual(n, NO_NODE, `nodeOf misses the node of ${k}`);
      assert.equal(w.valueAt(n), k);
      assert.equal(ownDescent(w, k), n, `an own descent to ${k} ends elsewhere than nodeOf says`);
      assert.equal(tree.descend(numberCmp(k)), h);
    }
    assert.equal(w.nodeOf(tree.newNode(1000)), NO_NODE);
    const other = backend.create<number>();
    assert.equal(walkOf(other).rootNode(), NO_NODE);
    assert.equal(w.nodeOf(other.searchOrInsert(other.newNode(5), numberCmp(5))), NO_NODE);
  });

  it(`${p} a link after the caller's own descent lands where that descent ended`, () => {
    const { tree, w } = fill(backend, []);
    assert.equal(ownDescent(w, 50), NO_NODE); // empty: the root slot
    tree.link(tree.newNode(50));
    for (const k of shuffled(200, 9)) {
      if (k === 50) continue;
      assert.equal(ownDescent(w, k), NO_NODE);
      const h = tree.newNode(k);
      tree.link(h);
      assert.equal(w.valueAt(w.nodeOf(h)), k);
    }
    checkOrder(collectValues(tree));
    assert.equal(tree.size, 200);
    // a matched walk leaves nothing to link at
    assert.notEqual(ownDescent(w, 7), NO_NODE);
    assert.throws(
      () => tree.link(tree.newNode(7.5)),
      (e: unknown) => e instanceof TreeError && e.code === "STALE_DESCENT",
    );
    // a change after the walk ended makes its leaf stale
    assert.equal(ownDescent(w, 300), NO_NODE);
    tree.erase(tree.descend(numberCmp(3))!);
    assert.throws(
      () => tree.link(tree.newNode(300)),
      (e: unknown) => e instanceof TreeError && e.code === "STALE_DESCENT",
    );
    // a descend after walkEnded replaces it, and the reverse
    assert.equal(ownDescent(w, 400), NO_NODE);
    assert.equal(tree.descend(numberCmp(-1)), null);
    tree.link(tree.newNode(-1));
    assert.deepEqual(collectValues(tree).slice(0, 2), [-1, 0]);
  });

  it(`${p} chase goes down by hints exactly as leftOf, rightOf and hintAt say`, () => {
    const { tree, nodes, w } = fill(backend, shuffled(500, 5));
    // hints equal to the keys: chase is a search
    for (const [k, h] of nodes) w.setHint(w.nodeOf(h), k);
    for (const probe of [-3, 0, 17, 250, 251.5, 499, 600]) {
      const hint = Math.floor(probe);
      const want = modelChase(w, w.rootNode(), hint);
      const got = w.chase(w.rootNode(), hint);
      assert.equal(got, want.node, `chase(${hint}) stops at another node`);
      assert.equal(w.chaseSteps, want.steps);
      assert.equal(w.chaseParent, want.parent);
      assert.equal(w.chaseLeft, want.left);
      if (hint >= 0 && hint < 500) assert.equal(w.valueAt(got), hint);
      else assert.equal(got, NO_NODE);
    }
    // from an inner node, from nowhere, and with hints that do not follow the order
    const inner = w.nodeOf(nodes.get(123)!);
    const want = modelChase(w, inner, 124);
    assert.equal(w.chase(inner, 124), want.node);
    assert.equal(w.chaseSteps, want.steps);
    assert.equal(w.chase(NO_NODE, 1), NO_NODE);
    assert.equal(w.chaseSteps, 0);
    assert.equal(w.chaseParent, NO_NODE);
    for (const [k, h] of nodes) w.setHint(w.nodeOf(h), (k * 7919) % 13);
    for (let hint = -1; hint < 14; hint++) {
      const m = modelChase(w, w.rootNode(), hint);
      assert.equal(w.chase(w.rootNode(), hint), m.node);
      assert.deepEqual([w.chaseSteps, w.chaseParent, w.chaseLeft], [m.steps, m.parent, m.left]);
    }
    // an unmatched chase is a descent KSM links after
    for (const [k, h] of nodes) w.setHint(w.nodeOf(h), 2 * k);
    const end = w.chase(w.rootNode(), 2 * 200 + 1);
    assert.equal(end, NO_NODE);
    w.walkEnded(w.chaseParent, w.chaseLeft);
    tree.link(tree.newNode(200.5));
    checkOrder(collectValues(tree));
  });

  it(`${p} handles and hints stay with their nodes through links, erases, replaces and rebalancing`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 150 }), (ops) => {
        const tree = backend.create<number>();
        const w = walkOf(tree);
        // model: value -> handle, node handle and hint
        const held = new Map<number, { h: TreeNode<number>; node: number; hint: number }>();
        const sorted = () => [...held.keys()].sort((a, b) => a - b);
        for (const op of ops) {
          switch (op.kind) {
            case "insert": {
              if (held.has(op.key)) break;
              const h = tree.newNode(op.key);
              if (op.own) {
                assert.equal(ownDescent(w, op.key), NO_NODE);
                tree.link(h);
              } else assert.equal(tree.searchOrInsert(h, numberCmp(op.key)), h);
              const node = w.nodeOf(h);
              assert.notEqual(node, NO_NODE);
              assert.equal(w.hintAt(node), 0, "a newly linked node's hint is not 0");
              held.set(op.key, { h, node, hint: 0 });
              break;
            }
            case "erase": {
              const keys = sorted();
              if (keys.length === 0) break;
              const k = keys[op.pick % keys.length]!;
              tree.erase(held.get(k)!.h);
              assert.equal(w.nodeOf(held.get(k)!.h), NO_NODE);
              held.delete(k);
              break;
            }
            case "replace": {
              const keys = sorted();
              if (keys.length === 0) break;
              const k = keys[op.pick % keys.length]!;
              const e = held.get(k)!;
              const repl = tree.newNode(k);
              tree.replace(e.h, repl);
              assert.equal(w.nodeOf(repl), e.node, "replace did not give the replacement the victim's node");
              assert.equal(w.nodeOf(e.h), NO_NODE);
              held.set(k, { h: repl, node: e.node, hint: e.hint }); // a tree of handles: the victim's node, and so its hint
              break;
            }
            case "hint": {
              const keys = sorted();
              if (keys.length === 0) break;
              const e = held.get(keys[op.pick % keys.length]!)!;
              const hint = op.hint * 1_000_003; // int32 values of both signs
              w.setHint(e.node, hint);
              e.hint = hint;
              break;
            }
            case "clear":
              tree.clear();
              assert.equal(w.rootNode(), NO_NODE);
              for (const e of held.values()) assert.equal(w.nodeOf(e.h), NO_NODE);
              held.clear();
              break;
          }
          const order = walkInOrder(w);
          assert.deepEqual(
            order.map((n) => w.valueAt(n)),
            sorted(),
          );
          for (const [k, e] of held) {
            assert.equal(w.nodeOf(e.h), e.node, `the node of ${k} changed while it was linked`);
            assert.equal(w.hintAt(e.node), e.hint, `the hint of ${k} did not stay with its node`);
          }
        }
      }),
      { numRuns },
    );
  });

  it(`${p} stays balanced after erases too: height at most 2*log2(n+1)`, () => {
    const n = 4096;
    const { tree, nodes, w } = fill(backend, shuffled(n, 31));
    let size = n;
    // erase three quarters, in an order that empties whole subtrees first (ascending), then at random
    const victims = [...Array.from({ length: n / 2 }, (_, i) => i), ...shuffled(n, 77).filter((k) => k >= n / 2)];
    for (const k of victims.slice(0, (3 * n) / 4)) {
      tree.erase(nodes.get(k)!);
      size--;
      if (size % 256 === 0) {
        const height = walkHeight(w);
        assert.ok(height <= 2 * Math.log2(size + 1), `${size} nodes, height ${height}`);
      }
    }
    assert.equal(walkInOrder(w).length, size);
  });
}
