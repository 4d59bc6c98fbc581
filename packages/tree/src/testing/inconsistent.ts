import assert from "node:assert/strict";
import type { DescentFn, TreeBackend, TreeNode } from "../types.js";
import type { ItFn } from "./index.js";

/** An unstable-tree page: its contents (key) can change after insertion. */
interface Page {
  key: number;
  readonly id: number;
}

const byKey =
  (key: number, calls: { n: number }): DescentFn<Page> =>
  (p) => {
    calls.n++;
    return key < p.key ? -1 : key > p.key ? 1 : 0;
  };

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Pages written after they entered the unstable tree make its order
 * inconsistent. KSM lives with that; a backend must not crash, loop, lose a
 * node, or fail to erase a node whose key moved.
 */
export function inconsistentComparatorCases(it: ItFn, backend: TreeBackend): void {
  const p = `${backend.name}:`;

  it(`${p} survives keys that change after insertion`, () => {
    const rnd = lcg(42);
    const tree = backend.create<Page>();
    const linked = new Set<TreeNode<Page>>();
    const all: TreeNode<Page>[] = [];
    let nextId = 0;
    const insert = (key: number) => {
      const calls = { n: 0 };
      const node = tree.newNode({ key, id: nextId++ });
      const got = tree.searchOrInsert(node, byKey(key, calls));
      // A descent is one root-to-leaf walk: bounded by the tree's height.
      assert.ok(calls.n <= 2 * Math.log2(tree.size + 2) + 1, `descent of ${calls.n} compares`);
      if (got === node) {
        linked.add(node);
        all.push(node);
      }
    };
    for (let i = 0; i < 2000; i++) insert(Math.floor(rnd() * 1e6));
    // Rewrite a third of the pages in place: the tree's order is now wrong.
    for (const n of all) if (rnd() < 0.33) n.value.key = Math.floor(rnd() * 1e6);
    // Keep using the tree: inserts, searches, identity erases, replacements.
    for (let round = 0; round < 3000; round++) {
      const r = rnd();
      if (r < 0.4) insert(Math.floor(rnd() * 1e6));
      else if (r < 0.7 && linked.size > 0) {
        const victim = all[Math.floor(rnd() * all.length)] as TreeNode<Page>;
        if (linked.has(victim)) {
          tree.erase(victim);
          linked.delete(victim);
        }
      } else if (r < 0.8 && linked.size > 0) {
        const victim = all[Math.floor(rnd() * all.length)] as TreeNode<Page>;
        if (linked.has(victim)) {
          const repl = tree.newNode({ key: victim.value.key, id: nextId++ });
          tree.replace(victim, repl);
          linked.delete(victim);
          linked.add(repl);
          all.push(repl);
        }
      } else if (r < 0.9) {
        const calls = { n: 0 };
        tree.descend(byKey(Math.floor(rnd() * 1e6), calls));
        assert.ok(calls.n <= 2 * Math.log2(tree.size + 2) + 1);
      } else {
        for (const n of all) if (linked.has(n) && rnd() < 0.02) n.value.key = Math.floor(rnd() * 1e6);
      }
      assert.equal(tree.size, linked.size);
    }
    // No node lost, none invented: iteration yields exactly the linked set.
    const seen = new Set<TreeNode<Page>>();
    for (const n of tree.nodes()) {
      assert.ok(linked.has(n), "iteration yielded a node that is not linked");
      assert.ok(!seen.has(n), "iteration yielded a node twice");
      seen.add(n);
    }
    assert.equal(seen.size, linked.size);
    for (const n of all) assert.equal(tree.holds(n), linked.has(n));
    // Every remaining node, moved key or not, erases by identity.
    for (const n of linked) tree.erase(n);
    assert.equal(tree.size, 0);
    assert.equal([...tree.nodes()].length, 0);
  });

  it(`${p} a search may miss a node whose key moved, but erase still finds it`, () => {
    const tree = backend.create<Page>();
    const nodes: TreeNode<Page>[] = [];
    for (let i = 0; i < 64; i++) {
      const n = tree.newNode({ key: i * 10, id: i });
      tree.searchOrInsert(n, byKey(i * 10, { n: 0 }));
      nodes.push(n);
    }
    const moved = nodes[5] as TreeNode<Page>;
    moved.value.key = 10_000; // rewritten far out of place
    const calls = { n: 0 };
    const found = tree.descend(byKey(10_000, calls));
    assert.equal(found, null, "the tree is searched by order, not scanned");
    tree.erase(moved);
    assert.equal(tree.size, 63);
    assert.equal(tree.holds(moved), false);
    assert.equal(
      [...tree.nodes()].some((n) => n === moved),
      false,
    );
  });
}
