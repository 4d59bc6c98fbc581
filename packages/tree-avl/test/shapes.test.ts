/**
 * Tree shapes after small sequences, worked out by hand. N(v, h, l, r)
 * builds the avlShape literal of a node with value v and stored height h;
 * in comments, v(l, r) is a node with its subtrees and "bf" a balance
 * factor (right height minus left height).
 */
import { numberCmp } from "@ksm-sim/tree/testing";
import { describe, expect, it } from "vitest";
import { type AvlNode, type AvlShape, type AvlTree, avlBackend, avlCheck, avlShape } from "../src/index.js";

type S = AvlShape<number>;
const N = (v: number, h: number, l: S = null, r: S = null): S => ({ v, h, l, r });
const L = (v: number): S => N(v, 1);

function build(keys: readonly number[]) {
  const tree = avlBackend.create<number>() as AvlTree<number>;
  for (const k of keys) tree.searchOrInsert(tree.newNode(k), numberCmp(k));
  avlCheck(tree, (a, b) => a - b);
  return tree;
}
function node(tree: AvlTree<number>, k: number): AvlNode<number> {
  return tree.descend(numberCmp(k)) as AvlNode<number>;
}
function erase(tree: AvlTree<number>, ...keys: number[]) {
  for (const k of keys) tree.erase(node(tree, k));
  avlCheck(tree, (a, b) => a - b);
  return avlShape(tree);
}

describe("insert: the four rotation cases", () => {
  it("3,2,1: left-left, a right rotation at the root", () => {
    expect(avlShape(build([3, 2, 1]))).toEqual(N(2, 2, L(1), L(3)));
  });
  it("1,2,3: right-right, a left rotation at the root", () => {
    expect(avlShape(build([1, 2, 3]))).toEqual(N(2, 2, L(1), L(3)));
  });
  it("3,1,2: left-right, a left rotation at 1 then a right rotation at 3", () => {
    expect(avlShape(build([3, 1, 2]))).toEqual(N(2, 2, L(1), L(3)));
  });
  it("1,3,2: right-left, a right rotation at 3 then a left rotation at 1", () => {
    expect(avlShape(build([1, 3, 2]))).toEqual(N(2, 2, L(1), L(3)));
  });
  it("left-left with subtrees: 4 moves from 3's right to 5's left", () => {
    // 5(3(2, 4), 8) + 1 under 2: 5 has bf -2 and 3 leans left: 3 rises, 5 takes 3's right subtree 4.
    const tree = build([5, 3, 8, 2, 4]);
    expect(avlShape(tree)).toEqual(N(5, 3, N(3, 2, L(2), L(4)), L(8)));
    tree.searchOrInsert(tree.newNode(1), numberCmp(1));
    avlCheck(tree, (a, b) => a - b);
    expect(avlShape(tree)).toEqual(N(3, 3, N(2, 2, L(1)), N(5, 2, L(4), L(8))));
  });
  it("left-right with subtrees: 3 rises two levels", () => {
    // 5(2(1, 3), 8) + 4 under 3: 5 has bf -2 and 2 leans right: left rotation at 2, right rotation at 5.
    expect(avlShape(build([5, 2, 8, 1, 3, 4]))).toEqual(N(3, 3, N(2, 2, L(1)), N(5, 2, L(4), L(8))));
  });
  it("right-left with subtrees: 4 rises two levels", () => {
    // 2(1, 5(4, 6)) + 3 under 4: 2 has bf +2 and 5 leans left: right rotation at 5, left rotation at 2.
    expect(avlShape(build([2, 1, 5, 4, 6, 3]))).toEqual(N(4, 3, N(2, 2, L(1), L(3)), N(5, 2, null, L(6))));
  });
  it("right-right with subtrees: 3 moves from 4's left to 2's right", () => {
    expect(avlShape(build([2, 1, 4, 3, 5, 6]))).toEqual(N(4, 3, N(2, 2, L(1), L(3)), N(5, 2, null, L(6))));
  });
  it("a rotation below the root restores its subtree's height and the retrace stops there", () => {
    // 4(2(1, 3), 6(5, 7(, 8))) + 9 under 8: 7 has bf +2, rotates left; 6 and 4 keep their heights.
    expect(avlShape(build([4, 2, 6, 1, 3, 5, 7, 8, 9]))).toEqual(
      N(4, 4, N(2, 2, L(1), L(3)), N(6, 3, L(5), N(8, 2, L(7), L(9)))),
    );
  });
  it("without a rotation, heights grow up to the root", () => {
    expect(avlShape(build([2, 1, 3, 4]))).toEqual(N(2, 3, L(1), N(3, 2, null, L(4))));
  });
});

describe("erase", () => {
  it("a leaf, no rotation: the parent gets shorter only if it had no other child", () => {
    expect(erase(build([2, 1, 3]), 1)).toEqual(N(2, 2, null, L(3)));
    expect(erase(build([2, 1, 3, 4]), 4)).toEqual(N(2, 2, L(1), L(3)));
  });
  it("a leaf, then a single rotation (sibling leaning away)", () => {
    // 2(1, 3(, 4)) - 1: 2 has bf +2, 3 leans right: left rotation at 2.
    expect(erase(build([2, 1, 3, 4]), 1)).toEqual(N(3, 2, L(2), L(4)));
  });
  it("a leaf, then a single rotation with a balanced sibling (only erase makes that case): the height stays", () => {
    // 2(1, 4(3, 5)) - 1: 2 has bf +2, 4 has bf 0: left rotation at 2, 3 moves under 2, height still 3.
    expect(erase(build([2, 1, 4, 3, 5]), 1)).toEqual(N(4, 3, N(2, 2, null, L(3)), L(5)));
  });
  it("a leaf, then a double rotation (sibling leaning towards it)", () => {
    // 2(1, 4(3)) - 1: 2 has bf +2, 4 leans left: right rotation at 4, left rotation at 2.
    expect(erase(build([2, 1, 4, 3]), 1)).toEqual(N(3, 2, L(2), L(4)));
  });
  it("the mirrored cases, erasing from the right", () => {
    expect(erase(build([3, 2, 4, 1]), 4)).toEqual(N(2, 2, L(1), L(3)));
    expect(erase(build([3, 1, 4, 2]), 4)).toEqual(N(2, 2, L(1), L(3)));
    expect(erase(build([4, 2, 5, 1, 3]), 5)).toEqual(N(2, 3, L(1), N(4, 2, L(3))));
  });
  it("a node with one child: the child takes its place", () => {
    expect(erase(build([2, 1, 3, 4]), 3)).toEqual(N(2, 2, L(1), L(4)));
    expect(erase(build([3, 2, 4, 1]), 2)).toEqual(N(3, 2, L(1), L(4)));
  });
  it("two children, the successor is the right child: it moves up with its own right subtree", () => {
    // 2(1, 3(, 4)) - 2: 3 takes 2's place and left subtree 1; 3's height becomes 2.
    const tree = build([2, 1, 3, 4]);
    const three = node(tree, 3);
    const slot = tree.nodeOf(three);
    tree.setHint(slot, 33);
    expect(erase(tree, 2)).toEqual(N(3, 2, L(1), L(4)));
    expect(tree.nodeOf(three)).toBe(slot); // moved by its links, not copied into 2's slot
    expect(tree.hintAt(slot)).toBe(33);
    expect(tree.rootNode()).toBe(slot);
  });
  it("two children, the successor is a deeper leaf: it moves up and its old parent gets shorter", () => {
    // 4(2(1, 3), 6(5, 7)) - 4: successor 5 is 6's left leaf; 6 keeps only 7.
    const tree = build([4, 2, 6, 1, 3, 5, 7]);
    const five = node(tree, 5);
    const slot = tree.nodeOf(five);
    expect(erase(tree, 4)).toEqual(N(5, 3, N(2, 2, L(1), L(3)), N(6, 2, null, L(7))));
    expect(tree.nodeOf(five)).toBe(slot);
  });
  it("two children, the successor is deeper and has a right child, which takes its place", () => {
    // 4(2(1, 3), 7(5(, 6), 8)) - 4: successor 5 moves to the root, 6 to 7's left; the root gets shorter.
    const tree = build([4, 2, 7, 1, 3, 5, 8, 6]);
    expect(avlShape(tree)).toEqual(N(4, 4, N(2, 2, L(1), L(3)), N(7, 3, N(5, 2, null, L(6)), L(8))));
    expect(erase(tree, 4)).toEqual(N(5, 3, N(2, 2, L(1), L(3)), N(7, 2, L(6), L(8))));
  });
  it("two children, then a rotation at the successor's old parent", () => {
    // 3(2(1), 5(4, 6(, 7))) - 3: successor 4 moves up; 5 is left with 6(, 7): bf +2, left rotation at 5.
    const tree = build([3, 2, 5, 1, 4, 6, 7]);
    expect(avlShape(tree)).toEqual(N(3, 4, N(2, 2, L(1)), N(5, 3, L(4), N(6, 2, null, L(7)))));
    expect(erase(tree, 3)).toEqual(N(4, 3, N(2, 2, L(1)), N(6, 2, L(5), L(7))));
  });
  it("one erase, two rotations: the first shortens a subtree, which unbalances the root", () => {
    // 5(2(1, 3(, 4)), 9(7(6, 8), 11(10, 12(, 13)))) - 1: left rotation at 2 makes 3(2, 4) of height 2,
    // so 5 has bf +2 with 9 leaning right: left rotation at 5, and 9 is the root.
    const tree = build([5, 2, 9, 1, 3, 7, 11, 4, 6, 8, 10, 12, 13]);
    expect(avlShape(tree)).toEqual(
      N(5, 5, N(2, 3, L(1), N(3, 2, null, L(4))), N(9, 4, N(7, 2, L(6), L(8)), N(11, 3, L(10), N(12, 2, null, L(13))))),
    );
    expect(erase(tree, 1)).toEqual(
      N(9, 4, N(5, 3, N(3, 2, L(2), L(4)), N(7, 2, L(6), L(8))), N(11, 3, L(10), N(12, 2, null, L(13)))),
    );
  });
  it("the last node: the tree is empty and its slots free", () => {
    const tree = build([1]);
    expect(erase(tree, 1)).toBeNull();
    expect(tree.rootNode()).toBe(-1);
    tree.searchOrInsert(tree.newNode(2), numberCmp(2));
    expect(tree.rootNode()).toBe(0); // the freed slot is reused
  });
});

describe("replace", () => {
  it("the replacement takes the victim's slot, height and hint; nothing rotates", () => {
    const tree = build([4, 2, 6, 1, 3, 5, 7, 8]);
    const before = avlShape(tree);
    const victim = node(tree, 6);
    const slot = tree.nodeOf(victim);
    tree.setHint(slot, -6);
    const repl = tree.newNode(6.5);
    tree.replace(victim, repl);
    avlCheck(tree, (a, b) => a - b);
    expect(tree.nodeOf(repl)).toBe(slot);
    expect(tree.hintAt(slot)).toBe(-6);
    expect(avlShape(tree)).toEqual(JSON.parse(JSON.stringify(before).replace('"v":6,', '"v":6.5,')));
  });
});
