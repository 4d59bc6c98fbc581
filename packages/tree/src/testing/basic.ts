import assert from "node:assert/strict";
import { TreeError } from "../errors.js";
import { RESTART, type TreeBackend, type TreeNode } from "../types.js";
import { checkOrder, collectValues, numberCmp } from "./helpers.js";
import type { ItFn } from "./index.js";

function assertTreeError(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof TreeError && e.code === code);
}

function fill(backend: TreeBackend, keys: readonly number[]) {
  const tree = backend.create<number>();
  const nodes = new Map<number, TreeNode<number>>();
  for (const k of keys) {
    const n = tree.searchOrInsert(tree.newNode(k), numberCmp(k));
    nodes.set(k, n);
  }
  return { tree, nodes };
}

/** Deterministic pseudo-random permutation of 0..n-1 (xorshift), so failures replay. */
function shuffled(n: number, seed: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  return a;
}

export function basicCases(it: ItFn, backend: TreeBackend): void {
  const p = `${backend.name}:`;

  it(`${p} backend has a name and flags`, () => {
    assert.equal(typeof backend.name, "string");
    assert.ok(backend.name.length > 0);
    assert.ok(["intrusive", "order-labels"].includes(backend.flags.identity));
    const t = backend.create<number>();
    assert.equal(t.backend, backend.name);
    assert.equal(t.size, 0);
    assert.deepEqual(collectValues(t), []);
  });

  it(`${p} keeps nodes in order and counts them`, () => {
    const keys = shuffled(500, 7);
    const { tree } = fill(backend, keys);
    assert.equal(tree.size, 500);
    const values = collectValues(tree);
    checkOrder(values);
    assert.deepEqual(
      values,
      [...keys].sort((a, b) => a - b),
    );
  });

  it(`${p} searchOrInsert returns the existing node on a match and links nothing`, () => {
    const { tree, nodes } = fill(backend, [5, 3, 8, 1, 4]);
    const fresh = tree.newNode(4);
    const got = tree.searchOrInsert(fresh, numberCmp(4));
    assert.equal(got, nodes.get(4));
    assert.equal(tree.size, 5);
    assert.equal(tree.holds(fresh), false);
    assert.equal(tree.holds(got), true);
  });

  it(`${p} descend finds by the callback alone and remembers the leaf for link`, () => {
    const { tree, nodes } = fill(backend, [10, 20, 30, 40, 50]);
    assert.equal(tree.descend(numberCmp(30)), nodes.get(30));
    assert.equal(tree.descend(numberCmp(35)), null);
    const n = tree.newNode(35);
    tree.link(n);
    assert.equal(tree.holds(n), true);
    assert.deepEqual(collectValues(tree), [10, 20, 30, 35, 40, 50]);
  });

  it(`${p} link refuses a stale descent, a matched descent, and a linked node`, () => {
    const { tree, nodes } = fill(backend, [1, 2, 3]);
    assert.equal(tree.descend(numberCmp(9)), null);
    tree.erase(nodes.get(2) as TreeNode<number>);
    assertTreeError(() => tree.link(tree.newNode(9)), "STALE_DESCENT");
    assert.notEqual(tree.descend(numberCmp(3)), null);
    assertTreeError(() => tree.link(tree.newNode(3)), "STALE_DESCENT");
    assert.equal(tree.descend(numberCmp(7)), null);
    assertTreeError(() => tree.link(nodes.get(1) as TreeNode<number>), "ALREADY_LINKED");
    // the refused link left the descent usable
    const seven = tree.newNode(7);
    tree.link(seven);
    assert.deepEqual(collectValues(tree), [1, 3, 7]);
    assertTreeError(() => tree.link(tree.newNode(8)), "STALE_DESCENT");
  });

  it(`${p} erases by identity without calling any comparator`, () => {
    const keys = shuffled(300, 11);
    const { tree, nodes } = fill(backend, keys);
    // Erase half in another shuffled order; no callback exists to be called.
    const victims = shuffled(300, 99).filter((k) => k % 2 === 0);
    for (const k of victims) tree.erase(nodes.get(k) as TreeNode<number>);
    assert.equal(tree.size, 150);
    assert.deepEqual(
      collectValues(tree),
      keys.filter((k) => k % 2 === 1).sort((a, b) => a - b),
    );
    for (const k of victims) assert.equal(tree.holds(nodes.get(k) as TreeNode<number>), false);
  });

  it(`${p} erase refuses a node the tree does not hold`, () => {
    const a = fill(backend, [1, 2, 3]);
    const b = fill(backend, [1, 2, 3]);
    assertTreeError(() => a.tree.erase(b.nodes.get(2) as TreeNode<number>), "NOT_HELD");
    assertTreeError(() => a.tree.erase(a.tree.newNode(4)), "NOT_HELD");
    const two = a.nodes.get(2) as TreeNode<number>;
    a.tree.erase(two);
    assertTreeError(() => a.tree.erase(two), "NOT_HELD");
    assert.deepEqual(collectValues(a.tree), [1, 3]);
    assert.deepEqual(collectValues(b.tree), [1, 2, 3]);
  });

  it(`${p} refuses nodes that are not its own`, () => {
    const tree = backend.create<number>();
    const fake = { value: 1 } as TreeNode<number>;
    assert.throws(() => tree.erase(fake), TreeError);
    assert.equal(tree.descend(numberCmp(1)), null);
    assert.throws(() => tree.link(fake), TreeError);
    assert.equal(tree.size, 0);
  });

  it(`${p} replace puts a detached node in the victim's place`, () => {
    const { tree, nodes } = fill(backend, shuffled(64, 3));
    const victim = nodes.get(20) as TreeNode<number>;
    const repl = tree.newNode(20.5);
    tree.replace(victim, repl);
    assert.equal(tree.holds(victim), false);
    assert.equal(tree.holds(repl), true);
    assert.equal(tree.size, 64);
    const values = collectValues(tree);
    assert.equal(values[20], 20.5);
    assert.equal(tree.descend(numberCmp(20.5)), repl);
    tree.erase(repl);
    assert.equal(tree.size, 63);
    assertTreeError(() => tree.replace(victim, tree.newNode(1)), "NOT_HELD");
    const other = nodes.get(30) as TreeNode<number>;
    assertTreeError(() => tree.replace(other, nodes.get(31) as TreeNode<number>), "ALREADY_LINKED");
    assert.equal(tree.holds(other), true);
  });

  it(`${p} a descent can erase nodes and restart from the root`, () => {
    const { tree, nodes } = fill(backend, shuffled(100, 5));
    const stale = new Set([50, 25, 75, 12, 37, 62, 87]);
    let restarts = 0;
    // Search for 60; every stale node met is erased and the walk restarts (chain_prune).
    const found = tree.descend((v) => {
      if (stale.has(v)) {
        tree.erase(nodes.get(v) as TreeNode<number>);
        stale.delete(v);
        restarts++;
        return RESTART;
      }
      return 60 < v ? -1 : 60 > v ? 1 : 0;
    });
    assert.equal(found, nodes.get(60));
    assert.ok(restarts >= 1, "the root path met at least one stale node");
    checkOrder(collectValues(tree));
    assert.equal(tree.size, 100 - restarts);
    // A restarted descent that ends on a leaf can still link there.
    const restartOnce = { done: false };
    const r = tree.descend((v) => {
      if (!restartOnce.done) {
        restartOnce.done = true;
        return RESTART;
      }
      return 60.5 < v ? -1 : 60.5 > v ? 1 : 0;
    });
    assert.equal(r, null);
    tree.link(tree.newNode(60.5));
    checkOrder(collectValues(tree));
  });

  it(`${p} clear forgets everything at once and nodes can be linked again`, () => {
    const { tree, nodes } = fill(backend, shuffled(200, 13));
    tree.clear();
    assert.equal(tree.size, 0);
    assert.deepEqual(collectValues(tree), []);
    for (const n of nodes.values()) assert.equal(tree.holds(n), false);
    assertTreeError(() => tree.erase(nodes.get(3) as TreeNode<number>), "NOT_HELD");
    // relink the same handles in another order, as the unstable tree does each scan
    for (const k of shuffled(200, 17)) {
      const n = nodes.get(k) as TreeNode<number>;
      assert.equal(tree.searchOrInsert(n, numberCmp(k)), n);
    }
    assert.equal(tree.size, 200);
    checkOrder(collectValues(tree));
  });

  it(`${p} stays balanced: a descent visits at most 2*log2(n+1) nodes`, () => {
    for (const order of ["ascending", "descending", "shuffled"] as const) {
      const n = 4096;
      const keys = Array.from({ length: n }, (_, i) => i);
      if (order === "descending") keys.reverse();
      const { tree } = fill(backend, order === "shuffled" ? shuffled(n, 21) : keys);
      const bound = 2 * Math.log2(n + 1);
      for (const probe of [-1, 0, 1000.5, 2048.5, n]) {
        let visits = 0;
        tree.descend((v) => {
          visits++;
          return probe < v ? -1 : probe > v ? 1 : 0;
        });
        assert.ok(visits <= bound, `${order}: ${visits} visits > ${bound}`);
      }
    }
  });

  it(`${p} trees of one backend are independent`, () => {
    const a = fill(backend, [1, 2, 3]);
    const b = fill(backend, [4, 5, 6]);
    a.tree.erase(a.nodes.get(1) as TreeNode<number>);
    b.tree.clear();
    assert.deepEqual(collectValues(a.tree), [2, 3]);
    assert.equal(b.tree.size, 0);
    const moved = a.nodes.get(1) as TreeNode<number>;
    assert.equal(b.tree.searchOrInsert(moved, numberCmp(1)), moved);
    assert.equal(b.tree.holds(moved), true);
    assert.equal(a.tree.holds(moved), false);
  });
}
