import type { FloorBenchRow, ScanBenchRow } from "@ksm-sim/ksm/bench";
import { describe, expect, it } from "vitest";
import type { KernelSpeed } from "../src/kernel-speed.js";
import { bytesModeSkip, floorRuns, pagesLabel, type ScaleRow } from "../src/scale-bench.js";
import { formatGrowth, formatScaleBench } from "../src/scale-format.js";

/** A made-up big row: `perPage` µs of each scan per page. */
function row(pages: number, perPageMicros: number, floorPps: number): ScaleRow {
  const s = (pages * perPageMicros) / 1e6;
  const scan: ScanBenchRow = {
    backend: "rbtree",
    mode: "tokens",
    pages,
    scanSeconds: [s, s, s],
    pagesPerSec: [pages / s, pages / s, pages / s],
    overallPagesPerSec: pages / s,
    cpuPagesPerSec: pages / s,
    comparesPerPage: 20,
    bytesPerPage: 63.8,
    pagesShared: 64,
    pagesSharing: pages / 2 - 64,
    pagesUnshared: pages / 2,
  };
  const floor: FloorBenchRow = {
    pages,
    hashSeconds: 1,
    unstableSeconds: 1,
    unstableLevels: 1,
    stableSeconds: 1,
    floorSeconds: (3 * pages) / floorPps,
    floorPagesPerSec: floorPps,
  };
  return { pages, mode: "tokens", scan, peakRssBytes: 1136 * 2 ** 20, peakRssSource: "VmHWM", wallSeconds: 80, floor };
}

const kernel: KernelSpeed = {
  path: "k.json",
  rows: [
    {
      pages: 2 ** 24,
      pagesPerSec: 200_000,
      field: "pages_per_cpu_s_median",
      counters: { pagesShared: 64, pagesSharing: 2 ** 23 - 64, pagesUnshared: 2 ** 23 },
    },
    {
      pages: 2 ** 20,
      pagesPerSec: 300_000,
      field: "pages_per_cpu_s_median",
      counters: { pagesShared: 2048, pagesSharing: 2 ** 19 - 2048, pagesUnshared: 2 ** 19 },
    },
  ],
};

describe("scale rows as text", () => {
  it("labels sizes and skips bytes mode where its contents would not fit", () => {
    expect(pagesLabel(2 ** 24)).toBe("2^24");
    expect(pagesLabel(200_000)).toBe("200 000");
    expect(bytesModeSkip(2 ** 20, 24 * 2 ** 30)).toBeNull();
    expect(bytesModeSkip(2 ** 24, 24 * 2 ** 30)).toBe(
      "bytes mode stores every unique page's 4 KiB: 2^23 unique pages = 32 GiB (this machine: 24 GiB)",
    );
    expect([floorRuns(200_000), floorRuns(2 ** 20), floorRuns(2 ** 24)]).toEqual([3, 2, 1]);
  });
  it("formats a 2^24 row: seconds, rates, B/page, peak RSS, floor, against the kernel; a skipped row with its reason", () => {
    const rows: ScaleRow[] = [
      row(2 ** 24, 0.5, 4e6),
      { pages: 2 ** 24, mode: "bytes", skipped: "bytes mode stores every unique page's 4 KiB" },
    ];
    const text = formatScaleBench(rows, kernel);
    const [header, rule, line] = text.split("\n");
    expect(header).toMatch(
      /^mode\s+pages\s+scan1 s\s+scan2 s\s+scan3 s\s+scan1 p\/s.*B\/page\s+peak RSS\s+floor p\/s\s+of floor\s+x kernel$/,
    );
    expect(rule).toMatch(/^-+( +-+)+$/);
    expect(line!.trim().split(/\s+/)).toEqual([
      "tokens",
      "2^24",
      "8.389",
      "8.389",
      "8.389",
      "2.00M",
      "2.00M",
      "2.00M",
      "2.00M",
      "63.8",
      "1136",
      "MiB",
      "4.00M",
      "50%",
      "10.0x",
    ]);
    expect(text).toContain("  bytes 2^24: skipped: bytes mode stores every unique page's 4 KiB");
    expect(text).toContain(
      "  tokens 2^24: 10.0x (by cpu time 10.0x; kernel 200.0k p/s), goal 10x: met; counters = the kernel's",
    );
    expect(text).toContain("k.json pages_per_cpu_s_median); goals: tokens >= 10x, bytes >= 3x:");
  });
  it("says when the counters are not the kernel's", () => {
    const text = formatScaleBench([row(2 ** 20, 0.5, 4e6)], kernel);
    expect(text).toContain(
      "tokens 2^20: 6.7x (by cpu time 6.7x; kernel 300.0k p/s), goal 10x: not met; COUNTERS DIFFER: shared/sharing/unshared 64/524224/524288, kernel 2048/522240/524288",
    );
  });
  it("adds a column and goal lines for ksmd at KSM's default knobs when given", () => {
    const atDefaults = {
      path: "k.json",
      section: "defaultKnobs",
      rows: [{ pages: 2 ** 24, pagesPerSec: 100_000, field: "pages_per_cpu_s_median" }],
    };
    const text = formatScaleBench([row(2 ** 24, 0.5, 4e6)], kernel, atDefaults);
    const [header, , line] = text.split("\n");
    expect(header).toMatch(/x kernel\s+x kernel \(default knobs\)$/);
    expect(line!.trim().split(/\s+/).slice(-2)).toEqual(["10.0x", "20.0x"]);
    expect(text).toContain("k.json [defaultKnobs] pages_per_cpu_s_median); goals");
    expect(text).toContain("  tokens 2^24: 20.0x (by cpu time 20.0x; kernel 100.0k p/s), goal 10x: met");
  });
  it("says when there is no kernel measurement", () => {
    const text = formatScaleBench([row(2 ** 20, 0.5, 4e6)], {
      path: "k.json",
      rows: [],
      note: "not recorded (no such file)",
    });
    expect(text).toMatch(/ n\/a\n/);
    expect(text).toContain("k.json: not recorded (no such file)");
    expect(text).toContain("tokens 2^20: no kernel measurement at this size");
  });
  it("sets the growth of per-page time against that of tree depth", () => {
    const done = [row(2 ** 20, 0.5, 4e6), row(2 ** 24, 0.6, 3e6)].filter((r) => r.skipped === undefined);
    const [line] = formatGrowth(done as never);
    // 0.6/0.5 = 1.2 against 23/19 = 1.21: no faster; the floor's 4/3
    expect(line).toContain("tokens 2^20 → 2^24: per-page time ×1.20 (scans 1/2/3: 1.20/1.20/1.20); the floor's ×1.33;");
    expect(line).toContain(
      "unstable-tree depth 19.0 → 23.0 (×1.21), with the stable tree's 6: ×1.16 — no faster than tree depth",
    );
    const [worse] = formatGrowth([row(2 ** 20, 0.5, 4e6), row(2 ** 24, 1.5, 3e6)] as never);
    expect(worse).toContain("per-page time ×3.00");
    expect(worse).toContain("faster than tree depth");
    expect(worse).not.toContain("no faster");
  });
});
