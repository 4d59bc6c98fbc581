/**
 * The backend kit of @ksm-sim/tree/slots on its own: the slot allocator, the
 * value arena, and a SlotTree with the plainest balancing there is (none: an
 * ordinary binary search tree), which must still keep every rule of the
 * interface but balance.
 */
import { describe, expect, it } from "vitest";
import { NO_NODE, TreeError } from "../src/index.js";
import {
  HandleSlotTree,
  IndexedSlotTree,
  MAX_EPOCH,
  MAX_VALUE,
  NodeSlots,
  type NodeStorage,
  type SlotTree,
  ValueArena,
} from "../src/slots/index.js";
import { collectValues, numberCmp } from "../src/testing/index.js";
import { walkInOrder } from "../src/testing/walk.js";

/** An unbalanced BST's hooks: word 2 holds the parent. */
function bstHooks(t: SlotTree<unknown>) {
  const s = () => t.nodeStore.s;
  const setChild = (parent: number, old: number, node: number) => {
    if (parent === NO_NODE) t.rootSlot = node;
    else if (s()[parent << 2] === old) s()[parent << 2] = node;
    else s()[(parent << 2) + 1] = node;
  };
  return {
    parentOf: (n: number) => s()[(n << 2) + 2]!,
    linkAt(n: number, parent: number, left: boolean) {
      const a = s();
      a[n << 2] = NO_NODE;
      a[(n << 2) + 1] = NO_NODE;
      a[(n << 2) + 2] = parent;
      a[(n << 2) + 3] = 0;
      if (parent === NO_NODE) t.rootSlot = n;
      else a[(parent << 2) + (left ? 0 : 1)] = n;
    },
    unlink(n: number) {
      const a = s();
      const l = a[n << 2]!;
      const r = a[(n << 2) + 1]!;
      const p = a[(n << 2) + 2]!;
      if (l === NO_NODE || r === NO_NODE) {
        const child = l === NO_NODE ? r : l;
        setChild(p, n, child);
        if (child !== NO_NODE) a[(child << 2) + 2] = p;
        return;
      }
      // the successor node moves into n's place by its links
      let succ = r;
      while (a[succ << 2] !== NO_NODE) succ = a[succ << 2]!;
      if (succ !== r) {
        const sp = a[(succ << 2) + 2]!;
        const sr = a[(succ << 2) + 1]!;
        a[sp << 2] = sr;
        if (sr !== NO_NODE) a[(sr << 2) + 2] = sp;
        a[(succ << 2) + 1] = r;
        a[(r << 2) + 2] = succ;
      }
      a[succ << 2] = l;
      a[(l << 2) + 2] = succ;
      a[(succ << 2) + 2] = p;
      setChild(p, n, succ);
    },
    replaceNode(victim: number, repl: number) {
      const a = s();
      const p = a[(victim << 2) + 2]!;
      a.copyWithin(repl << 2, victim << 2, (victim << 2) + 4);
      for (const c of [a[victim << 2]!, a[(victim << 2) + 1]!]) if (c !== NO_NODE) a[(c << 2) + 2] = repl;
      setChild(p, victim, repl);
    },
  };
}

class BstTree<T> extends HandleSlotTree<T> {
  readonly backend = "bst";
  private readonly hooks = bstHooks(this as never);
  parentOf(n: number): number {
    return this.hooks.parentOf(n);
  }
  protected linkAt(n: number, parent: number, left: boolean): void {
    this.hooks.linkAt(n, parent, left);
  }
  protected rebalanceAfterLink(): void {}
  protected unlink(n: number): void {
    this.hooks.unlink(n);
  }
}

class IndexBstTree extends IndexedSlotTree {
  readonly backend = "bst";
  private readonly hooks = bstHooks(this as never);
  parentOf(n: number): number {
    return this.hooks.parentOf(n);
  }
  protected linkAt(n: number, parent: number, left: boolean): void {
    this.hooks.linkAt(n, parent, left);
  }
  protected rebalanceAfterLink(): void {}
  protected unlink(n: number): void {
    this.hooks.unlink(n);
  }
  protected replaceNode(victim: number, repl: number): void {
    this.hooks.replaceNode(victim, repl);
  }
}

describe("NodeSlots", () => {
  it("hands out slots in order, reuses released ones, and forgets all at a reset", () => {
    const slots = new NodeSlots();
    expect([slots.take(), slots.take(), slots.take()]).toEqual([0, 1, 2]);
    slots.release(1);
    expect(slots.isTaken(1)).toBe(false);
    expect(slots.take()).toBe(1);
    expect(slots.isTaken(1)).toBe(true);
    slots.reset();
    expect([0, 1, 2].map((n) => slots.isTaken(n))).toEqual([false, false, false]);
    expect(slots.take()).toBe(0);
    expect(slots.isTaken(-1) || slots.isTaken(5)).toBe(false);
  });

  it("grows past its first capacity and keeps what the nodes held", () => {
    const slots = new NodeSlots();
    const first = slots.capacity;
    for (let i = 0; i < first + 10; i++) {
      const n = slots.take(); // before reading slots.s: taking may replace the array
      slots.s[(n << 2) + 3] = i * 7;
    }
    expect(slots.capacity).toBeGreaterThan(first);
    for (let i = 0; i < first + 10; i++) expect(slots.s[(i << 2) + 3]).toBe(i * 7);
    expect(slots.isTaken(first + 9)).toBe(true);
  });
});

describe("epochs that start again", () => {
  it("NodeSlots: after 255 resets a slot of long ago is not taken", () => {
    const slots = new NodeSlots();
    slots.take();
    for (let i = 0; i < 300; i++) {
      slots.reset();
      expect(slots.isTaken(0)).toBe(false);
      if (i % 7 === 0) expect(slots.take()).toBe(0);
    }
  });

  it("ValueArena: a tree's epochs start again only after its old stamps are forgotten", () => {
    const a = new ValueArena(undefined, 8);
    const one = a.serial();
    const two = a.serial();
    const last = MAX_EPOCH;
    a.stamp[1] = ValueArena.stampOf(one, last);
    a.stamp[2] = ValueArena.stampOf(two, last);
    a.stamp[3] = ValueArena.stampOf(one, 5);
    expect(a.nextEpoch(one, 7)).toBe(8); // no wrap: nothing forgotten
    expect(a.stamp[3]).toBe(ValueArena.stampOf(one, 5));
    expect(a.nextEpoch(one, last)).toBe(1);
    expect([a.stamp[1], a.stamp[2], a.stamp[3]]).toEqual([0, ValueArena.stampOf(two, last), 0]);
  });
});

describe("ValueArena", () => {
  it("makes one handle per value, only when asked, and refuses bad values by name", () => {
    const a = new ValueArena(undefined, 4);
    expect(a.handlesMade).toBe(0);
    a.reserve(100);
    expect(a.handlesMade).toBe(0);
    expect(a.handleIfMade(100)).toBeUndefined();
    expect(a.handle(100)).toBe(a.handle(100));
    expect(a.handlesMade).toBe(1);
    expect(a.stamp.length).toBeGreaterThan(100);
    expect(() => a.reserve(-1)).toThrow(`value must be an integer from 0 to ${MAX_VALUE - 1}, got -1`);
    expect(() => a.reserve(0.5)).toThrow("got 0.5");
    expect(() => a.handle(MAX_VALUE)).toThrow(`got ${MAX_VALUE}`);
  });
});

describe("a SlotTree with no balancing", () => {
  it("keeps order, identity, links after its own walk, and clear", () => {
    const t = new BstTree<number>();
    for (const k of [50, 30, 70, 20, 40, 60, 80]) t.searchOrInsert(t.newNode(k), numberCmp(k));
    expect(collectValues(t)).toEqual([20, 30, 40, 50, 60, 70, 80]);
    expect(walkInOrder(t).map((n) => t.valueAt(n))).toEqual([20, 30, 40, 50, 60, 70, 80]);
    const fifty = t.descend(numberCmp(50))!;
    const slot = t.nodeOf(fifty);
    t.setHint(t.nodeOf(t.descend(numberCmp(60))!), 66);
    t.erase(fifty); // two children: 60 moves up by its links, and keeps its slot and hint
    expect(collectValues(t)).toEqual([20, 30, 40, 60, 70, 80]);
    expect(t.hintAt(t.nodeOf(t.descend(numberCmp(60))!))).toBe(66);
    expect(t.nodeOf(fifty)).toBe(NO_NODE);
    // an own walk ends where it fell off; a bogus end is refused
    t.walkEnded(t.nodeOf(t.descend(numberCmp(20))!), true);
    t.link(t.newNode(10));
    expect(collectValues(t)[0]).toBe(10);
    t.walkEnded(t.nodeOf(t.descend(numberCmp(70))!), false); // 70 has a right child already
    expect(() => t.link(t.newNode(75))).toThrow(TreeError);
    t.walkEnded(slot + 100, true); // no such node
    expect(() => t.link(t.newNode(75))).toThrow(/is not an empty child slot/);
    t.clear();
    expect(t.size).toBe(0);
    expect(t.rootNode()).toBe(NO_NODE);
    expect(() => t.erase(t.newNode(1))).toThrow(TreeError);
  });

  it("as an indexed tree, links and erases by value without making handles", () => {
    const a = new IndexBstTree();
    const b = new IndexBstTree(a);
    const key = [5, 3, 8, 1, 4];
    const cmp = (k: number) => (v: number) => k - key[v]!;
    for (let v = 0; v < key.length; v++) {
      expect(a.descend(cmp(key[v]!))).toBeNull();
      expect(a.valueAt(a.linkValue(v))).toBe(v);
    }
    expect(a.arena.handlesMade).toBe(0);
    expect(() => b.linkValue(2)).toThrow(/link of value 2, which is linked in a tree/);
    a.eraseValue(0);
    expect(a.holdsValue(0)).toBe(false);
    expect(walkInOrder(a).map((n) => key[a.valueAt(n)])).toEqual([1, 3, 4, 8]);
    expect(a.arena.handlesMade).toBe(0);
    a.clear();
    expect(b.descend(cmp(8))).toBeNull();
    b.linkValue(2);
    expect(b.holdsValue(2)).toBe(true);
  });

  it("as an indexed tree on its user's storage: value v's node in words 4v..4v+3, which the user may grow", () => {
    const storage: NodeStorage = { s: new Int32Array(4 * 4) };
    const a = new IndexBstTree(undefined, storage);
    const b = new IndexBstTree(a);
    expect(b.nodeStore).toBe(storage);
    expect(() => new IndexBstTree(a, { s: new Int32Array(16) })).toThrow(/shares its group's node storage/);
    const key = [40, 20, 60, 10];
    const cmp = (k: number) => (v: number) => k - key[v]!;
    for (let v = 0; v < 4; v++) {
      expect(a.descend(cmp(key[v]!))).toBeNull();
      a.linkValue(v);
    }
    expect(a.rootNode()).toBe(0);
    expect([storage.s[0], storage.s[1]]).toEqual([1, 2]); // 40's children: 20 and 60, at words 0 and 1
    a.setHint(2, 66);
    expect(storage.s[2 * 4 + 3]).toBe(66);
    key[9] = 30;
    expect(a.descend(cmp(30))).toBeNull();
    expect(() => a.linkValue(9)).toThrow("value 9 has no node in the storage it was given (it holds 4)");
    expect(a.holdsValue(9)).toBe(false);
    const grown = new Int32Array(4 * 16);
    grown.set(storage.s);
    storage.s = grown; // the user grows it between calls
    expect(a.descend(cmp(30))).toBeNull();
    a.linkValue(9);
    expect(walkInOrder(a).map((n) => key[n])).toEqual([10, 20, 30, 40, 60]);
    // replace moves the node to the replacement's words, keeping its place and hint
    key[12] = 60;
    a.replace(a.newNode(2), a.newNode(12));
    expect(a.nodeOf(a.newNode(12))).toBe(12);
    expect(a.hintAt(12)).toBe(66);
    expect(a.holdsValue(2)).toBe(false);
    expect(walkInOrder(a)).toEqual([3, 1, 9, 0, 12]);
    a.eraseValue(0); // the root, two children
    expect(walkInOrder(a).map((n) => key[n])).toEqual([10, 20, 30, 60]);
    expect(b.size).toBe(0);
  });
});
