import { BUILTIN_BACKENDS } from "@ksm-sim/backends";
import { describe, expect, it } from "vitest";
import { fmix32, PageSet, permutation } from "../src/keys.js";
import { formatTable } from "../src/table.js";
import { benchTree } from "../src/tree-bench.js";

describe("bench building blocks", () => {
  it("fmix32 is MurmurHash3's finaliser", () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });
  it("token pages follow the scenario format: word i of token t is fmix32(fmix32(t)+i)", () => {
    const set = new PageSet(3);
    const words = new Uint32Array(set.arenas[0]!.buffer, set.arenas[0]!.byteOffset, 3 * 1024);
    expect(words[0]).toBe(fmix32(fmix32(1)));
    expect(words[1024 + 5]).toBe(fmix32((fmix32(2) + 5) >>> 0));
    expect(set.compare(0, 0)).toBe(0);
    expect(Math.sign(set.compare(0, 1))).toBe(-Math.sign(set.compare(1, 0)));
  });
  it("permutation is a seeded permutation", () => {
    const p = permutation(1000, 7);
    expect([...p].sort((a, b) => a - b)).toEqual([...Array(1000).keys()]);
    expect([...permutation(1000, 7)]).toEqual([...p]);
  });
  it("every backend gives the same comparator counts shape and erases everything", () => {
    const pages = new PageSet(3000);
    for (const b of BUILTIN_BACKENDS) {
      const row = benchTree(b, "page4k", 3000, pages);
      expect(row.n).toBe(3000);
      // a balanced descent: between log2(n)-1 and 2*log2(n+1) comparisons
      expect(row.cmpPerSearch).toBeGreaterThan(Math.log2(3000) - 2);
      expect(row.cmpPerSearch).toBeLessThanOrEqual(2 * Math.log2(3001));
    }
  });
  it("formats a table with aligned columns", () => {
    expect(formatTable(["a", "bb"], [["xyz", "1"]])).toBe("a    bb\n---  --\nxyz   1");
  });
});
