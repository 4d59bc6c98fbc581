/**
 * This machine's ksmd on the benchmark's workload, as recorded in
 * fixtures/kernel-speed/bench-workload.json: ksmd's CPU time for three full
 * scans of N pages. The file's shape is read tolerantly: the rows are the
 * first array of objects with a numeric `pages` (the file itself, or any
 * property of it, searched breadth-first); each row's rate is its pages/s
 * field (pagesPerSec, pages_per_sec, ...), or else its scans' pages over a
 * total-seconds field (totalSeconds, total_cpu_seconds, ...), or else over
 * the sum of a per-scan seconds array. A missing or unreadable file gives
 * no rows and a note saying why.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface KernelSpeedRow {
  pages: number;
  /** Pages per second of ksmd CPU time over the scans. */
  pagesPerSec: number;
}

export interface KernelSpeed {
  /** The file read. */
  path: string;
  rows: KernelSpeedRow[];
  /** Why there are no rows (or rows were left out); absent when all is well. */
  note?: string;
}

/** The default file: <repo>/fixtures/kernel-speed/bench-workload.json (from dist/ or src/). */
export const KERNEL_SPEED_FILE = fileURLToPath(
  new URL("../../../fixtures/kernel-speed/bench-workload.json", import.meta.url),
);

/** Read the kernel's speed; never throws. */
export function readKernelSpeed(path: string = KERNEL_SPEED_FILE): KernelSpeed {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { path, rows: [], note: code === "ENOENT" ? "not recorded (no such file)" : `unreadable (${code ?? e})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { path, rows: [], note: `not JSON (${(e as Error).message})` };
  }
  const raw = findRows(data);
  if (raw === null) return { path, rows: [], note: "no array of rows with a numeric `pages` in it" };
  const rows: KernelSpeedRow[] = [];
  let skipped = 0;
  for (const r of raw) {
    const pps = rateOf(r);
    if (pps === null) skipped++;
    else rows.push({ pages: r.pages as number, pagesPerSec: pps });
  }
  const out: KernelSpeed = { path, rows };
  if (skipped > 0) out.note = `${skipped} row(s) without a pages/s or total-seconds field left out`;
  return out;
}

/** The kernel's pages/s at exactly `pages`, or undefined. */
export function kernelRateAt(speed: KernelSpeed, pages: number): number | undefined {
  return speed.rows.find((r) => r.pages === pages)?.pagesPerSec;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const isPos = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x > 0;

function findRows(data: unknown): Obj[] | null {
  const queue: unknown[] = [data];
  for (let depth = 0; queue.length > 0 && depth < 1000; depth++) {
    const x = queue.shift();
    if (Array.isArray(x)) {
      const rows = x.filter((r): r is Obj => isObj(r) && isPos(r.pages));
      if (rows.length > 0) return rows;
      queue.push(...x);
    } else if (isObj(x)) queue.push(...Object.values(x));
  }
  return null;
}

/** Key normalised: lower case, no separators ("pages_per_sec" → "pagespersec"). */
const norm = (k: string) => k.toLowerCase().replace(/[^a-z0-9]/g, "");

function rateOf(r: Obj): number | null {
  const pages = r.pages as number;
  const entries = Object.entries(r).map(([k, v]) => [norm(k), v] as const);
  const pps = entries.find(([k, v]) => /pagesper(s|sec|second)s?$/.test(k) && isPos(v));
  if (pps) return pps[1] as number;
  const scansField = entries.find(([k, v]) => (k === "scans" || k === "fullscans") && isPos(v));
  const perScan = entries.find(
    ([k, v]) => Array.isArray(v) && v.length > 0 && v.every(isPos) && /sec|seconds|^scans?$/.test(k),
  )?.[1] as number[] | undefined;
  const scans = (scansField?.[1] as number | undefined) ?? perScan?.length ?? 3;
  const total = entries.find(([k, v]) => k.includes("total") && /sec|s$|^total$/.test(k) && isPos(v));
  if (total) return (scans * pages) / (total[1] as number);
  if (perScan) return (scans * pages) / perScan.reduce((a, b) => a + b, 0);
  return null;
}
