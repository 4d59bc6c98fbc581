/** The engine benchmark rows as a plain-text table. */
import type { ScanBenchRow } from "./scan-bench.js";

function si(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(0);
}

export function formatScanBench(rows: readonly ScanBenchRow[]): string {
  const header = [
    "backend",
    "mode",
    "pages",
    "scan1 p/s",
    "scan2 p/s",
    "scan3 p/s",
    "overall p/s",
    "µs/page",
    "cpu p/s",
    "cmp/page",
    "bytes/page",
  ];
  const body = rows.map((r) => [
    r.backend,
    r.mode,
    si(r.pages),
    si(r.pagesPerSec[0]),
    si(r.pagesPerSec[1]),
    si(r.pagesPerSec[2]),
    si(r.overallPagesPerSec),
    (1e6 / r.overallPagesPerSec).toFixed(3),
    si(r.cpuPagesPerSec),
    r.comparesPerPage.toFixed(2),
    Number.isFinite(r.bytesPerPage) ? r.bytesPerPage.toFixed(1) : "n/a",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}
