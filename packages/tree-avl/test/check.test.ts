/** avlCheck finds what breaks an AVL tree, and avlShape refuses what is not one. */
import { numberCmp, plainBackend } from "@ksm-sim/tree/testing";
import { describe, expect, it } from "vitest";
import { type AvlTree, avlBackend, avlCheck, avlShape } from "../src/index.js";

const byValue = (a: number, b: number) => a - b;

/** 2(1, 3(, 4)): slots 0..3 hold 2, 1, 3, 4. */
function small(): AvlTree<number> {
  const tree = avlBackend.create<number>() as AvlTree<number>;
  for (const k of [2, 1, 3, 4]) tree.searchOrInsert(tree.newNode(k), numberCmp(k));
  return tree;
}

describe("avlCheck", () => {
  it("measures a valid tree", () => {
    expect(avlCheck(small(), byValue)).toEqual({ height: 3, nodes: 4 });
    expect(avlCheck(avlBackend.create<number>())).toEqual({ height: 0, nodes: 0 });
  });

  it("reports a wrong stored height", () => {
    const tree = small();
    tree.store.h[2] = 3; // node 3 has height 2
    expect(() => avlCheck(tree)).toThrow("avlCheck: node 3 at root.r stores height 3, its subtree has height 2");
  });

  it("reports a balance factor of 2", () => {
    const tree = small();
    // hang 1 under 4 by hand: 2(, 3(, 4(1))) with consistent heights, but out of balance at 2
    const s = tree.slots.s;
    s[0] = -1; // 2.left = none
    s[3 * 4] = 1; // 4.left = slot 1 (value 1)
    s[1 * 4 + 2] = 3; // 1.parent = slot 3
    tree.store.h[3] = 2;
    tree.store.h[2] = 3;
    tree.store.h[0] = 4;
    expect(() => avlCheck(tree)).toThrow("avlCheck: node 3 at root.r has balance factor 2 (left 0, right 2)");
    expect(() => avlCheck(tree, byValue)).toThrow("avlCheck: node 1 at root.r.r.l is not after 3");
  });

  it("reports a parent pointer that does not point back, and a root with a parent", () => {
    const tree = small();
    tree.slots.s[3 * 4 + 2] = 0; // 4.parent = 2 instead of 3
    expect(() => avlCheck(tree)).toThrow("avlCheck: right child of 3 at root.r does not point back at it");
    const other = small();
    other.slots.s[2] = 1;
    expect(() => avlCheck(other)).toThrow("avlCheck: root 2 has a parent (1)");
  });

  it("reports values out of order, a cycle (avlShape, which has no parents to check), and a size that does not count the nodes", () => {
    expect(() => avlCheck(small(), (a, b) => b - a)).toThrow("avlCheck: node 2 at root is not after 1");
    const cyclic = small();
    cyclic.slots.s[3 * 4 + 1] = 0; // 4.right = the root
    expect(() => avlCheck(cyclic)).toThrow("avlCheck: right child of 4 at root.r.r does not point back at it");
    expect(() => avlShape(cyclic)).toThrow(/avlShape: more nodes reachable than size 4/);
    const lost = small();
    lost.slots.s[2 * 4 + 1] = -1; // 3.right = none: 4 is lost
    lost.store.h[2] = 1;
    lost.store.h[0] = 2;
    expect(() => avlCheck(lost)).toThrow("avlCheck: size is 4 but 3 nodes are linked");
  });

  it("reports a node linked where the tree does not hold it", () => {
    const tree = small();
    const n = tree.handleAt(2);
    n.owner = null; // as if erased without unlinking
    expect(() => avlCheck(tree)).toThrow("avlCheck: node 3 at root.r is linked but not held by the tree there");
  });

  it("refuses a tree of another backend by name", () => {
    const plain = plainBackend(avlBackend).create<number>();
    expect(() => avlCheck(plain)).toThrow("not a tree of the avl backend: avl");
    expect(() => avlShape({ backend: "rbtree" } as never)).toThrow("not a tree of the avl backend: rbtree");
  });
});
