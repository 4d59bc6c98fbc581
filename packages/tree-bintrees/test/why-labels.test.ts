/** Why this backend needs order labels: the library removes through its comparator, which trusts keys not to move. */
/// <reference path="../src/bintrees-module.d.ts" />
import bintrees from "bintrees";
import { describe, expect, it } from "vitest";
import { bintreesBackend } from "../src/index.js";

interface Page {
  key: number;
}
const byKey = (key: number) => (p: Page) => (key < p.key ? -1 : key > p.key ? 1 : 0);

describe("a page rewritten after insertion", () => {
  const pages = (): Page[] => Array.from({ length: 64 }, (_, i) => ({ key: i * 10 }));

  it("is missed by the library's own remove, which searches by content", () => {
    const ps = pages();
    const lib = new bintrees.RBTree<Page>((a, b) => a.key - b.key);
    for (const p of ps) lib.insert(p);
    const moved = ps[5] as Page;
    moved.key = 10_000;
    expect(lib.remove(moved)).toBe(false); // the search went right, the page is on the left
    expect(lib.size).toBe(64);
  });

  it("is erased by the adapter, which finds it by its label", () => {
    const tree = bintreesBackend.create<Page>();
    const nodes = pages().map((p) => tree.searchOrInsert(tree.newNode(p), byKey(p.key)));
    const moved = nodes[5]!;
    moved.value.key = 10_000;
    tree.erase(moved);
    expect(tree.size).toBe(63);
    expect([...tree.nodes()]).not.toContain(moved);
  });
});

it("keeps the library ordered by label through relabelling (10^5 links into one gap)", () => {
  const tree = bintreesBackend.create<number>();
  const byNum = (key: number) => (v: number) => (key < v ? -1 : key > v ? 1 : 0);
  tree.searchOrInsert(tree.newNode(0), byNum(0));
  tree.searchOrInsert(tree.newNode(1), byNum(1));
  const t0 = performance.now();
  // every new value lands just above 0: one gap, halved every time
  for (let i = 1; i <= 100_000; i++) tree.searchOrInsert(tree.newNode(1 / (i + 1)), byNum(1 / (i + 1)));
  const ms = performance.now() - t0;
  const nodes = [...tree.nodes()] as unknown as { value: number; label: number }[];
  expect(nodes.length).toBe(100_002);
  const ordered = nodes.every((n, i) => i === 0 || (nodes[i - 1]!.value < n.value && nodes[i - 1]!.label < n.label));
  expect(ordered).toBe(true);
  expect(ms).toBeLessThan(3000);
});
