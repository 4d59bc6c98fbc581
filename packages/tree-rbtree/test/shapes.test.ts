/**
 * Tree shapes after small sequences, worked out by hand from lib/rbtree.c.
 * Notation in comments: capitals are black, small letters red, as in the
 * kernel's own comments; B(v, l, r) and R(v, l, r) build the rbShape literals.
 */
import { numberCmp } from "@ksm-sim/tree/testing";
import { describe, expect, it } from "vitest";
import { type RbNode, type RbShape, rbCheck, rbShape, rbtreeBackend } from "../src/index.js";

type S = RbShape<number>;
const B = (v: number, l: S = null, r: S = null): S => ({ v, c: "B", l, r });
const R = (v: number, l: S = null, r: S = null): S => ({ v, c: "R", l, r });

function build(keys: readonly number[]) {
  const tree = rbtreeBackend.create<number>();
  for (const k of keys) tree.searchOrInsert(tree.newNode(k), numberCmp(k));
  rbCheck(tree);
  return tree;
}
function erase(tree: ReturnType<typeof build>, ...keys: number[]) {
  for (const k of keys) tree.erase(tree.descend(numberCmp(k)) as RbNode<number>);
  rbCheck(tree);
  return rbShape(tree);
}

describe("__rb_insert", () => {
  it("1,2,3: case 3, left rotate at the grandparent (the root)", () => {
    // 3 hangs right of red 2, uncle (1's left) is null: 2 takes 1's place and colour, 1 turns red.
    expect(rbShape(build([1, 2, 3]))).toEqual(B(2, R(1), R(3)));
  });
  it("3,2,1: case 3 mirrored, right rotate at the root", () => {
    expect(rbShape(build([3, 2, 1]))).toEqual(B(2, R(1), R(3)));
  });
  it("1,3,2: case 2 (right rotate at parent 3) then case 3 (left rotate at 1)", () => {
    // 2 is the left child of red 3, itself the right child of 1: 2 first moves above 3, then above 1.
    expect(rbShape(build([1, 3, 2]))).toEqual(B(2, R(1), R(3)));
  });
  it("3,1,2: case 2 mirrored (left rotate at 1) then right rotate at 3", () => {
    expect(rbShape(build([3, 1, 2]))).toEqual(B(2, R(1), R(3)));
  });
  it("2,1,3,4: case 1, colour flip with a red uncle, recursing to the root", () => {
    // 4 under red 3, uncle 1 red: 1 and 3 turn black, 2 red; 2 is the root so it turns black again.
    expect(rbShape(build([2, 1, 3, 4]))).toEqual(B(2, B(1), B(3, null, R(4))));
  });
  it("1..6: a case 1 flip stops at a black parent", () => {
    // 5 rotated 4 up above 3 (case 3); 6 under red 5 with red uncle 3: flip, 4 turns red under black 2.
    expect(rbShape(build([1, 2, 3, 4, 5, 6]))).toEqual(B(2, B(1), R(4, B(3), B(5, null, R(6)))));
  });
  it("1..8: a case 1 flip at 7 moves the violation up, case 3 then rotates at the root", () => {
    // 8 under red 7, uncle 5 red: flip, 6 turns red under red 4; 4's uncle 1 is black and 6 is
    // 4's right child: left rotate at 2, whose old right-left child 3 moves under 2.
    expect(rbShape(build([1, 2, 3, 4, 5, 6, 7, 8]))).toEqual(B(4, R(2, B(1), B(3)), R(6, B(5), B(7, null, R(8)))));
  });
});

describe("____rb_erase_color", () => {
  it("case 1 (red sibling, left rotate at parent), then case 2 with a red parent", () => {
    // From B2(B1, r4(B3, B5(, r6))), erasing black leaf 1 leaves 2 short: sibling 4 is red, so
    // left rotate at 2 (4 takes the root, 2 red); new sibling 3 has black children: 3 red, 2 black.
    expect(erase(build([1, 2, 3, 4, 5, 6]), 1)).toEqual(B(4, B(2, null, R(3)), B(5, null, R(6))));
  });
  it("case 1 then case 2, mirrored (erasing from the right)", () => {
    const tree = build([6, 5, 4, 3, 2, 1]);
    expect(rbShape(tree)).toEqual(B(5, R(3, B(2, R(1)), B(4)), B(6)));
    expect(erase(tree, 6)).toEqual(B(3, B(2, R(1)), B(5, R(4))));
  });
  it("case 2 with a black parent recurses to the root", () => {
    // Erasing red leaf 4 needs no rebalance; then erasing 1 makes sibling 3 red and recurses at 2,
    // which is the root: done.
    expect(erase(build([2, 1, 3, 4]), 4, 1)).toEqual(B(2, null, R(3)));
  });
  it("case 3 (right rotate at sibling) then case 4", () => {
    // B2(B1, B4(r3)): erase 1; sibling 4 has only a red left child 3, so 3 rotates above 4,
    // then left rotate at 2 makes 3 the root with 2's colour, 2 and 4 black.
    const tree = build([2, 1, 4, 3]);
    expect(rbShape(tree)).toEqual(B(2, B(1), B(4, R(3))));
    expect(erase(tree, 1)).toEqual(B(3, B(2), B(4)));
  });
  it("case 3 then case 4, mirrored", () => {
    const tree = build([3, 4, 1, 2]);
    expect(rbShape(tree)).toEqual(B(3, B(1, null, R(2)), B(4)));
    expect(erase(tree, 4)).toEqual(B(2, B(1), B(3)));
  });
  it("case 4 alone (sibling's far child red)", () => {
    // B2(B1, B3(, r4)): erase 1; left rotate at 2, 3 takes 2's colour, 2 and 4 black.
    expect(erase(build([2, 1, 3, 4]), 1)).toEqual(B(3, B(2), B(4)));
  });
});

describe("__rb_erase_augmented", () => {
  it("one child (the left one) takes the erased node's place and colour", () => {
    const tree = build([2, 3, 1, 0]);
    expect(rbShape(tree)).toEqual(B(2, B(1, R(0)), B(3)));
    expect(erase(tree, 1)).toEqual(B(2, B(0), B(3)));
  });
  it("two children, successor is the right child, which has a child", () => {
    // Case 2: 3 takes 2's place and colour; its red child 4 turns black; no rebalance.
    expect(erase(build([2, 1, 3, 4]), 2)).toEqual(B(3, B(1), B(4)));
  });
  it("two children, successor is the red right child without a child", () => {
    // Case 2: 3 takes 2's place and black colour; a red node left its position: no rebalance.
    expect(erase(build([2, 1, 3]), 2)).toEqual(B(3, R(1)));
  });
  it("two children, successor is the black right child without a child: rebalance at it", () => {
    // After erasing 4: B2(B1, B3). 3 replaces 2, its right side is short: case 2 at 3 turns 1 red.
    expect(erase(build([2, 1, 3, 4]), 4, 2)).toEqual(B(3, R(1)));
  });
  it("two children, successor deeper, without a child: rebalance at its old parent", () => {
    // Case 3: in B2(B1, r4(B3, B5(, r6))) successor 3 moves to the root; 4 lost black 3 on the
    // left, sibling 5 has far child r6: case 4 left rotates at 4, 5 red (4's colour), 4 and 6 black.
    expect(erase(build([1, 2, 3, 4, 5, 6]), 2)).toEqual(B(3, B(1), R(5, B(4), B(6))));
  });
  it("two children, successor deeper, with a red child that turns black", () => {
    // B2(B1, r5(B3(, r4), B6)): successor 3 moves to the root, its child 4 takes its place under 5, black.
    const tree = build([2, 1, 5, 6, 3, 4]);
    expect(rbShape(tree)).toEqual(B(2, B(1), R(5, B(3, null, R(4)), B(6))));
    expect(erase(tree, 2)).toEqual(B(3, B(1), R(5, B(4), B(6))));
  });
});

describe("rb_replace_node", () => {
  it("the replacement takes the victim's position and colour, nothing rotates", () => {
    const tree = build([1, 2, 3, 4, 5, 6, 7, 8]);
    tree.replace(tree.descend(numberCmp(6)) as RbNode<number>, tree.newNode(6.5));
    rbCheck(tree);
    expect(rbShape(tree)).toEqual(B(4, R(2, B(1), B(3)), R(6.5, B(5), B(7, null, R(8)))));
  });
});
