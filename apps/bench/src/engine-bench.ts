/**
 * The engine benchmark of `pnpm bench`: ksmd's three full scans of one
 * process's 200 000 pages (half from 64 repeated contents, half unique), for
 * every tree backend and both content modes (see @ksm-sim/ksm/bench).
 */
import { type FloorBenchRow, formatScanBench, runScanBench, type ScanBenchRow } from "@ksm-sim/ksm/bench";
import { backends } from "./backends.js";

/** This machine's ksmd on the same workload: about 2-3 µs per page, i.e. 0.33-0.5 M pages/s per core. */
export const KERNEL_PAGES_PER_SEC: readonly [number, number] = [1e6 / 3, 1e6 / 2];

/** Every content mode × backend, 200 000 pages (`quick`: 50 000); `onRow` hears of each row as it is done. */
export function runEngineBench(quick: boolean, onRow?: (row: ScanBenchRow) => void): ScanBenchRow[] {
  const rows: ScanBenchRow[] = [];
  for (const mode of ["tokens", "bytes"] as const) {
    for (const backend of backends) {
      const [row] = runScanBench({ quick, backends: [backend], modes: [mode] });
      rows.push(row!);
      onRow?.(row!);
    }
  }
  return rows;
}

/** The rows as a table, then each row's overall rate against the kernel's. */
export function formatEngineBench(rows: readonly ScanBenchRow[]): string {
  const [lo, hi] = KERNEL_PAGES_PER_SEC;
  const x = (rate: number) => `${(rate / hi).toFixed(1)}-${(rate / lo).toFixed(1)}x`;
  const vsKernel = rows.map(
    (r) =>
      `  ${r.backend} ${r.mode}: ${x(r.overallPagesPerSec)} (by cpu time ${x(r.cpuPagesPerSec)}); goal ${r.mode === "tokens" ? "10x" : "2x"}`,
  );
  return [
    formatScanBench(rows),
    "",
    "Overall pages/s against the kernel's (ksmd on this machine: 2-3 µs per page, 0.33-0.5 M pages/s per core):",
    ...vsKernel,
  ].join("\n");
}

/** The floor's parts and what they bound, against the kernel's rate. */
export function formatFloorBench(f: FloorBenchRow): string {
  const [lo, hi] = KERNEL_PAGES_PER_SEC;
  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
  return [
    `  calc_checksum of each distinct page (XXH64 of 4 KiB):           ${ms(f.hashSeconds)}`,
    `  unstable-tree search + insert, scans 2-3 (${(f.unstableLevels / 1e6).toFixed(2)} M levels, bare): ${ms(f.unstableSeconds)}`,
    `  stable-tree search of every page, scans 2-3 (bare):            ${ms(f.stableSeconds)}`,
    `  floor: ${ms(f.floorSeconds)} for three scans of ${f.pages} pages = ${(f.floorPagesPerSec / 1e6).toFixed(2)} M pages/s, ${(f.floorPagesPerSec / hi).toFixed(1)}-${(f.floorPagesPerSec / lo).toFixed(1)}x the kernel`,
  ].join("\n");
}
