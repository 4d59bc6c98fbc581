/**
 * A progress bar on a terminal's stderr for long runs: the full scans of
 * `scan` steps and the simulated time of `run_for` steps, pages scanned,
 * elapsed time and an estimate of the time left.
 */
import type { RunProgress } from "@ksm-sim/scenario";

const WIDTH = 30;
/** At most this many redraws per second (the last one, at 100%, is always drawn). */
const REDRAWS_PER_SECOND = 10;
/** The estimate of the time left is shown once a phase has run this long (ms). */
const ESTIMATE_AFTER_MS = 500;

export interface ProgressBar {
  /** runScenario's onProgress: `doneMs` of `totalMs` simulated ms, and (from the runner) where the run is. */
  update: (doneMs: number, totalMs: number, progress?: RunProgress) => void;
  /** Clears the bar. */
  done: () => void;
}

/** `12 s`, `3 min 05 s`, `2 h 07 min`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/** `950`, `12.3 k`, `4.1 M`, `1.2 G`. */
export function count(n: number): string {
  if (n < 10_000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} k`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} M`;
  return `${(n / 1e9).toFixed(1)} G`;
}

/**
 * A progress callback writing a bar with `write` (at most 10 redraws a
 * second by `now`, a clock in ms), and `done()` to clear it.
 */
export function progressBar(write: (text: string) => void, now: () => number = () => performance.now()): ProgressBar {
  const start = now();
  let shown = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  // the phase the estimate is about: when it began, and how far it was then
  let phase = "";
  let phaseStart = start;
  let phaseFrom = 0;
  return {
    update(doneMs, totalMs, progress) {
      const t = now();
      const f = Math.min(1, Math.max(0, progress?.fraction ?? (totalMs > 0 ? doneMs / totalMs : 1)));
      const kind = progress?.phase ?? "run_for";
      if (kind !== phase) {
        phase = kind;
        phaseStart = t;
        phaseFrom = f;
      }
      if (shown && f < 1 && t - lastDraw < 1000 / REDRAWS_PER_SECOND) return;
      lastDraw = t;
      const fill = Math.round(f * WIDTH);
      const parts: string[] = [];
      if (kind === "scan" && progress !== undefined) {
        const total = progress.totalScanStepFullScans;
        parts.push(`full scan ${Math.min(progress.scanStepFullScans + (f < 1 ? 1 : 0), total)} of ${total}`);
      } else {
        parts.push(`${(doneMs / 1000).toFixed(1)} s of ${(totalMs / 1000).toFixed(1)} s simulated`);
        if (progress !== undefined) parts.push(`${progress.fullScans} full scans`);
      }
      if (progress !== undefined) parts.push(`${count(progress.pagesScanned)} pages scanned`);
      parts.push(`${duration(t - start)} elapsed`);
      if (f < 1 && f > phaseFrom && t - phaseStart >= ESTIMATE_AFTER_MS) {
        parts.push(`~${duration(((t - phaseStart) * (1 - f)) / (f - phaseFrom))} left`);
      }
      write(`\r[${"#".repeat(fill)}${".".repeat(WIDTH - fill)}] ${Math.floor(f * 100)}% ${parts.join(", ")}\u001b[K`);
      shown = true;
    },
    done() {
      if (shown) write("\r\u001b[K");
    },
  };
}
