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
    expect(k).toEqual({ path: p, rows: [{ pages: 200000, pagesPerSec: 400000, field: "pagesPerSec" }] });
    expect(kernelRateAt(k, 200000)).toBe(400000);
    expect(kernelRateAt(k, 2 ** 20)).toBeUndefined();
  });
  it("reads one part of the file when asked (the recorder's defaultKnobs), and says when it is absent", () => {
    const p = file(
      "parts.json",
      JSON.stringify({
        sizes: [{ pages: 1000, pages_per_cpu_s_median: 500 }],
        defaultKnobs: { sizes: [{ pages: 1000, pages_per_cpu_s_median: 300 }] },
      }),
    );
    expect(kernelRateAt(readKernelSpeed(p), 1000)).toBe(500);
    const d = readKernelSpeed(p, "defaultKnobs");
    expect(d.section).toBe("defaultKnobs");
    expect(kernelRateAt(d, 1000)).toBe(300);
    expect(readKernelSpeed(p, "other")).toEqual({ path: p, section: "other", rows: [], note: "no `other` part in it" });
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
  it("reads the recorder's shape: medians preferred, the file's scan count, counters kept", () => {
    const row = (pages: number, extra: object) => ({
      pages,
      runs: 3,
      scan_cpu_s_median: [0.1, 0.3, 0.2],
      scan_cpu_s_min: [0.1, 0.2, 0.2],
      scan_pages_per_cpu_s_median: [1, 2, 3],
      pages_scanned: [pages, pages, pages],
      counters: { pages_shared: 448, pages_sharing: 99552, pages_unshared: 100000, pages_volatile: 0 },
      ...extra,
    });
    const p = file(
      "recorder.json",
      JSON.stringify({
        format: "kernel-speed/bench-workload v1",
        machine: { loadavg_at_start: ["7.20"] },
        scans: 3,
        sizes: [
          row(200000, {
            total_cpu_s_min: 1.0,
            total_cpu_s_median: 1.2,
            pages_per_cpu_s_best: 502023,
            pages_per_cpu_s_median: 488606,
          }),
          row(1048576, { total_cpu_s_min: 9, total_cpu_s_median: 10 }),
          row(2097152, {}),
        ],
      }),
    );
    const k = readKernelSpeed(p);
    expect(k.note).toBeUndefined();
    expect(k.rows.map((r) => [r.pages, r.field])).toEqual([
      [200000, "pages_per_cpu_s_median"],
      [1048576, "total_cpu_s_median"],
      [2097152, "scan_cpu_s_median"],
    ]);
    expect(k.rows[0]!.pagesPerSec).toBe(488606);
    expect(k.rows[1]!.pagesPerSec).toBeCloseTo((3 * 1048576) / 10, 6);
    expect(k.rows[2]!.pagesPerSec).toBeCloseTo((3 * 2097152) / 0.6, 6);
    expect(k.rows[0]!.counters).toEqual({ pagesShared: 448, pagesSharing: 99552, pagesUnshared: 100000 });
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
    expect(k.rows).toEqual([{ pages: 10, pagesPerSec: 5, field: "pagesPerSec" }]);
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
