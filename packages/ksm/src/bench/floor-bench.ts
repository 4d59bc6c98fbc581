/**
 * The floor under the engine benchmark (./scan-bench.ts): the work its three
 * full scans cannot skip in any exact simulation, each part timed alone in
 * its barest form. Its sum bounds the scan rate from above on this machine:
 *  - calc_checksum of each distinct page once, where the design needs its
 *    value (the kernel compares it with oldchecksum 0 on the first visit):
 *    XXH64 of the 4 KiB token page, as TokenContents computes it; since the
 *    tokens with a checksum of 0 are known (SPECIAL_TOKENS_COMPLETE), token
 *    mode answers that test without hashing, and this part is 0;
 *  - unstable_tree_search_insert of each unique page in scans 2 and 3 into
 *    the kernel's tree shape: a bare pointer chase (TreeWalk.chase of the
 *    default backend's indexed tree, each node keeping its page's order
 *    hint, no page-table or page checks), then rb_link_node + rb_insert_color;
 *  - stable_tree_search of every page in scans 2 and 3 over the 64 repeated
 *    contents (a bare chase; no chains, dups or ksm_get_folio).
 * Everything else a scan does (rmap_item lookup, PTEs, references, merges)
 * is left out, so the real scan is slower than the floor by that much.
 */
import { SPECIAL_TOKENS_COMPLETE, TokenContents } from "@ksm-sim/mm";
import { type IndexedTree, NO_NODE } from "@ksm-sim/tree";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { benchToken, REPEATED_CONTENTS } from "./scan-bench.js";

export interface FloorBenchRow {
  pages: number;
  /** XXH64 of every distinct page once (0 once the special tokens are known: the design hashes none). */
  hashSeconds: number;
  /** Unstable-tree search and insert of the unique pages, scans 2 and 3. */
  unstableSeconds: number;
  /** Levels walked by those searches (the kernel's memcmp_pages calls). */
  unstableLevels: number;
  /** Stable-tree search of every page, scans 2 and 3. */
  stableSeconds: number;
  /** The sum of the three. */
  floorSeconds: number;
  /** 3 × pages / floorSeconds: no exact simulation of the workload scans faster here. */
  floorPagesPerSec: number;
}

/** Time the three parts for `pages` pages (default 200 000), best of `runs` (default 3). */
export function runFloorBench(options: { pages?: number; runs?: number } = {}): FloorBenchRow {
  const pages = options.pages ?? 200_000;
  const runs = options.runs ?? 3;
  let hash = Infinity;
  let unstable = Infinity;
  let stable = Infinity;
  let levels = 0;
  for (let r = 0; r < runs; r++) {
    const c = new TokenContents(pages);
    for (let i = 0; i < pages; i++) c.writeToken(i, benchToken(i));
    let sink = 0;
    let t0 = performance.now();
    if (!SPECIAL_TOKENS_COMPLETE) {
      for (let i = 1; i < pages; i += 2) sink ^= c.checksum(i); // the unique pages (the 64 repeated ones hash once each)
      for (let i = 0; i < 2 * REPEATED_CONTENTS && i < pages; i += 2) sink ^= c.checksum(i);
    }
    hash = SPECIAL_TOKENS_COMPLETE ? 0 : Math.min(hash, (performance.now() - t0) / 1000);
    const hints = Int32Array.from({ length: pages }, (_, i) => c.orderHint(i));
    const tree = newIndexed();
    t0 = performance.now();
    levels = 0;
    for (let scan = 0; scan < 2; scan++) {
      tree.clear();
      for (let i = 1; i < pages; i += 2) levels += chaseInsert(tree, hints, i);
    }
    unstable = Math.min(unstable, (performance.now() - t0) / 1000);
    const top = newIndexed();
    for (let i = 0; i < 2 * REPEATED_CONTENTS && i < pages; i += 2) chaseInsert(top, hints, i);
    const w = top.walk!;
    t0 = performance.now();
    for (let scan = 0; scan < 2; scan++) for (let i = 0; i < pages; i++) sink ^= w.chase(w.rootNode(), hints[i]!);
    stable = Math.min(stable, (performance.now() - t0) / 1000);
    if (sink === 0.5) throw new Error("unreachable"); // keep the work observable
  }
  const floor = hash + unstable + stable;
  return {
    pages,
    hashSeconds: hash,
    unstableSeconds: unstable,
    unstableLevels: levels,
    stableSeconds: stable,
    floorSeconds: floor,
    floorPagesPerSec: (3 * pages) / floor,
  };
}

/** The default backend's indexed tree, with its walk. */
function newIndexed(): IndexedTree {
  const t = rbtreeBackend.createIndexed?.();
  if (t === undefined || t.walk === undefined)
    throw new Error("floor bench: the default backend has no indexed tree with a walk");
  return t;
}

/** A bare descent for page `i` (a chase by hints), then link it where the descent ended; returns the levels walked. */
function chaseInsert(tree: IndexedTree, hints: Int32Array, i: number): number {
  const w = tree.walk!;
  const hint = hints[i]!;
  const node = w.chase(w.rootNode(), hint);
  if (node !== NO_NODE) return w.chaseSteps + 1;
  w.walkEnded(w.chaseParent, w.chaseLeft);
  w.setHint(tree.linkValue(i), hint);
  return w.chaseSteps;
}
