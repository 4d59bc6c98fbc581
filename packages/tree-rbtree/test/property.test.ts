/** Random insert/erase/replace/clear sequences keep every red-black invariant after every operation. */
import { numberCmp } from "@ksm-sim/tree/testing";
import fc from "fast-check";
import { expect, it } from "vitest";
import { NIL, RB_BLACK, RB_RED, type RbNode, type RbTree, rbCheck, rbtreeBackend } from "../src/index.js";
import { rbSetParentColor } from "../src/node.js";
import { opArb } from "./ops.js";

const byValue = (a: number, b: number) => a - b;

it("rbCheck holds after every operation of random sequences", () => {
  fc.assert(
    fc.property(fc.array(opArb(300), { maxLength: 300, size: "max" }), (ops) => {
      const tree = rbtreeBackend.create<number>();
      let linked: RbNode<number>[] = [];
      const spare: RbNode<number>[] = []; // erased or cleared nodes, linked again later
      for (const op of ops) {
        if (op.kind === "insert") {
          const node = (spare.pop() as RbNode<number> | undefined) ?? (tree.newNode(op.key) as RbNode<number>);
          const fresh = node.value === op.key ? node : (tree.newNode(op.key) as RbNode<number>);
          if (tree.searchOrInsert(fresh, numberCmp(op.key)) === fresh) linked.push(fresh);
        } else if (op.kind === "erase" && linked.length > 0) {
          const [victim] = linked.splice(op.pick % linked.length, 1) as [RbNode<number>];
          tree.erase(victim);
          spare.push(victim);
        } else if (op.kind === "replace" && linked.length > 0) {
          const i = op.pick % linked.length;
          const victim = linked[i] as RbNode<number>;
          const repl = tree.newNode(victim.value) as RbNode<number>;
          tree.replace(victim, repl);
          linked[i] = repl;
        } else if (op.kind === "clear") {
          tree.clear();
          spare.push(...linked);
          linked = [];
        }
        rbCheck(tree, byValue);
        expect(tree.size).toBe(linked.length);
      }
    }),
    { numRuns: 300 },
  );
});

it("rbCheck reports a broken tree", () => {
  const tree = rbtreeBackend.create<number>() as RbTree<number>;
  for (const k of [1, 2, 3]) tree.searchOrInsert(tree.newNode(k), numberCmp(k));
  const s = tree.slots.s;
  const root = tree.rootNode();
  const left = tree.leftOf(root);
  const right = tree.rightOf(root);
  rbSetParentColor(s, root, NIL, RB_RED);
  expect(() => rbCheck(tree)).toThrow(/root 2 is red/);
  rbSetParentColor(s, root, NIL, RB_BLACK);
  rbSetParentColor(s, left, root, RB_BLACK);
  expect(() => rbCheck(tree)).toThrow(/black heights differ under 2/);
  rbSetParentColor(s, left, root, RB_RED);
  rbSetParentColor(s, right, NIL, RB_RED);
  expect(() => rbCheck(tree)).toThrow(/right child of 2 .* does not point back/);
  rbSetParentColor(s, right, root, RB_RED);
  expect(rbCheck(tree, byValue)).toEqual({ blackHeight: 1, height: 2 });
  expect(() => rbCheck(tree, (a, b) => b - a)).toThrow(/not after/);
});
