/**
 * The engine benchmark: how fast ksmd's full scans run, per tree backend and
 * content mode, and what the simulation costs in memory per page. It returns
 * rows and prints nothing; run it under `node --expose-gc` so memory can be
 * measured after a collection.
 *
 * Workload (one process, one VMA of `pages` pages, all madvised mergeable):
 * page i even → token 1 + (i/2 mod 64) (64 contents, each repeated), page i
 * odd → a token of its own. Three full scans, each timed alone
 * (`ksm.runFullScans(1)`; setup and writes are not timed):
 *  - scan 1: every page is new: its checksum is computed and remembered;
 *  - scan 2: checksums unchanged, so every page is looked up in the stable
 *    and unstable trees; the repeated pages merge into 64 KSM pages;
 *  - scan 3: steady state: KSM pages are recognised as already merged, the
 *    unique pages search the stable tree and refill the unstable tree.
 */

import { type ContentMode, createMachine, MAX_VMA_PAGES } from "@ksm-sim/mm";
import type { TreeBackend } from "@ksm-sim/tree";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { createKsm } from "../ksm.js";

export interface ScanBenchOptions {
  /** 50 000 pages instead of 200 000. */
  quick?: boolean;
  /** Override the page count (at most MAX_VMA_PAGES, 2^28: one VMA). */
  pages?: number;
  /** Tree backends to measure (default: the lib/rbtree.c port only). */
  backends?: readonly TreeBackend[];
  /** Content modes to measure (default: tokens, then bytes). */
  modes?: readonly ContentMode[];
  /**
   * Pages of the untimed warm-up run before each measurement (default
   * 40 000: enough that the warm-up meets every path of the workload, chains
   * of dups included, which need more than max_page_sharing (256) copies of
   * a content; with fewer, the timed run pays for the JIT's first meeting
   * with them). 0 for none.
   */
  warmupPages?: number;
}

export interface ScanBenchRow {
  backend: string;
  mode: ContentMode;
  /** Pages in the VMA (each full scan visits every one). */
  pages: number;
  /** Seconds of each of the three full scans. */
  scanSeconds: [number, number, number];
  /** Pages per second of each full scan. */
  pagesPerSec: [number, number, number];
  /** Pages per second over the three scans (3 * pages / total seconds). */
  overallPagesPerSec: number;
  /**
   * The same per second of this process's CPU time (user + system, all
   * threads, so the collector's helpers count): less sensitive than wall
   * time to other jobs sharing the machine.
   */
  cpuPagesPerSec: number;
  /** memcmp_pages calls per page scanned (the kernel's count: tree descents and pages_identical), over the three scans. */
  comparesPerPage: number;
  /** Heap plus external (ArrayBuffer and WebAssembly memory) bytes per simulated page after gc, machine and engine included; NaN without --expose-gc. */
  bytesPerPage: number;
  /** The counters after the three scans, to check the workload did what it says. */
  pagesShared: number;
  pagesSharing: number;
  pagesUnshared: number;
}

/** The number of repeated contents. */
export const REPEATED_CONTENTS = 64;

/** The default warm-up: 2 × 64 × 312 pages, so each repeated content has more than 256 copies and forms a chain. */
export const WARMUP_PAGES = 40_000;

const gc = (globalThis as { gc?: () => void }).gc;

function heapBytes(): number {
  gc?.();
  gc?.();
  const u = process.memoryUsage();
  return u.heapUsed + u.external; // external: ArrayBuffers and WebAssembly memories (bytes-mode arenas)
}

/** Page i's token: even pages cycle through tokens 1..64, odd pages get tokens of their own (above 64). */
export function benchToken(i: number): number {
  return i % 2 === 0 ? 1 + ((i >>> 1) % REPEATED_CONTENTS) : REPEATED_CONTENTS + 1 + i;
}

/** Options of one measurement. */
export interface BenchScanOptions {
  /** Pages of an untimed warm-up run of the same kind before the timed one (default 0: none). */
  warmupPages?: number;
}

/**
 * One measurement: an untimed warm-up run (if asked), then build the
 * machine, write, madvise and time three full scans. Memory is measured
 * around both: the baseline (after gc) before the warm-up, the rest after
 * the timed scans, when the warm-up's machine is garbage. No collection is
 * forced between the warm-up and the timed scans: one there made them up to
 * 2x slower (the JIT re-warms code the forced gc discarded).
 */
export function benchScan(
  backend: TreeBackend,
  mode: ContentMode,
  pages: number,
  options: BenchScanOptions = {},
): ScanBenchRow {
  checkPages("pages", pages);
  const warmup = options.warmupPages ?? 0;
  if (warmup !== 0) checkPages("warmupPages", warmup);
  const before = gc ? heapBytes() : 0;
  if (warmup > 0) timedScans(backend, mode, warmup, false);
  return timedScans(backend, mode, pages, true, before);
}

function checkPages(name: string, pages: number): void {
  if (!Number.isInteger(pages) || pages < 2 || pages > MAX_VMA_PAGES) {
    throw new RangeError(`${name}: must be an integer from 2 to ${MAX_VMA_PAGES}, got ${pages}`);
  }
}

/** Build, write, madvise, time three full scans; with `measure`, the heap after gc against `before`. */
function timedScans(
  backend: TreeBackend,
  mode: ContentMode,
  pages: number,
  measure: boolean,
  before = 0,
): ScanBenchRow {
  const m = createMachine({ topology: { nodes: 1, pagesPerNode: pages }, contents: mode });
  const ksm = createKsm(m, { tree: backend });
  const mm = m.spawn("bench");
  const vma = m.mmap(mm, "heap", pages);
  for (let i = 0; i < pages; i++) m.write(mm, vma, i, benchToken(i));
  if (m.madviseMergeable(mm, vma) !== "ok") throw new Error("scan bench: madvise(MADV_MERGEABLE) failed");

  const scanSeconds: [number, number, number] = [0, 0, 0];
  let cpuMicros = 0;
  const compares0 = ksm.nrCompares;
  for (let s = 0; s < 3; s++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    ksm.runFullScans(1);
    scanSeconds[s] = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    cpuMicros += c.user + c.system;
  }
  const c = ksm.counters();
  const bytesPerPage = measure && gc ? (heapBytes() - before) / pages : Number.NaN;
  // keep the machine and engine alive through the measurement above
  if (ksm.machine !== m) throw new Error("unreachable");
  const total = scanSeconds[0] + scanSeconds[1] + scanSeconds[2];
  return {
    backend: backend.name,
    mode,
    pages,
    scanSeconds,
    pagesPerSec: [pages / scanSeconds[0], pages / scanSeconds[1], pages / scanSeconds[2]],
    overallPagesPerSec: (3 * pages) / total,
    cpuPagesPerSec: (3 * pages * 1e6) / cpuMicros,
    comparesPerPage: (ksm.nrCompares - compares0) / (3 * pages),
    bytesPerPage,
    pagesShared: c.pages_shared,
    pagesSharing: c.pages_sharing,
    pagesUnshared: c.pages_unshared,
  };
}

/**
 * Runs the benchmark: 200 000 pages (`quick`: 50 000) for each content mode
 * and backend, each after a small untimed warm-up run of the same kind.
 */
export function runScanBench(options: ScanBenchOptions = {}): ScanBenchRow[] {
  const pages = options.pages ?? (options.quick ? 50_000 : 200_000);
  const backends = options.backends ?? [rbtreeBackend];
  const modes = options.modes ?? (["tokens", "bytes"] as const);
  const warmup = options.warmupPages ?? WARMUP_PAGES;
  const rows: ScanBenchRow[] = [];
  for (const mode of modes) {
    for (const backend of backends) {
      rows.push(benchScan(backend, mode, pages, { warmupPages: warmup }));
    }
  }
  return rows;
}
