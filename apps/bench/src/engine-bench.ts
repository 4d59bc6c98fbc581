/**
 * The engine benchmark of `pnpm bench`: ksmd's three full scans of one
 * process's 200 000 pages (half from 64 repeated contents, half unique), for
 * every tree backend and both content modes (see @ksm-sim/ksm/bench).
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { BUILTIN_BACKEND_NAMES } from "@ksm-sim/backends";
import { type FloorBenchRow, formatScanBench, type ScanBenchRow } from "@ksm-sim/ksm/bench";
import type { ContentMode } from "@ksm-sim/mm";
import { workerExecArgv } from "@ksm-sim/sweep";
import { type KernelSpeed, kernelRateAt } from "./kernel-speed.js";
import { KERNEL_GOALS } from "./scale-format.js";

/** This machine's ksmd on the same workload: about 2-3 µs per page, i.e. 0.33-0.5 M pages/s per core. */
export const KERNEL_PAGES_PER_SEC: readonly [number, number] = [1e6 / 3, 1e6 / 2];

/** The module of ./mine-backend.ts (built): a backend of one's own, loaded by path like a user's. */
export const MINE_MODULE = fileURLToPath(new URL("./mine-backend.js", import.meta.url));

/** What the rows run: every built-in backend by name, then the module above by path. */
export const ENGINE_BACKENDS: readonly string[] = [...BUILTIN_BACKEND_NAMES, MINE_MODULE];

/** Every content mode × backend, 200 000 pages (`quick`: 50 000; or `pages`), each row in a worker thread of its own; `onRow` hears of each row as it is done. */
export async function runEngineBench(
  quick: boolean,
  onRow?: (row: ScanBenchRow) => void,
  pages?: number,
  modes: readonly ContentMode[] = ["tokens", "bytes"],
): Promise<ScanBenchRow[]> {
  const rows: ScanBenchRow[] = [];
  for (const mode of modes) {
    for (const backend of ENGINE_BACKENDS) {
      const row = await runRowInWorker(backend, mode, quick, pages);
      rows.push(row);
      onRow?.(row);
    }
  }
  return rows;
}

/**
 * One row in a fresh worker (its own isolate and JIT state): run in one
 * process, later rows ran on code specialised for earlier ones and measured
 * up to 30% slower than alone.
 */
function runRowInWorker(backend: string, mode: ContentMode, quick: boolean, pages?: number): Promise<ScanBenchRow> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./engine-row-worker.js", import.meta.url), {
      workerData: { backend, mode, quick, pages }, // gc: V8 flags are per process, so --expose-gc (or ./expose-gc.ts) reaches the worker
      execArgv: workerArgv(), // built JavaScript, whatever conditions the parent runs with
      resourceLimits: { maxOldGenerationSizeMb: 16384 },
    });
    let row: ScanBenchRow | null = null;
    w.once("message", (r: ScanBenchRow) => {
      row = r;
    });
    w.once("error", reject);
    w.once("exit", (code) => {
      if (row !== null) resolve(row);
      else reject(new Error(`engine bench: the worker for ${backend} ${mode} exited with code ${code} and no row`));
    });
  });
}

/** V8 flags of the whole process, which a worker's execArgv may not carry (node throws ERR_WORKER_INVALID_EXEC_ARGV). */
const PROCESS_ONLY_FLAGS = /^--(expose[-_]gc|max[-_]old[-_]space[-_]size)(=|$)/;

/** The parent's execArgv for a worker: built JavaScript, and no process-wide V8 flags (the worker shares them). */
export function workerArgv(execArgv: readonly string[] = process.execArgv): string[] {
  return workerExecArgv(execArgv).filter((a) => !PROCESS_ONLY_FLAGS.test(a));
}

/**
 * The rows as a table, then each row's overall rate against the kernel's:
 * the recorded one at the same size if `kernel` has it, else the estimate
 * KERNEL_PAGES_PER_SEC.
 */
export function formatEngineBench(rows: readonly ScanBenchRow[], kernel?: KernelSpeed): string {
  const [lo, hi] = KERNEL_PAGES_PER_SEC;
  const x = (rate: number) => `${(rate / hi).toFixed(1)}-${(rate / lo).toFixed(1)}x`;
  const recorded = kernel && rows.length > 0 ? kernelRateAt(kernel, rows[0]!.pages) : undefined;
  const vsKernel = rows.map((r) => {
    const goal = `goal ${KERNEL_GOALS[r.mode]}x`;
    if (recorded !== undefined)
      return `  ${r.backend} ${r.mode}: ${(r.overallPagesPerSec / recorded).toFixed(1)}x (by cpu time ${(r.cpuPagesPerSec / recorded).toFixed(1)}x); ${goal}`;
    return `  ${r.backend} ${r.mode}: ${x(r.overallPagesPerSec)} (by cpu time ${x(r.cpuPagesPerSec)}); ${goal}`;
  });
  const about =
    recorded !== undefined
      ? `ksmd on this machine at this size, recorded: ${(recorded / 1e6).toFixed(2)} M pages/s of CPU time`
      : "ksmd on this machine: 2-3 µs per page, 0.33-0.5 M pages/s per core, an estimate";
  return [formatScanBench(rows), "", `Overall pages/s against the kernel's (${about}):`, ...vsKernel].join("\n");
}

/** The floor's parts and what they bound, against the kernel's rate: `kernelRate` (recorded at this size) if given, else the estimate. */
export function formatFloorBench(f: FloorBenchRow, kernelRate?: number): string {
  const [lo, hi] = KERNEL_PAGES_PER_SEC;
  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
  const vs =
    kernelRate === undefined
      ? `${(f.floorPagesPerSec / hi).toFixed(1)}-${(f.floorPagesPerSec / lo).toFixed(1)}x the kernel (estimated)`
      : `${(f.floorPagesPerSec / kernelRate).toFixed(1)}x the kernel (recorded)`;
  return [
    `  calc_checksum of each distinct page (XXH64 of 4 KiB):           ${f.hashSeconds === 0 ? "none (the tokens whose checksum matters are known)" : ms(f.hashSeconds)}`,
    `  unstable-tree search + insert, scans 2-3 (${(f.unstableLevels / 1e6).toFixed(2)} M levels, bare): ${ms(f.unstableSeconds)}`,
    `  stable-tree search of every page, scans 2-3 (bare):            ${ms(f.stableSeconds)}`,
    `  floor: ${ms(f.floorSeconds)} for three scans of ${f.pages} pages = ${(f.floorPagesPerSec / 1e6).toFixed(2)} M pages/s, ${vs}`,
  ].join("\n");
}
