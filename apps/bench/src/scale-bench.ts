/**
 * The engine benchmark at scale: the default backend's three full scans of
 * 200 000, 2^20 and 2^24 pages (the workload of @ksm-sim/ksm/bench), each
 * row in a child process of its own (node --expose-gc), so that its peak RSS
 * is its own, with the floor of the design at the same size. Bytes mode is
 * skipped where its pages' contents alone would not fit in half this
 * machine's memory (2^24 pages: 2^23 unique pages × 4 KiB = 32 GiB).
 */
import { fork } from "node:child_process";
import { totalmem } from "node:os";
import type { FloorBenchRow, ScanBenchRow } from "@ksm-sim/ksm/bench";
import { WARMUP_PAGES } from "@ksm-sim/ksm/bench";
import type { ContentMode } from "@ksm-sim/mm";
import { workerExecArgv } from "@ksm-sim/sweep";

/** The default sizes; `quick`: the first only, smaller. */
export const SCALE_PAGES: readonly number[] = [200_000, 2 ** 20, 2 ** 24];
export const QUICK_SCALE_PAGES: readonly number[] = [50_000];

/** What the parent asks of one child. */
export interface ScaleChildSpec {
  backend: string;
  mode: ContentMode;
  pages: number;
  warmupPages: number;
  /** Best-of runs of the floor at this size; 0: no floor. */
  floorRuns: number;
}

/** What one child sends back. */
export interface ScaleChildResult {
  scan: ScanBenchRow;
  /** The child's peak RSS in bytes after its scans (see peak-rss.ts). */
  peakRssBytes: number;
  /** Where it was read: /proc/self/status VmHWM, or getrusage's maxRSS. */
  peakRssSource: "VmHWM" | "maxRSS";
  /** Setup, warm-up and scans together. */
  wallSeconds: number;
  floor: FloorBenchRow | null;
}

export type ScaleRow =
  | ({ pages: number; mode: ContentMode; skipped?: undefined } & ScaleChildResult)
  | { pages: number; mode: ContentMode; skipped: string };

/** "2^20" for powers of two, else the number with thin grouping ("200 000"). */
export function pagesLabel(pages: number): string {
  const k = Math.log2(pages);
  if (Number.isInteger(k) && k >= 10) return `2^${k}`;
  return pages.toLocaleString("en-US").replace(/,/g, " ");
}

/** Why bytes mode cannot run at `pages` on a machine of `memBytes`, or null if it can. */
export function bytesModeSkip(pages: number, memBytes: number = totalmem()): string | null {
  const unique = Math.ceil(pages / 2);
  const need = unique * 4096;
  if (need <= memBytes / 2) return null;
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(0)} GiB`;
  return `bytes mode stores every unique page's 4 KiB: ${pagesLabel(unique)} unique pages = ${gib(need)} (this machine: ${gib(memBytes)})`;
}

/** Floor runs (best of) at a size: fewer at the large sizes, where one run takes most of a minute. */
export function floorRuns(pages: number): number {
  return pages >= 2 ** 23 ? 1 : pages >= 2 ** 20 ? 2 : 3;
}

/**
 * Every size × mode (tokens first), each in its own child; the floor once per
 * size, in the first child that runs at that size. `onRow` hears of each row.
 */
export async function runScaleBench(
  sizes: readonly number[],
  modes: readonly ContentMode[],
  options: { backend?: string; warmupPages?: number; onRow?: (row: ScaleRow) => void } = {},
): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const pages of sizes) {
    let floorDone = false;
    for (const mode of modes) {
      const skip = mode === "bytes" ? bytesModeSkip(pages) : null;
      let row: ScaleRow;
      if (skip !== null) row = { pages, mode, skipped: skip };
      else {
        const spec: ScaleChildSpec = {
          backend: options.backend ?? "rbtree",
          mode,
          pages,
          warmupPages: Math.min(options.warmupPages ?? WARMUP_PAGES, pages),
          floorRuns: floorDone ? 0 : floorRuns(pages),
        };
        row = await runChild(spec);
        if (row.skipped === undefined) floorDone = true;
      }
      rows.push(row);
      options.onRow?.(row);
    }
  }
  return rows;
}

/** The child's execArgv: the parent's (built JavaScript), with --expose-gc and a 16 GiB old space. */
function childExecArgv(): string[] {
  const own = workerExecArgv(process.execArgv).filter(
    (a) => a !== "--expose-gc" && !a.startsWith("--max-old-space-size"),
  );
  return [...own, "--expose-gc", "--max-old-space-size=16384"];
}

/** One row in a fresh child; a child that dies gives a skipped row saying how. */
function runChild(spec: ScaleChildSpec): Promise<ScaleRow> {
  return new Promise((resolve) => {
    const child = fork(new URL("./scale-row-child.js", import.meta.url), [JSON.stringify(spec)], {
      execArgv: childExecArgv(),
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: ScaleChildResult | null = null;
    child.once("message", (r) => {
      result = r as ScaleChildResult;
    });
    child.once("error", (e) => resolve({ pages: spec.pages, mode: spec.mode, skipped: `failed: ${e.message}` }));
    child.once("exit", (code, signal) => {
      if (result !== null) resolve({ pages: spec.pages, mode: spec.mode, ...result });
      else
        resolve({
          pages: spec.pages,
          mode: spec.mode,
          skipped: `failed: the child exited with ${signal ?? `code ${code}`} and no row`,
        });
    });
  });
}
