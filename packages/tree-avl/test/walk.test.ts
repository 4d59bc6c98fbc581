/** The walk's handles are slots; a link after the caller's own walk needs an empty child slot of this tree. */
import { NO_NODE, TreeError } from "@ksm-sim/tree";
import { numberCmp, walkInOrder } from "@ksm-sim/tree/testing";
import { describe, expect, it } from "vitest";
import { type AvlTree, avlBackend, avlCheck, avlShape } from "../src/index.js";

function build(keys: readonly number[]) {
  const tree = avlBackend.create<number>() as AvlTree<number>;
  for (const k of keys) tree.searchOrInsert(tree.newNode(k), numberCmp(k));
  return tree;
}

const stale = (fn: () => unknown, message: string) => expect(fn).toThrow(new TreeError("STALE_DESCENT", message));

describe("walkEnded", () => {
  it("refuses a position that is not an empty child slot, and the tree stays as it was", () => {
    const tree = build([2, 1, 3, 4]); // 2(1, 3(, 4)) in slots 0, 1, 2, 3
    tree.walkEnded(NO_NODE, false); // the root slot of a tree that has a root
    stale(() => tree.link(tree.newNode(9)), "avl: walkEnded(-1, false) is not an empty child slot of this tree");
    tree.walkEnded(2, false); // 3's right child is 4
    stale(() => tree.link(tree.newNode(9)), "avl: walkEnded(2, false) is not an empty child slot of this tree");
    tree.walkEnded(7, true); // no such slot
    stale(() => tree.link(tree.newNode(9)), "avl: walkEnded(7, true) is not an empty child slot of this tree");
    tree.erase(tree.descend(numberCmp(4))!); // frees slot 3
    tree.walkEnded(3, true); // a freed slot
    stale(() => tree.link(tree.newNode(3.5)), "avl: walkEnded(3, true) is not an empty child slot of this tree");
    const leaf = (v: number) => ({ v, h: 1, l: null, r: null });
    expect(avlShape(tree)).toEqual({ v: 2, h: 2, l: leaf(1), r: leaf(3) });
    tree.walkEnded(2, false); // 3's right: a real leaf
    tree.link(tree.newNode(5));
    avlCheck(tree, (a, b) => a - b);
    expect(walkInOrder(tree.walk).map((n) => tree.valueAt(n))).toEqual([1, 2, 3, 5]);
  });

  it("a node's handle is its slot, kept through the rotations of later links and erases", () => {
    const tree = build([1, 2, 3, 4, 5, 6, 7]); // every link after the second rotates
    const slots = [1, 2, 3, 4, 5, 6, 7].map((k) => tree.nodeOf(tree.descend(numberCmp(k))!));
    expect(slots).toEqual([0, 1, 2, 3, 4, 5, 6]);
    tree.erase(tree.descend(numberCmp(4))!); // the root, with two children
    expect([1, 2, 3, 5, 6, 7].map((k) => tree.nodeOf(tree.descend(numberCmp(k))!))).toEqual([0, 1, 2, 4, 5, 6]);
  });
});
