/**
 * This machine's ksmd on the benchmark's workload, as recorded in
 * fixtures/kernel-speed/bench-workload.json: ksmd's CPU time for three full
 * scans of N pages. The file's shape is read tolerantly: the rows are the
 * first array of objects with a numeric `pages` (the file itself, or any
 * property of it, searched breadth-first); each row's rate is its pages/s
 * field (any key with "pages per": pagesPerSec, pages_per_cpu_s_median...),
 * or else its scans' pages over a total-seconds field (any number key with
 * "total"), or else over the sum of a per-scan seconds array; where there
 * are several, a median wins over an unqualified one, which wins over a
 * best/min/max. Scans: a `scans` field of the row or the file, or the
 * per-scan array's length, or 3. A row's `counters` (pages_shared,
 * pages_sharing, pages_unshared) are kept. A missing or unreadable file
 * gives no rows and a note saying why. `section` reads the rows of one
 * top-level part of the file instead (the recorder's `defaultKnobs`: ksmd
 * at KSM's default knobs, where the file's own rows are ksmd at its fastest).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface KernelSpeedRow {
  pages: number;
  /** Pages per second of ksmd CPU time over the scans. */
  pagesPerSec: number;
  /** The field it came from (a pages/s field, or the seconds it was derived from). */
  field: string;
  /** The kernel's counters after the scans, where recorded. */
  counters?: { pagesShared: number; pagesSharing: number; pagesUnshared: number };
}

export interface KernelSpeed {
  /** The file read. */
  path: string;
  /** The part of it read (absent: the file's own rows). */
  section?: string;
  rows: KernelSpeedRow[];
  /** Why there are no rows (or rows were left out); absent when all is well. */
  note?: string;
}

/** The default file: <repo>/fixtures/kernel-speed/bench-workload.json (from dist/ or src/). */
export const KERNEL_SPEED_FILE = fileURLToPath(
  new URL("../../../fixtures/kernel-speed/bench-workload.json", import.meta.url),
);

/** Read the kernel's speed; never throws. */
export function readKernelSpeed(path: string = KERNEL_SPEED_FILE, section?: string): KernelSpeed {
  const at = section === undefined ? {} : { section };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      path,
      ...at,
      rows: [],
      note: code === "ENOENT" ? "not recorded (no such file)" : `unreadable (${code ?? e})`,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { path, ...at, rows: [], note: `not JSON (${(e as Error).message})` };
  }
  if (section !== undefined) {
    const part = isObj(data) ? data[section] : undefined;
    if (!isObj(part)) return { path, ...at, rows: [], note: `no \`${section}\` part in it` };
    data = part;
  }
  const raw = findRows(data);
  if (raw === null) return { path, ...at, rows: [], note: "no array of rows with a numeric `pages` in it" };
  const rows: KernelSpeedRow[] = [];
  let skipped = 0;
  for (const r of raw) {
    const rate = rateOf(r, data);
    if (rate === null) {
      skipped++;
      continue;
    }
    const row: KernelSpeedRow = { pages: r.pages as number, ...rate };
    const counters = countersOf(r);
    if (counters) row.counters = counters;
    rows.push(row);
  }
  const out: KernelSpeed = { path, ...at, rows };
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

/** The best of `keys` by preference: a median, then an unqualified one, then a best/min/max. */
function pick<T>(cands: [string, T][]): [string, T] | undefined {
  const rank = (k: string) => (norm(k).includes("median") ? 0 : /best|min|max|mean|avg/.test(norm(k)) ? 2 : 1);
  return [...cands].sort((x, y) => rank(x[0]) - rank(y[0]))[0];
}

function rateOf(r: Obj, root: unknown): { pagesPerSec: number; field: string } | null {
  const pages = r.pages as number;
  const entries = Object.entries(r);
  const pps = pick(entries.filter(([k, v]) => norm(k).includes("pagesper") && isPos(v)));
  if (pps) return { pagesPerSec: pps[1] as number, field: pps[0] };
  const perScan = pick(
    entries.filter(
      ([k, v]) =>
        Array.isArray(v) &&
        v.length > 0 &&
        v.every(isPos) &&
        /sec|cpus|wall|^scans?/.test(norm(k)) &&
        !norm(k).includes("pages"),
    ),
  ) as [string, number[]] | undefined;
  const scansOf = (o: unknown) => (isObj(o) && isPos(o.scans) ? o.scans : undefined);
  const scans = scansOf(r) ?? scansOf(root) ?? perScan?.[1].length ?? 3;
  const total = pick(entries.filter(([k, v]) => norm(k).includes("total") && isPos(v)));
  if (total) return { pagesPerSec: (scans * pages) / (total[1] as number), field: total[0] };
  if (perScan) return { pagesPerSec: (scans * pages) / perScan[1].reduce((a, b) => a + b, 0), field: perScan[0] };
  return null;
}

/** The counters after the scans, if the row has them (a `counters` object with pages_shared, pages_sharing, pages_unshared). */
function countersOf(r: Obj): KernelSpeedRow["counters"] {
  const c = r.counters;
  if (!isObj(c)) return undefined;
  const n = (k: string) => (typeof c[k] === "number" ? (c[k] as number) : undefined);
  const [shared, sharing, unshared] = [n("pages_shared"), n("pages_sharing"), n("pages_unshared")];
  if (shared === undefined || sharing === undefined || unshared === undefined) return undefined;
  return { pagesShared: shared, pagesSharing: sharing, pagesUnshared: unshared };
}
