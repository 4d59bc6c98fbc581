/**
 * IndexRbTree (values and membership by value in an arena) builds exactly
 * the shapes RbTree (one handle object per value) builds on the same
 * lib/rbtree.c port: the same random operations on both, through handles
 * or by value, give equal rbShape after every step, and rbCheck holds.
 */
import { TreeError } from "@ksm-sim/tree";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IndexRbTree, type RbNode, RbTree, rbCheck, rbShape, rbtreeBackend } from "../src/index.js";
import { opArb } from "./ops.js";

describe("IndexRbTree", () => {
  it("has RbTree's shape after every operation of random sequences (slots past the first arena size included)", () => {
    fc.assert(
      fc.property(
        fc.array(opArb(400), { maxLength: 250, size: "max" }),
        fc.integer({ min: 0, max: 3000 }),
        (ops, base) => {
          const obj = new RbTree<number>();
          const ix = rbtreeBackend.createIndexed!() as IndexRbTree;
          const key: number[] = []; // by slot
          const objNode: RbNode<number>[] = [];
          let linked: number[] = [];
          let nextSlot = base;
          const cmp = (k: number) => (slot: number) => k - key[slot]!;
          for (const op of ops) {
            if (op.kind === "insert") {
              const slot = nextSlot++;
              key[slot] = op.key;
              objNode[slot] = obj.newNode(slot);
              const a = obj.searchOrInsert(objNode[slot]!, cmp(op.key));
              let b: number;
              if (op.key % 2 === 0) b = ix.searchOrInsert(ix.newNode(slot), cmp(op.key)).value;
              else {
                // by value: descend, then linkValue where it ended
                b = ix.descend(cmp(op.key))?.value ?? slot;
                if (b === slot) expect(ix.nodeOf(ix.newNode(slot))).toBe(-1);
                if (b === slot) expect(ix.walk.valueAt(ix.linkValue(slot))).toBe(slot);
              }
              expect(b).toBe(a.value);
              if (a.value === slot) linked.push(slot);
            } else if (op.kind === "erase" && linked.length > 0) {
              const [victim] = linked.splice(op.pick % linked.length, 1) as [number];
              obj.erase(objNode[victim]!);
              if (op.pick % 2 === 0) ix.erase(ix.newNode(victim));
              else ix.eraseValue(victim);
              expect(ix.holdsValue(victim)).toBe(false);
            } else if (op.kind === "replace" && linked.length > 0) {
              const i = op.pick % linked.length;
              const victim = linked[i]!;
              const slot = nextSlot++;
              key[slot] = key[victim]!;
              objNode[slot] = obj.newNode(slot);
              obj.replace(objNode[victim]!, objNode[slot]!);
              ix.replace(ix.newNode(victim), ix.newNode(slot));
              linked[i] = slot;
            } else if (op.kind === "clear") {
              obj.clear();
              ix.clear();
              linked = [];
            }
            expect(rbShape(ix)).toEqual(rbShape(obj));
            rbCheck(ix, (a, b) => key[a]! - key[b]!);
            expect(ix.size).toBe(linked.length);
            for (const s of linked) expect(ix.holdsValue(s)).toBe(true);
          }
          expect([...ix.nodes()].map((n) => n.value)).toEqual([...obj.nodes()].map((n) => n.value));
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it("shares slots and handles within a group, and a node is in one tree at a time", () => {
    const a = new IndexRbTree();
    const b = rbtreeBackend.createIndexed!(a) as IndexRbTree;
    expect(b.arena).toBe(a.arena);
    expect(b.newNode(7)).toBe(a.newNode(7));
    a.searchOrInsert(a.newNode(7), () => 1);
    expect(a.holds(b.newNode(7))).toBe(true);
    expect(b.holds(a.newNode(7))).toBe(false);
    expect(b.descend(() => 1)).toBeNull();
    expect(() => b.link(a.newNode(7))).toThrow(TreeError);
    a.clear(); // detaches 7 without visiting it
    expect(b.descend(() => 1)).toBeNull();
    b.link(a.newNode(7));
    expect(b.holds(a.newNode(7))).toBe(true);
    expect(a.holds(a.newNode(7))).toBe(false);
    expect(() => a.erase(a.newNode(7))).toThrow(/does not hold/);
  });

  it("refuses what the object tree refuses, and bad slot values by name", () => {
    const t = new IndexRbTree();
    expect(() => t.link(t.newNode(1))).toThrow(/STALE|descent/);
    t.searchOrInsert(t.newNode(1), () => 0);
    expect(t.descend(() => 0)?.value).toBe(1);
    expect(() => t.link(t.newNode(2))).toThrow(/descent/);
    expect(() => t.link({ value: 3 })).toThrow(/not a handle of this tree's group/);
    expect(() => t.newNode(-1)).toThrow(/value must be an integer from 0 to \d+, got -1/);
    expect(() => t.newNode(1.5)).toThrow(/got 1.5/);
    expect(() => t.replace(t.newNode(5), t.newNode(6))).toThrow(/does not hold/);
    expect(() => t.replace(t.newNode(1), t.newNode(1))).toThrow(/already linked|is linked/);
  });
});
