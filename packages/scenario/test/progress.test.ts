/**
 * runScenario's onProgress: `scan` steps report in batches (throttled by
 * wall-clock time), `run_for` steps by simulated time, and reporting never
 * changes the result.
 */
import { describe, expect, it } from "vitest";
import { type RunProgress, runScenario, SCAN_PROGRESS_BATCH, type Scenario, validateScenario } from "../src/index.js";

function valid(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join("\n"));
  return v.scenario;
}

const PAGES = 3 * SCAN_PROGRESS_BATCH + 100;
const scans = valid({
  version: 1,
  name: "scans",
  steps: [
    { op: "spawn", proc: "A" },
    { op: "mmap", proc: "A", vma: "h", pages: PAGES },
    { op: "write", proc: "A", vma: "h", content: { from: 1, period: 300 } },
    { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
    { op: "scan", full_scans: 2 },
    { op: "snapshot", label: "merged" },
    { op: "write", proc: "A", vma: "h", count: 10, content: 7 },
    { op: "scan", full_scans: 1 },
    { op: "snapshot", label: "again" },
  ],
});

describe("progress of scan steps", () => {
  it("reports after every batch with progressEveryMs 0, fractions rising to 1, counters as they are", () => {
    const calls: RunProgress[] = [];
    const doc = runScenario(scans, { onProgress: (_d, _t, p) => calls.push(p), progressEveryMs: 0 });
    expect(calls.every((p) => p.phase === "scan" && p.totalScanStepFullScans === 3)).toBe(true);
    // 4 batches per full scan, the last of which ends it; then one call at the end of each step
    const ends = calls.filter((p) => p.fraction === 2 / 3 || p.fraction === 1);
    expect(ends.map((p) => p.scanStepFullScans)).toEqual([2, 3]);
    expect(calls.length).toBe(3 * 3 + 2);
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i]!.fraction).toBeGreaterThanOrEqual(calls[i - 1]!.fraction);
      expect(calls[i]!.pagesScanned).toBeGreaterThanOrEqual(calls[i - 1]!.pagesScanned);
    }
    expect(calls[0]).toMatchObject({ scanStepFullScans: 0, fullScans: 0, pagesScanned: SCAN_PROGRESS_BATCH });
    const last = calls.at(-1)!;
    expect(last.fraction).toBe(1);
    expect(last.fullScans).toBe(doc.snapshots[1]!.ksm.full_scans);
    expect(last.pagesScanned).toBe(doc.snapshots[1]!.ksm.pages_scanned);
  });

  it("reports at most once per progressEveryMs within a step, and always at its end", () => {
    const calls: RunProgress[] = [];
    runScenario(scans, { onProgress: (_d, _t, p) => calls.push(p), progressEveryMs: 1e9 });
    // the first batch (nothing was reported yet), then only the step ends
    expect(calls.map((p) => [p.scanStepFullScans, p.fraction])).toEqual([
      [0, SCAN_PROGRESS_BATCH / PAGES / 3], // the first full scan is expected to take the frames in use
      [2, 2 / 3],
      [3, 1],
    ]);
  });

  it("gives the same result document, trace and time series with and without progress", () => {
    const plain = runScenario(scans, { trace: true });
    const reported = runScenario(scans, { trace: true, onProgress: () => {}, progressEveryMs: 0 });
    expect(reported).toEqual(plain);
    const samples = (progress: boolean) => {
      const out: unknown[] = [];
      const doc = runScenario(scans, {
        trace: true,
        sampleEveryMs: 50,
        onSample: (s) => out.push(s),
        ...(progress ? { onProgress: () => {}, progressEveryMs: 0 } : {}),
      });
      return { doc, out };
    };
    expect(samples(true)).toEqual(samples(false));
    expect(samples(false).doc).toEqual(plain);
  });

  it("counts the full scans of a step with nothing registered as done", () => {
    const calls: RunProgress[] = [];
    runScenario(
      valid({
        version: 1,
        name: "idle",
        steps: [
          { op: "scan", full_scans: 4 },
          { op: "spawn", proc: "A" },
          { op: "mmap", proc: "A", vma: "h", pages: 8 },
          { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
          { op: "scan", full_scans: 1 },
        ],
      }),
      { onProgress: (_d, _t, p) => calls.push(p) },
    );
    expect(calls.map((p) => [p.scanStepFullScans, p.fraction, p.fullScans])).toEqual([
      [4, 4 / 5, 0],
      [5, 1, 1],
    ]);
  });
});

describe("progress of run_for steps", () => {
  it("passes simulated time and the run's counters", () => {
    const calls: [number, number, RunProgress][] = [];
    const doc = runScenario(
      valid({
        version: 1,
        name: "clocked",
        steps: [
          { op: "spawn", proc: "A" },
          { op: "mmap", proc: "A", vma: "h", pages: 64 },
          { op: "write", proc: "A", vma: "h", content: { from: 1, period: 8 } },
          { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
          { op: "run_for", ms: 500 },
          { op: "snapshot" },
        ],
      }),
      { onProgress: (d, t, p) => calls.push([d, t, p]) },
    );
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.length).toBeLessThanOrEqual(1000);
    const [doneMs, totalMs, last] = calls.at(-1)!;
    expect([doneMs, totalMs]).toEqual([500, 500]);
    expect(last).toMatchObject({ phase: "run_for", fraction: 1, simulatedMs: 500, totalSimulatedMs: 500 });
    expect(last.fullScans).toBe(doc.snapshots[0]!.ksm.full_scans);
    expect(last.fullScans).toBeGreaterThan(0);
  });
});
