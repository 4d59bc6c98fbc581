import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KERNEL_SPEED_FILE, kernelRateAt, readKernelSpeed } from "../src/kernel-speed.js";

const dir = mkdtempSync(join(tmpdir(), "ksm-bench-kernel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("readKernelSpeed", () => {
  it("defaults to the repository's fixture", () => {
    expect(KERNEL_SPEED_FILE).toMatch(/fixtures[/\\]kernel-speed[/\\]bench-workload\.json$/);
  });
  it("reads pages/s from rows nested in an object", () => {
    const p = file(
      "nested.json",
      JSON.stringify({
        kernel: "6.18",
        workload: { rows: [{ pages: 200000, pagesPerSec: 400000, scanCpuSeconds: [1, 1, 1] }] },
      }),
    );
    const k = readKernelSpeed(p);
    expect(k).toEqual({ path: p, rows: [{ pages: 200000, pagesPerSec: 400000 }] });
    expect(kernelRateAt(k, 200000)).toBe(400000);
    expect(kernelRateAt(k, 2 ** 20)).toBeUndefined();
  });
  it("derives pages/s from total seconds, or from per-scan seconds, over the scans", () => {
    const p = file(
      "seconds.json",
      JSON.stringify([
        { pages: 1000, total_cpu_seconds: 0.006 }, // 3 scans by default
        { pages: 2000, scans: 2, totalSeconds: 0.004 },
        { pages: 4000, ksmdCpuSeconds: [0.004, 0.004, 0.004, 0.004] }, // 4 scans
      ]),
    );
    const rows = readKernelSpeed(p).rows;
    expect(rows.map((r) => r.pages)).toEqual([1000, 2000, 4000]);
    expect(rows[0]!.pagesPerSec).toBeCloseTo(500_000, 6);
    expect(rows[1]!.pagesPerSec).toBeCloseTo(1_000_000, 6);
    expect(rows[2]!.pagesPerSec).toBeCloseTo(1_000_000, 6);
  });
  it("leaves out rows with no rate and says so", () => {
    const k = readKernelSpeed(
      file(
        "partial.json",
        JSON.stringify([
          { pages: 10, pagesPerSec: 5 },
          { pages: 20, note: "x" },
        ]),
      ),
    );
    expect(k.rows).toEqual([{ pages: 10, pagesPerSec: 5 }]);
    expect(k.note).toMatch(/1 row\(s\) without/);
  });
  it("ignores a missing, malformed or shapeless file, saying why", () => {
    const missing = readKernelSpeed(join(dir, "absent.json"));
    expect(missing.rows).toEqual([]);
    expect(missing.note).toMatch(/no such file/);
    const bad = readKernelSpeed(file("bad.json", "{ pages: "));
    expect(bad.rows).toEqual([]);
    expect(bad.note).toMatch(/^not JSON/);
    const shapeless = readKernelSpeed(file("shapeless.json", JSON.stringify({ rows: [{ n: 1 }], pages: "many" })));
    expect(shapeless.rows).toEqual([]);
    expect(shapeless.note).toMatch(/no array of rows/);
    expect(readKernelSpeed(dir).note).toMatch(/unreadable/); // a directory
  });
});
