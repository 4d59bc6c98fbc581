import { SPECIAL_TOKENS_COMPLETE } from "@ksm-sim/mm";
import { bintreesBackend } from "@ksm-sim/tree-bintrees";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";
import { benchToken, formatScanBench, REPEATED_CONTENTS, runFloorBench, runScanBench } from "../src/bench/index.js";

describe("engine benchmark", () => {
  it("scans the workload it describes: 64 repeated contents merged, the unique half unshared", () => {
    const pages = 4000;
    const rows = runScanBench({ pages, backends: [rbtreeBackend, bintreesBackend], warmupPages: 0 });
    expect(rows.map((r) => [r.mode, r.backend])).toEqual([
      ["tokens", "rbtree"],
      ["tokens", "bintrees"],
      ["bytes", "rbtree"],
      ["bytes", "bintrees"],
    ]);
    for (const r of rows) {
      expect(r.pages).toBe(pages);
      // 2000 repeated pages, about 31 copies of each of 64 contents: all merge (no chains below 256 copies)
      expect(r.pagesShared).toBe(REPEATED_CONTENTS);
      expect(r.pagesSharing).toBe(pages / 2 - REPEATED_CONTENTS);
      expect(r.pagesUnshared).toBe(pages / 2);
      for (const rate of [...r.pagesPerSec, r.overallPagesPerSec, r.cpuPagesPerSec]) expect(rate).toBeGreaterThan(0);
      // scan 1 compares nothing (every checksum is new); scans 2 and 3 descend a stable tree of 64 and an unstable tree of up to 2000 nodes
      expect(r.comparesPerPage).toBeGreaterThan(2);
      expect(r.comparesPerPage).toBeLessThan((2 / 3) * (2 * Math.log2(64) + 2 * Math.log2(pages / 2) + 2));
    }
    // the kernel's counts: the same tree shapes give the same compares in both content modes
    expect(rows[0]!.comparesPerPage).toBe(rows[2]!.comparesPerPage);
    expect(formatScanBench(rows)).toMatch(/^backend\s+mode\s+pages\s+scan1 p\/s/);
  });

  it("gives even pages 64 repeated tokens and odd pages tokens of their own", () => {
    const even = new Set<number>();
    const odd = new Set<number>();
    for (let i = 0; i < 1000; i++) (i % 2 === 0 ? even : odd).add(benchToken(i));
    expect(even.size).toBe(REPEATED_CONTENTS);
    expect(odd.size).toBe(500);
    for (const t of odd) expect(even.has(t)).toBe(false);
  });

  it("times a floor whose parts add up, with the unstable tree's levels of a balanced tree", () => {
    const f = runFloorBench({ pages: 4000, runs: 1 });
    expect(f.pages).toBe(4000);
    for (const s of [f.unstableSeconds, f.stableSeconds]) expect(s).toBeGreaterThan(0);
    // token mode hashes no page once the special tokens are known
    if (SPECIAL_TOKENS_COMPLETE) expect(f.hashSeconds).toBe(0);
    else expect(f.hashSeconds).toBeGreaterThan(0);
    expect(f.floorSeconds).toBeCloseTo(f.hashSeconds + f.unstableSeconds + f.stableSeconds, 12);
    expect(f.floorPagesPerSec).toBeCloseTo((3 * 4000) / f.floorSeconds, 6);
    // 2000 unique pages inserted twice: between n·log2(n) - 2n and 2·n·log2(n) levels per scan for a red-black tree
    const n = 2000;
    expect(f.unstableLevels).toBeGreaterThan(2 * (n * Math.log2(n) - 2 * n));
    expect(f.unstableLevels).toBeLessThan(2 * 2 * n * Math.log2(n));
  });
});
