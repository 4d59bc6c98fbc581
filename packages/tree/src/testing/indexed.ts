/**
 * The conformance sub-suite of `TreeBackend.createIndexed` (IndexedTree):
 * trees of small integers with one handle per value in a group, by-value
 * operations, and the same shapes as `create`'s. Every backend that has
 * `createIndexed` runs it (the main suite calls it).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { TreeError } from "../errors.js";
import { type IndexedTree, NO_NODE, type NodeStorage, type Tree, type TreeBackend, type TreeNode } from "../types.js";
import { collectValues } from "./helpers.js";
import type { ItFn } from "./index.js";
import { walkInOrder } from "./walk.js";

function assertTreeError(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof TreeError && e.code === code);
}

/** A descent by `key[value]`, the way KSM orders rmap_items by their pages. */
const byKey =
  (key: readonly number[], k: number) =>
  (v: number): number =>
    k < key[v]! ? -1 : k > key[v]! ? 1 : 0;

/** The tree's shape through its walk (values in place of nodes), or its values in order without one. */
function shape(tree: Tree<number>): unknown {
  const w = tree.walk;
  if (w === undefined) return collectValues(tree);
  const at = (n: number): unknown => (n === NO_NODE ? null : [w.valueAt(n), at(w.leftOf(n)), at(w.rightOf(n))]);
  return at(w.rootNode());
}

type Op =
  | { kind: "insert"; key: number; byValue: boolean }
  | { kind: "erase"; pick: number; byValue: boolean }
  | { kind: "replace"; pick: number }
  | { kind: "clear" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      key: fc.integer({ min: 0, max: 200 }),
      byValue: fc.boolean(),
    }),
  },
  { weight: 15, arbitrary: fc.record({ kind: fc.constant("erase" as const), pick: fc.nat(), byValue: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: "clear" as const }) },
);

/** The user grows an offered storage to hold value `v` (a longer copy, as rmap_items grow). */
function offerRoom(storage: NodeStorage, v: number): void {
  if (v < storage.s.length >> 2) return;
  const s = new Int32Array(4 * (v + 1 + (v >> 1)));
  s.set(storage.s);
  storage.s = s;
}

/** The user's own use of the words of every value the tree does not hold (KSM: a stable item's head and hlist). */
function scribble(storage: NodeStorage, t: IndexedTree, salt: number): void {
  const s = storage.s;
  for (let v = 0; v < s.length >> 2; v++) {
    if (t.holdsValue(v)) continue;
    for (let i = 0; i < 4; i++) s[4 * v + i] = (v * 31 + i * 7 + salt) | 0;
  }
}

/** Register the IndexedTree cases for `backend` (which must have `createIndexed`). */
export function indexedCases(it: ItFn, backend: TreeBackend, numRuns: number): void {
  const p = `${backend.name} (indexed):`;
  const make = (group?: IndexedTree, storage?: NodeStorage): IndexedTree => {
    const t = backend.createIndexed!(group, storage);
    assert.equal(t.backend, backend.name);
    assert.equal(t.walk !== undefined, backend.flags.walk === true, "flags.walk and the indexed tree's walk disagree");
    return t;
  };

  it(`${p} one handle per value in a group; a value is linked in one tree of the group at a time`, () => {
    const a = make();
    const b = make(a);
    const c = make();
    assert.equal(a.newNode(7), a.newNode(7));
    assert.equal(b.newNode(7), a.newNode(7));
    assert.notEqual(c.newNode(7), a.newNode(7));
    assert.equal(a.newNode(7).value, 7);
    const key = [0, 10, 20, 30, 40, 50, 60, 70];
    a.searchOrInsert(a.newNode(7), byKey(key, 70));
    assert.ok(a.holdsValue(7));
    assert.ok(a.holds(b.newNode(7)));
    assert.ok(!b.holdsValue(7));
    assert.equal(b.descend(byKey(key, 70)), null);
    assertTreeError(() => b.linkValue(7), "ALREADY_LINKED");
    assertTreeError(() => b.link(a.newNode(7)), "ALREADY_LINKED");
    // another group is independent
    assert.equal(c.descend(byKey(key, 70)), null);
    c.linkValue(7);
    assert.ok(c.holdsValue(7) && a.holdsValue(7));
    // a clear detaches without visiting: the value may then go to another tree of the group
    a.clear();
    assert.ok(!a.holdsValue(7));
    assert.equal(b.descend(byKey(key, 70)), null);
    b.linkValue(7);
    assert.ok(b.holdsValue(7));
    assertTreeError(() => a.eraseValue(7), "NOT_HELD");
    b.eraseValue(7);
    assert.ok(!b.holdsValue(7));
    assertTreeError(() => b.eraseValue(7), "NOT_HELD");
    assert.ok(!a.holdsValue(123456) && !a.holdsValue(-1));
  });

  it(`${p} refuses values that are not small non-negative integers`, () => {
    const t = make();
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 31]) assert.throws(() => t.newNode(bad));
    assert.equal(
      t.descend(() => 1),
      null,
    );
    assert.throws(() => t.linkValue(-1));
    assert.throws(() => t.link({ value: 3 } as TreeNode<number>), TreeError);
    assert.equal(t.size, 0);
  });

  it(`${p} linkValue returns the value's node (NO_NODE without a walk)`, () => {
    const t = make();
    const key = Array.from({ length: 64 }, (_, i) => (i * 37) % 64);
    for (let v = 0; v < 64; v++) {
      assert.equal(t.descend(byKey(key, key[v]!)), null);
      const node = t.linkValue(v);
      if (t.walk === undefined) assert.equal(node, NO_NODE);
      else {
        assert.equal(t.walk.valueAt(node), v);
        assert.equal(t.walk.nodeOf(t.newNode(v)), node);
        if (v > 0) assert.deepEqual(walkInOrder(t.walk).length, v + 1);
      }
    }
    assert.deepEqual(
      collectValues(t).map((v) => key[v]),
      Array.from({ length: 64 }, (_, i) => i),
    );
  });

  it(`${p} random operations: by value and by handle alike, with create's shapes, on its own or an offered storage`, () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 150 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.boolean(),
        (ops, base, offer) => {
          // an offered storage: the test grows it before each new value, and scribbles on the words of every value not linked
          const storage: NodeStorage | undefined = offer ? { s: new Int32Array(4 * (base + 1)) } : undefined;
          const ix = make(undefined, storage);
          const w = ix.walk;
          const hints = new Map<number, number>(); // value -> the hint set on its node
          const plain = backend.create<number>();
          const key: number[] = [];
          const plainNode = new Map<number, TreeNode<number>>();
          let held: number[] = []; // values, in key order
          let next = base;
          for (const op of ops) {
            if (op.kind === "insert") {
              const v = next++;
              key[v] = op.key;
              if (storage !== undefined) offerRoom(storage, v);
              const a = plain.searchOrInsert(plain.newNode(v), byKey(key, op.key));
              plainNode.set(a.value, a);
              let got: number;
              if (op.byValue) {
                got = ix.descend(byKey(key, op.key))?.value ?? v;
                if (got === v) ix.linkValue(v);
              } else got = ix.searchOrInsert(ix.newNode(v), byKey(key, op.key)).value;
              assert.equal(got, a.value);
              if (got === v) held.push(v);
            } else if (op.kind === "erase" && held.length > 0) {
              const [v] = held.splice(op.pick % held.length, 1) as [number];
              plain.erase(plainNode.get(v)!);
              if (op.byValue) ix.eraseValue(v);
              else ix.erase(ix.newNode(v));
              assert.ok(!ix.holdsValue(v));
            } else if (op.kind === "replace" && held.length > 0) {
              const i = op.pick % held.length;
              const v = held[i]!;
              const r = next++;
              key[r] = key[v]!;
              if (storage !== undefined) offerRoom(storage, r);
              const pr = plain.newNode(r);
              plain.replace(plainNode.get(v)!, pr);
              plainNode.set(r, pr);
              ix.replace(ix.newNode(v), ix.newNode(r));
              held[i] = r;
              if (hints.has(v)) hints.set(r, hints.get(v)!); // the replacement has the victim's hint
              hints.delete(v);
            } else if (op.kind === "clear") {
              plain.clear();
              ix.clear();
              held = [];
            }
            assert.equal(ix.size, held.length);
            for (const v of held) assert.ok(ix.holdsValue(v) && ix.holds(ix.newNode(v)));
            assert.deepEqual(shape(ix), shape(plain));
            if (w !== undefined) {
              for (const [v, h] of hints) {
                if (!ix.holdsValue(v)) hints.delete(v);
                else assert.equal(w.hintAt(w.nodeOf(ix.newNode(v))), h, `the hint of value ${v} did not stay with it`);
              }
              if (held.length > 0) {
                const v = held[(next * 7) % held.length]!;
                const h = (next * 1_000_003) | 0;
                w.setHint(w.nodeOf(ix.newNode(v)), h);
                hints.set(v, h);
              }
            }
            if (storage !== undefined) scribble(storage, ix, next);
          }
          assert.deepEqual(collectValues(ix), collectValues(plain));
        },
      ),
      { numRuns },
    );
  });
}
