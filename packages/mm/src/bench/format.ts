/** The benchmark rows as a plain-text table. */
import type { MmBenchRow } from "./mm-bench.js";

function si(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(0);
}

export function formatMmBench(rows: readonly MmBenchRow[]): string {
  const header = ["mode", "frames", "faults/s", "COW faults/s", "bytes/frame", "checksums/s", "compares/s"];
  const body = rows.map((r) => [
    r.mode,
    si(r.frames),
    si(r.faultsPerSec),
    si(r.cowFaultsPerSec),
    Number.isFinite(r.bytesPerFrame) ? r.bytesPerFrame.toFixed(1) : "n/a",
    si(r.checksumsPerSec),
    si(r.comparesPerSec),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}
