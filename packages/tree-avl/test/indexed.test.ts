/**
 * IndexAvlTree: by-value operations make no objects, values grow the
 * group's arrays, handles belong to one group, and bad input is refused
 * with a message naming the value.
 */
import { NO_NODE, TreeError } from "@ksm-sim/tree";
import { describe, expect, it } from "vitest";
import { avlBackend, avlCheck, IndexAvlTree } from "../src/index.js";

describe("IndexAvlTree", () => {
  it("links, tests and erases by value without making a handle", () => {
    const t = avlBackend.createIndexed!() as IndexAvlTree;
    const key: number[] = [];
    const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 100_003); // scattered, past the first arena size
    values.forEach((v, i) => {
      key[v] = (i * 31) % 500;
    });
    // the caller's own descent for each value (no handle involved), then linkValue where it ended
    const linked: number[] = [];
    for (const v of values) {
      const w = t.walk;
      let parent = NO_NODE;
      let left = false;
      for (let n = w.rootNode(); n !== NO_NODE; n = left ? w.leftOf(n) : w.rightOf(n)) {
        parent = n;
        left = key[v]! < key[w.valueAt(n)]!;
      }
      w.walkEnded(parent, left);
      expect(w.valueAt(t.linkValue(v))).toBe(v);
      linked.push(v);
      expect(t.holdsValue(v)).toBe(true);
    }
    for (const v of linked.slice(0, 250)) t.eraseValue(v);
    expect(t.size).toBe(250);
    expect(linked.filter((v) => t.holdsValue(v))).toEqual(linked.slice(250));
    expect(t.arena.handlesMade).toBe(0);
    avlCheck(t, (a, b) => key[a]! - key[b]!); // avlCheck itself makes handles to check membership
    expect(t.arena.handlesMade).toBe(250);
  });

  it("keeps value v's node at node v, in the storage offered (which the user may grow), heights beside", () => {
    const t = avlBackend.createIndexed!() as IndexAvlTree;
    const nodes = [900, 30, 4000, 7].map((v) => {
      t.descend((x) => v - x);
      return t.linkValue(v);
    });
    expect(nodes).toEqual([900, 30, 4000, 7]);
    const storage = { s: new Int32Array(4 * 8) };
    const u = avlBackend.createIndexed!(undefined, storage) as IndexAvlTree;
    for (const v of [3, 1, 5]) {
      u.descend((x) => v - x);
      u.linkValue(v);
    }
    expect(u.rootNode()).toBe(3);
    expect([storage.s[12], storage.s[13], storage.s[14]]).toEqual([1, 5, -1]); // 3: left 1, right 5, no parent
    expect(u.heightOf(3)).toBe(2);
    u.descend((x) => 9 - x);
    expect(() => u.linkValue(9)).toThrow("value 9 has no node in the storage it was given (it holds 8)");
    const grown = new Int32Array(4 * 32);
    grown.set(storage.s);
    storage.s = grown;
    for (const v of [9, 20, 25]) {
      u.descend((x) => v - x);
      u.linkValue(v);
    }
    u.eraseValue(3);
    avlCheck(u, (a, b) => a - b);
    expect([...u.nodes()].map((n) => n.value)).toEqual([1, 5, 9, 20, 25]);
  });

  it("a handle belongs to its group: a tree does not hold another group's handle of the same value", () => {
    const a = avlBackend.createIndexed!();
    const other = avlBackend.createIndexed!();
    a.descend(() => 1);
    a.linkValue(5);
    expect(a.holds(a.newNode(5))).toBe(true);
    expect(a.holds(other.newNode(5))).toBe(false);
    expect(a.walk!.nodeOf(other.newNode(5))).toBe(NO_NODE);
    expect(() => a.erase(other.newNode(5))).toThrow(
      new TreeError("FOREIGN_NODE", "avl: erase of a node that is not a handle of this tree's group"),
    );
    expect(a.holdsValue(5)).toBe(true);
  });

  it("refuses bad values and misuse with a message naming the value", () => {
    const t = avlBackend.createIndexed!();
    expect(() => t.newNode(-1)).toThrow("indexed tree: value must be an integer from 0 to 1073741823, got -1");
    expect(() => t.newNode(2 ** 30)).toThrow("got 1073741824");
    expect(() => t.linkValue(1.5)).toThrow("got 1.5");
    expect(() => t.linkValue(Number.NaN)).toThrow("got NaN");
    t.descend(() => 1);
    t.linkValue(3);
    t.descend(() => 1);
    expect(() => t.linkValue(3)).toThrow("avl: link of value 3, which is linked in a tree");
    expect(() => t.eraseValue(4)).toThrow("avl: erase of value 4, which this tree does not hold");
    expect(() => t.replace(t.newNode(4), t.newNode(5))).toThrow(
      "avl: replace of value 4, which this tree does not hold",
    );
    expect(() => t.replace(t.newNode(3), t.newNode(3))).toThrow("avl: replacement 3 is linked in a tree");
    expect(t.size).toBe(1);
  });

  it("createIndexed refuses a group that is not an indexed avl tree, by name", () => {
    expect(() => avlBackend.createIndexed!(avlBackend.create<number>() as never)).toThrow(
      "avl: createIndexed's group must be a tree avlBackend.createIndexed made, got AvlTree",
    );
    expect(() => avlBackend.createIndexed!({ backend: "rbtree" } as never)).toThrow("got Object");
    const a = avlBackend.createIndexed!() as IndexAvlTree;
    expect((avlBackend.createIndexed!(a) as IndexAvlTree).arena).toBe(a.arena);
    expect(new IndexAvlTree(a).newNode(9)).toBe(a.newNode(9));
  });
});
