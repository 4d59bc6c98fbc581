/** One measurement: n inserts (searchOrInsert), n searches, n erases by identity, on one backend. */
import type { DescentFn, TreeBackend, TreeNode } from "@ksm-sim/tree";
import { key32, type PageSet, permutation } from "./keys.js";

export type KeyKind = "u32" | "page4k";

export interface TreeBenchRow {
  backend: string;
  keys: KeyKind;
  n: number;
  insertPerSec: number;
  searchPerSec: number;
  erasePerSec: number;
  cmpPerInsert: number;
  cmpPerSearch: number;
}

/** A descent toward key `k`, counting comparator calls. Values are key indexes. */
class Probe {
  calls = 0;
  target = 0;
  readonly fn: DescentFn<number>;
  constructor(kind: KeyKind, pages: PageSet | null) {
    if (kind === "u32") {
      this.fn = (v) => {
        this.calls++;
        const a = key32(this.target);
        const b = key32(v);
        return a < b ? -1 : a > b ? 1 : 0;
      };
    } else {
      const set = pages as PageSet;
      this.fn = (v) => {
        this.calls++;
        return set.compare(this.target, v);
      };
    }
  }
}

export function benchTree(backend: TreeBackend, kind: KeyKind, n: number, pages: PageSet | null): TreeBenchRow {
  const tree = backend.create<number>();
  const probe = new Probe(kind, pages);
  const order = permutation(n, 0x9e3779b9 ^ n);
  const nodes: TreeNode<number>[] = new Array(n);
  for (let i = 0; i < n; i++) nodes[i] = tree.newNode(i);

  let t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const k = order[i] as number;
    probe.target = k;
    if (tree.searchOrInsert(nodes[k] as TreeNode<number>, probe.fn) !== nodes[k]) throw new Error("duplicate key");
  }
  const insertMs = performance.now() - t0;
  const insertCalls = probe.calls;

  probe.calls = 0;
  const order2 = permutation(n, 0x85ebca6b ^ n);
  t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const k = order2[i] as number;
    probe.target = k;
    if (tree.descend(probe.fn) !== nodes[k]) throw new Error(`${backend.name}: search missed key ${k}`);
  }
  const searchMs = performance.now() - t0;
  const searchCalls = probe.calls;

  t0 = performance.now();
  for (let i = 0; i < n; i++) tree.erase(nodes[order[i] as number] as TreeNode<number>);
  const eraseMs = performance.now() - t0;
  if (tree.size !== 0) throw new Error(`${backend.name}: ${tree.size} nodes left after erasing all`);

  const perSec = (ms: number) => (ms > 0 ? (n * 1000) / ms : Number.POSITIVE_INFINITY);
  return {
    backend: backend.name,
    keys: kind,
    n,
    insertPerSec: perSec(insertMs),
    searchPerSec: perSec(searchMs),
    erasePerSec: perSec(eraseMs),
    cmpPerInsert: insertCalls / n,
    cmpPerSearch: searchCalls / n,
  };
}
