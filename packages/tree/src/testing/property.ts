import assert from "node:assert/strict";
import fc from "fast-check";
import type { TreeBackend, TreeNode } from "../types.js";
import { numberCmp } from "./helpers.js";
import type { ItFn } from "./index.js";

type Op =
  | { kind: "insert"; key: number }
  | { kind: "erase"; pick: number }
  | { kind: "replace"; pick: number; delta: number }
  | { kind: "search"; key: number }
  | { kind: "clear" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ kind: fc.constant("insert" as const), key: fc.integer({ min: 0, max: 200 }) }) },
  { weight: 15, arbitrary: fc.record({ kind: fc.constant("erase" as const), pick: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("replace" as const),
      pick: fc.nat(),
      delta: fc.constantFrom(0, 0.25, -0.25),
    }),
  },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant("search" as const), key: fc.integer({ min: 0, max: 200 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "clear" as const }) },
);

/** Random operation sequences against a plain sorted-array model. */
export function propertyCases(it: ItFn, backend: TreeBackend, numRuns: number): void {
  it(`${backend.name}: random operations agree with a sorted-array model`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
        const tree = backend.create<number>();
        // model: sorted values with their node handles
        let model: { v: number; node: TreeNode<number> }[] = [];
        const detached: TreeNode<number>[] = [];
        for (const op of ops) {
          switch (op.kind) {
            case "insert": {
              const node = detached.pop() ?? tree.newNode(op.key);
              const fresh = node.value === op.key ? node : tree.newNode(op.key);
              const got = tree.searchOrInsert(fresh, numberCmp(op.key));
              const at = model.findIndex((e) => e.v >= op.key);
              if (at >= 0 && model[at]?.v === op.key) {
                assert.equal(got, model[at]?.node);
              } else {
                assert.equal(got, fresh);
                model.splice(at < 0 ? model.length : at, 0, { v: op.key, node: fresh });
              }
              break;
            }
            case "erase": {
              if (model.length === 0) break;
              const i = op.pick % model.length;
              const e = model[i] as { v: number; node: TreeNode<number> };
              tree.erase(e.node);
              model.splice(i, 1);
              detached.push(e.node);
              break;
            }
            case "replace": {
              if (model.length === 0) break;
              const i = op.pick % model.length;
              const e = model[i] as { v: number; node: TreeNode<number> };
              const v = e.v + op.delta;
              const prev = model[i - 1];
              const next = model[i + 1];
              if ((prev && prev.v >= v) || (next && next.v <= v)) break; // keep the order consistent
              const repl = tree.newNode(v);
              tree.replace(e.node, repl);
              model[i] = { v, node: repl };
              break;
            }
            case "search": {
              const got = tree.descend(numberCmp(op.key));
              const e = model.find((x) => x.v === op.key);
              assert.equal(got, e ? e.node : null);
              break;
            }
            case "clear":
              tree.clear();
              for (const e of model) detached.push(e.node);
              model = [];
              break;
          }
          assert.equal(tree.size, model.length);
        }
        const inOrder = [...tree.nodes()];
        assert.deepEqual(
          inOrder.map((n) => n.value),
          model.map((e) => e.v),
        );
        inOrder.forEach((n, i) => {
          assert.equal(n, model[i]?.node);
          assert.ok(tree.holds(n));
        });
        for (const d of detached) if (!model.some((e) => e.node === d)) assert.equal(tree.holds(d), false);
      }),
      { numRuns },
    );
  });
}
