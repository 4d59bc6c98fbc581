/**
 * Random insert/erase/replace/hint/clear sequences keep every AVL invariant
 * (avlCheck) after every operation, on both kinds of tree; every surviving
 * node keeps its slot and hint; slots stay packed (a tree never uses more
 * slots than it held nodes at once since its last clear).
 */
import { numberCmp } from "@ksm-sim/tree/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AvlTree, avlBackend, avlCheck } from "../src/index.js";
import { type Op, opArb } from "./ops.js";

/** The AVL bound: a tree of n nodes has height below 1.4405 log2(n + 2) - 0.3277. */
const avlMaxHeight = (n: number) => Math.floor(1.4405 * Math.log2(n + 2) - 0.3277);

/** Either kind of AVL tree, over numbers. */
type NumberTree = AvlTree<number>;

interface Linked {
  key: number;
  value: number;
  slot: number;
  hint: number;
}

/** Runs `ops` on a tree of numbers whose values are distinct ids ordered by `key[id]`, checking after every step. */
function run(tree: NumberTree, ops: readonly Op[], base: number): void {
  const key: number[] = [];
  const byKey = (a: number, b: number) => key[a]! - key[b]!;
  let linked: Linked[] = [];
  let nextValue = base;
  let peak = 0;
  for (const op of ops) {
    if (op.kind === "insert") {
      if (linked.some((e) => e.key === op.key)) continue;
      const v = nextValue++;
      key[v] = op.key;
      const node = tree.newNode(v);
      const got = tree.searchOrInsert(node, (x) => op.key - key[x]!);
      expect(got).toBe(node);
      linked.push({ key: op.key, value: v, slot: tree.nodeOf(node), hint: 0 });
    } else if (op.kind === "erase" && linked.length > 0) {
      const [e] = linked.splice(op.pick % linked.length, 1) as [Linked];
      tree.erase(tree.handleAt(e.slot));
    } else if (op.kind === "replace" && linked.length > 0) {
      const e = linked[op.pick % linked.length]!;
      const v = nextValue++;
      key[v] = e.key;
      const repl = tree.newNode(v);
      tree.replace(tree.handleAt(e.slot), repl);
      // a tree of handles keeps the victim's slot; an indexed tree's node is the replacement's value
      expect(tree.nodeOf(repl)).toBe("slots" in tree ? e.slot : v);
      e.slot = tree.nodeOf(repl);
      e.value = v;
    } else if (op.kind === "hint" && linked.length > 0) {
      const e = linked[op.pick % linked.length]!;
      tree.setHint(e.slot, op.hint);
      e.hint = op.hint;
    } else if (op.kind === "clear") {
      tree.clear();
      linked = [];
      peak = 0;
    }
    peak = Math.max(peak, linked.length);
    const { height, nodes } = avlCheck(tree, byKey);
    if (nodes !== linked.length) throw new Error(`${nodes} nodes linked, ${linked.length} expected`);
    if (height > avlMaxHeight(nodes)) throw new Error(`height ${height} for ${nodes} nodes`);
    for (const e of linked) {
      const at = tree.nodeOf(tree.handleAt(e.slot)) === e.slot ? tree.valueAt(e.slot) : undefined;
      if (at !== e.value || tree.hintAt(e.slot) !== e.hint) {
        throw new Error(`the node of key ${e.key} left slot ${e.slot} or lost its hint ${e.hint}`);
      }
    }
    if ("slots" in tree && tree.slots.used !== peak) {
      throw new Error(`${tree.slots.used} slots used for at most ${peak} nodes at once`);
    }
  }
  expect([...tree.nodes()].map((n) => key[n.value])).toEqual(linked.map((e) => e.key).sort((a, b) => a - b));
}

describe("avlCheck after every operation of random sequences", () => {
  it("AvlTree (create)", () => {
    fc.assert(
      fc.property(fc.array(opArb(300), { maxLength: 300, size: "max" }), (ops) => {
        run(avlBackend.create<number>() as NumberTree, ops, 0);
      }),
      { numRuns: 200 },
    );
  });

  it("IndexAvlTree (createIndexed), values past the arena's first size included", () => {
    fc.assert(
      fc.property(
        fc.array(opArb(300), { maxLength: 300, size: "max" }),
        fc.integer({ min: 0, max: 3000 }),
        (ops, base) => {
          run(avlBackend.createIndexed!() as unknown as NumberTree, ops, base);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("ascending, descending and zig-zag runs of 3000 links and erases", () => {
    const n = 3000;
    const orders = {
      ascending: Array.from({ length: n }, (_, i) => i),
      descending: Array.from({ length: n }, (_, i) => n - i),
      zigzag: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i : n * 2 - i)),
    };
    for (const [name, keys] of Object.entries(orders)) {
      const tree = avlBackend.create<number>() as NumberTree;
      const nodes = keys.map((k) => tree.searchOrInsert(tree.newNode(k), numberCmp(k)));
      const { height } = avlCheck(tree, (a, b) => a - b);
      expect(height, name).toBeLessThanOrEqual(avlMaxHeight(n));
      nodes.forEach((node, i) => {
        tree.erase(node);
        if (i % 97 === 0) avlCheck(tree, (a, b) => a - b);
      });
      expect(tree.size).toBe(0);
      expect(tree.rootNode()).toBe(-1);
    }
  });
});
