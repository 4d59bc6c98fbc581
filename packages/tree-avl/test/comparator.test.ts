/**
 * The tree calls a comparator only inside `descend`, and lives with one
 * that is inconsistent: keys rewritten after insertion, or answers at random.
 */
import { RESTART } from "@ksm-sim/tree";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AvlNode, type AvlTree, avlBackend, avlCheck } from "../src/index.js";

describe("the comparator", () => {
  it("is never called once its descent has returned", () => {
    const tree = avlBackend.create<number>() as AvlTree<number>;
    const done: { over: boolean }[] = [];
    /** A descent callback that throws if called after its descent returned. */
    const cmp = (k: number) => {
      const state = { over: false };
      done.push(state);
      return (v: number) => {
        if (state.over) throw new Error(`a comparator for ${k} was called after its descent returned`);
        return k - v;
      };
    };
    const over = () => {
      for (const d of done) d.over = true;
    };
    const nodes: AvlNode<number>[] = [];
    for (let k = 0; k < 200; k++) {
      nodes.push(tree.searchOrInsert(tree.newNode((k * 37) % 200), cmp((k * 37) % 200)) as AvlNode<number>);
      over();
    }
    for (let i = 0; i < 200; i += 3) tree.erase(nodes[i]!);
    for (let i = 1; i < 200; i += 3) tree.replace(nodes[i]!, tree.newNode(nodes[i]!.value));
    expect(tree.descend(cmp(1000))).toBeNull();
    over();
    tree.link(tree.newNode(1000));
    expect([...tree.nodes()].length).toBe(tree.size);
    avlCheck(tree, (a, b) => a - b);
    tree.clear();
    expect(tree.size).toBe(0);
  });

  it("may answer at random: no crash, no lost node, every node erases by identity", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 1, maxLength: 64 }),
        fc.nat(),
        (signs, seed) => {
          const tree = avlBackend.create<number>() as AvlTree<number>;
          let i = seed;
          const random = () => signs[i++ % signs.length]!;
          const linked = new Set<AvlNode<number>>();
          for (let k = 0; k < 150; k++) {
            const n = tree.newNode(k);
            const got = tree.searchOrInsert(n, random) as AvlNode<number>;
            if (got === n) linked.add(n);
            else expect(linked.has(got)).toBe(true);
            if (k % 5 === 4) {
              const victim = [...linked][(k * 13) % linked.size]!;
              tree.erase(victim);
              linked.delete(victim);
            }
            avlCheck(tree); // the shape stays an AVL tree whatever the order says
          }
          expect(new Set(tree.nodes())).toEqual(linked);
          for (const n of linked) tree.erase(n);
          expect(tree.size).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("may erase nodes during a descent and restart it", () => {
    const tree = avlBackend.create<{ key: number; stale: boolean }>() as AvlTree<{ key: number; stale: boolean }>;
    const nodes = Array.from({ length: 64 }, (_, k) => {
      const n = tree.newNode({ key: k, stale: k % 4 === 0 });
      return tree.searchOrInsert(n, (v) => k - v.key);
    });
    const byValue = new Map(nodes.map((n) => [n.value, n]));
    tree.valueAt(tree.rootNode()).stale = true;
    let restarts = 0;
    // a stable-tree walk: every stale node met is erased, then the walk restarts (chain_prune)
    const found = tree.descend((v) => {
      if (v.stale) {
        tree.erase(byValue.get(v)!);
        restarts++;
        return RESTART;
      }
      return 37 - v.key;
    });
    expect(found?.value.key).toBe(37);
    expect(restarts).toBeGreaterThan(0);
    expect(tree.size).toBe(64 - restarts);
    avlCheck(tree, (a, b) => a.key - b.key);
  });
});
