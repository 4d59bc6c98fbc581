/**
 * bytesPerPage of the engine benchmark, with a collector exposed (as
 * `pnpm bench` runs it): the baseline is taken before the warm-up, so the
 * warm-up's machine, garbage by the end, must not count.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";

const g = globalThis as { gc?: () => void };
if (typeof g.gc !== "function") {
  setFlagsFromString("--expose-gc");
  g.gc = runInNewContext("gc") as () => void;
}
// loaded after gc exists: the bench module reads globalThis.gc when it loads
const { benchScan } = await import("../src/bench/index.js");

describe("engine benchmark memory", () => {
  it("tokens mode: tens of bytes per simulated page, the warm-up's machine not counted", () => {
    const pages = 20_000;
    const r = benchScan(rbtreeBackend, "tokens", pages, { warmupPages: 20_000 });
    expect(r.pages).toBe(pages);
    // page tables, frames, rmap items and tree nodes: more than a PTE, far less than a page's 4 KiB
    expect(r.bytesPerPage).toBeGreaterThan(8);
    expect(r.bytesPerPage).toBeLessThan(1000);
  });
  it("bytes mode: the unique half's 4 KiB each, about 2 KiB per page, plus the same metadata", () => {
    const pages = 20_000;
    const r = benchScan(rbtreeBackend, "bytes", pages, { warmupPages: 20_000 });
    expect(r.bytesPerPage).toBeGreaterThan(2048);
    expect(r.bytesPerPage).toBeLessThan(3600); // a warm-up counted too would add another ~2 KiB per page
  });
  it("names the bad argument", () => {
    expect(() => benchScan(rbtreeBackend, "tokens", 1000, { warmupPages: 1 })).toThrow(/warmupPages: .* got 1/);
    expect(() => benchScan(rbtreeBackend, "tokens", 1.5)).toThrow(/pages: .* got 1.5/);
  });
});
