/**
 * The scale rows of scale-bench.ts as text: one table (seconds and pages/s
 * of each scan, overall pages/s, bytes per simulated page, peak RSS, the
 * floor at that size and how near the scan comes to it, and the rate against
 * this machine's kernel), the skipped rows with their reasons, how per-page
 * cost grows against tree depth, and the rates against the goals.
 */
import type { ContentMode } from "@ksm-sim/mm";
import { type KernelSpeed, type KernelSpeedRow, kernelRateAt } from "./kernel-speed.js";
import { pagesLabel, type ScaleRow } from "./scale-bench.js";
import { formatTable, si } from "./table.js";

/** Overall pages/s against the kernel's that the issue asks for. */
export const KERNEL_GOALS: Readonly<Record<ContentMode, number>> = { tokens: 10, bytes: 3 };

/** The repeated contents of the workload: the stable tree's size. */
const STABLE_NODES = 64;

type Done = Extract<ScaleRow, { skipped?: undefined }>;
const isDone = (r: ScaleRow): r is Done => r.skipped === undefined;

/**
 * `kernel`: ksmd at its fastest (the recorder's own rows); `atDefaults`, if
 * given: ksmd at KSM's default knobs, as a scenario that sets none runs.
 */
export function formatScaleBench(rows: readonly ScaleRow[], kernel: KernelSpeed, atDefaults?: KernelSpeed): string {
  const done = rows.filter(isDone);
  const floorAt = (pages: number) => done.find((r) => r.pages === pages && r.floor !== null)?.floor ?? null;
  const header = [
    "mode",
    "pages",
    "scan1 s",
    "scan2 s",
    "scan3 s",
    "scan1 p/s",
    "scan2 p/s",
    "scan3 p/s",
    "overall p/s",
    "B/page",
    "peak RSS",
    "floor p/s",
    "of floor",
    "x kernel",
    ...(atDefaults ? ["x kernel (default knobs)"] : []),
  ];
  const body = done.map((r) => {
    const s = r.scan;
    const floor = floorAt(r.pages);
    const k = kernelRateAt(kernel, r.pages);
    const kd = atDefaults ? kernelRateAt(atDefaults, r.pages) : undefined;
    const times = (rate: number | undefined) =>
      rate === undefined ? "n/a" : `${(s.overallPagesPerSec / rate).toFixed(1)}x`;
    return [
      r.mode,
      pagesLabel(r.pages),
      ...s.scanSeconds.map((x) => x.toFixed(3)),
      ...s.pagesPerSec.map(si),
      si(s.overallPagesPerSec),
      Number.isFinite(s.bytesPerPage) ? s.bytesPerPage.toFixed(1) : "n/a",
      `${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
      floor ? si(floor.floorPagesPerSec) : "n/a",
      floor ? `${((100 * s.overallPagesPerSec) / floor.floorPagesPerSec).toFixed(0)}%` : "n/a",
      times(k),
      ...(atDefaults ? [times(kd)] : []),
    ];
  });
  const out = [formatTable(header, body)];
  for (const r of rows) if (!isDone(r)) out.push(`  ${r.mode} ${pagesLabel(r.pages)}: skipped: ${r.skipped}`);
  out.push(
    "",
    `B/page: heap + ArrayBuffers after gc per simulated page (machine and engine); peak RSS: the row's own process (${[...new Set(done.map((r) => r.peakRssSource))].join(", ") || "VmHWM"}), warm-up included.`,
    "floor p/s: runFloorBench at that size (best of 3 below 2^20, of 2 at 2^20, 1 run above); of floor: overall p/s / floor p/s.",
  );
  const growth = formatGrowth(done);
  if (growth.length > 0)
    out.push(
      "",
      "Per-page cost against tree depth (overall seconds per page; depth: log2 of the trees' sizes):",
      ...growth,
    );
  out.push("", ...formatGoals(done, kernel));
  if (atDefaults) out.push("", ...formatGoals(done, atDefaults));
  return out.join("\n");
}

/** For each mode, each pair of consecutive sizes: the growth of per-page time against that of tree depth. */
export function formatGrowth(done: readonly Done[]): string[] {
  const lines: string[] = [];
  for (const mode of ["tokens", "bytes"] as const) {
    const of = done.filter((r) => r.mode === mode).sort((a, b) => a.pages - b.pages);
    for (let i = 1; i < of.length; i++) {
      const a = of[i - 1]!;
      const b = of[i]!;
      const time = a.scan.overallPagesPerSec / b.scan.overallPagesPerSec; // (s/page at b) / (s/page at a)
      const perScan = a.scan.pagesPerSec.map((x, j) => (x / b.scan.pagesPerSec[j]!).toFixed(2)).join("/");
      const ua = Math.log2(a.pages / 2);
      const ub = Math.log2(b.pages / 2);
      const st = Math.log2(STABLE_NODES);
      const depth = ub / ua;
      const both = (ub + st) / (ua + st);
      const fa = a.floor;
      const fb = b.floor;
      const floor = fa && fb ? `; the floor's ×${(fa.floorPagesPerSec / fb.floorPagesPerSec).toFixed(2)}` : "";
      lines.push(
        `  ${mode} ${pagesLabel(a.pages)} → ${pagesLabel(b.pages)}: per-page time ×${time.toFixed(2)} (scans 1/2/3: ${perScan})${floor};` +
          ` unstable-tree depth ${ua.toFixed(1)} → ${ub.toFixed(1)} (×${depth.toFixed(2)}), with the stable tree's ${st}: ×${both.toFixed(2)}` +
          ` — ${time <= depth ? "no faster than tree depth" : "faster than tree depth"}`,
      );
    }
  }
  return lines;
}

/** Each row's overall rate against the kernel's at the same size, with the goal. */
export function formatGoals(done: readonly Done[], kernel: KernelSpeed): string[] {
  const fields = [...new Set(kernel.rows.map((r) => r.field))].join(", ");
  const which = kernel.section === undefined ? "" : ` [${kernel.section}]`;
  const head = `Against this machine's kernel (ksmd CPU time, ${kernel.path}${which}${fields ? ` ${fields}` : ""}${kernel.note ? `: ${kernel.note}` : ""}); goals: tokens >= ${KERNEL_GOALS.tokens}x, bytes >= ${KERNEL_GOALS.bytes}x:`;
  const lines = [head];
  for (const r of done) {
    const kr = kernel.rows.find((x) => x.pages === r.pages);
    const k = kr?.pagesPerSec;
    const goal = KERNEL_GOALS[r.mode];
    if (k === undefined) {
      lines.push(`  ${r.mode} ${pagesLabel(r.pages)}: no kernel measurement at this size`);
      continue;
    }
    const x = r.scan.overallPagesPerSec / k;
    const cpu = r.scan.cpuPagesPerSec / k;
    lines.push(
      `  ${r.mode} ${pagesLabel(r.pages)}: ${x.toFixed(1)}x (by cpu time ${cpu.toFixed(1)}x; kernel ${si(k)} p/s), goal ${goal}x: ${x >= goal ? "met" : "not met"}${countersNote(r, kr?.counters)}`,
    );
  }
  return lines;
}

/** Whether the simulator's counters after the three scans are the kernel's. */
function countersNote(r: Done, k: KernelSpeedRow["counters"]): string {
  if (k === undefined) return "";
  const sim = [r.scan.pagesShared, r.scan.pagesSharing, r.scan.pagesUnshared];
  const ker = [k.pagesShared, k.pagesSharing, k.pagesUnshared];
  if (sim.every((v, i) => v === ker[i])) return "; counters = the kernel's";
  return `; COUNTERS DIFFER: shared/sharing/unshared ${sim.join("/")}, kernel ${ker.join("/")}`;
}
