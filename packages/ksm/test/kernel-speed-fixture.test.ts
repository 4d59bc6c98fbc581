/**
 * The kernel-speed fixture (fixtures/kernel-speed/bench-workload.json,
 * recorded by tools/kernel-speed on this project's machine): this machine's
 * ksmd CPU time per full scan of the scan-bench workload. The test never
 * touches the host kernel: it checks the fixture's shape, then runs the same
 * workload through the simulator and requires the counters the kernel showed
 * after its three full scans, exactly.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMachine } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import { benchToken } from "../src/bench/index.js";
import { createKsm, type KsmCounters } from "../src/index.js";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "../../../fixtures/kernel-speed/bench-workload.json");
const present = existsSync(FIXTURE);
/** The size the simulator replays (the bench's default). */
const REPLAY_PAGES = 200_000;

const END_COUNTERS = [
  "pages_shared",
  "pages_sharing",
  "pages_unshared",
  "pages_volatile",
  "stable_node_chains",
  "stable_node_dups",
  "ksm_zero_pages",
  "general_profit",
] as const;

interface SizeRecord {
  pages: number;
  runs: number;
  scan_cpu_s_median: number[];
  scan_cpu_s_min: number[];
  scan_cpu_s_all: number[][];
  total_cpu_s_median: number;
  total_cpu_s_min: number;
  pages_per_cpu_s_median: number;
  pages_per_cpu_s_best: number;
  scan_wall_s_median: number[];
  pages_scanned: number[];
  pages_skipped: number[];
  counters: Record<(typeof END_COUNTERS)[number], number>;
  counters_same_in_every_run: boolean;
  run_details: { scan_cpu_s: number[]; total_cpu_s: number; counters: Record<string, number> }[];
}

interface Fixture {
  format: string;
  machine: { kernel: string; cpu_model: string; cpus: number; date: string };
  method: string;
  scans: number;
  sizes: SizeRecord[];
  /** The same workload under KSM's default knobs (`kernel_speed.py --knobs default`), when recorded. */
  defaultKnobs?: DefaultKnobs;
}

/** A size row of the default-knobs section: the fastest rows' fields plus the knobs and the attribution. */
interface DefaultSizeRecord extends SizeRecord {
  knobs: { pages_to_scan: string; sleep_millisecs: string; ksmd_sched: string };
  attribution: string;
  all_reads_exact: boolean;
  scan4_started_before_run0: boolean;
  counters_equal_fastest?: boolean;
  run_details: (SizeRecord["run_details"][number] & {
    scan_read_exact: boolean[];
    scan_late_batches_max: number[];
    scan4_started_before_run0: boolean;
  })[];
}

interface DefaultKnobs {
  machine: { kernel: string; date: string };
  knobs: Record<string, string>;
  method: string;
  scans: number;
  sizes: DefaultSizeRecord[];
}

const doc: Fixture | undefined = present ? JSON.parse(readFileSync(FIXTURE, "utf8")) : undefined;

/** The bench workload (scan-bench.ts benchScan's setup), three full scans; per-scan pages_scanned/skipped and the end counters. */
function simulate(pages: number) {
  const m = createMachine({ topology: { nodes: 1, pagesPerNode: pages }, contents: "tokens" });
  const ksm = createKsm(m);
  const mm = m.spawn("bench");
  const vma = m.mmap(mm, "heap", pages);
  for (let i = 0; i < pages; i++) m.write(mm, vma, i, benchToken(i));
  expect(m.madviseMergeable(mm, vma)).toBe("ok");
  const scanned: number[] = [];
  const skipped: number[] = [];
  let prev: KsmCounters = ksm.counters();
  for (let s = 0; s < 3; s++) {
    ksm.runFullScans(1);
    const c = ksm.counters();
    scanned.push(c.pages_scanned - prev.pages_scanned);
    skipped.push(c.pages_skipped - prev.pages_skipped);
    prev = c;
  }
  return { scanned, skipped, counters: Object.fromEntries(END_COUNTERS.map((k) => [k, prev[k]])) };
}

/** The recorder's per-size summary: consistent with its runs, three full scans of every page, one set of end counters. */
function expectSizeShape(s: SizeRecord): void {
  expect(s.runs).toBeGreaterThan(0);
  expect(s.run_details).toHaveLength(s.runs);
  expect(s.scan_cpu_s_all).toHaveLength(3);
  for (let k = 0; k < 3; k++) {
    const all = s.scan_cpu_s_all[k]!;
    expect(all).toHaveLength(s.runs);
    for (const x of all) expect(x).toBeGreaterThan(0);
    expect(s.scan_cpu_s_min[k]).toBe(Math.min(...all));
    expect(s.scan_cpu_s_median[k]).toBeGreaterThanOrEqual(s.scan_cpu_s_min[k]!);
    expect(s.scan_cpu_s_median[k]).toBeLessThanOrEqual(Math.max(...all));
  }
  for (const r of s.run_details) {
    expect(r.total_cpu_s).toBeCloseTo(r.scan_cpu_s[0]! + r.scan_cpu_s[1]! + r.scan_cpu_s[2]!, 5);
  }
  expect(s.total_cpu_s_min).toBe(Math.min(...s.run_details.map((r) => r.total_cpu_s)));
  expect(s.pages_per_cpu_s_median).toBe(Math.round((3 * s.pages) / s.total_cpu_s_median));
  expect(s.pages_per_cpu_s_best).toBe(Math.round((3 * s.pages) / s.total_cpu_s_min));
  expect(s.scan_wall_s_median).toHaveLength(3);
  // every page is visited in each of the three scans (smart_scan skips nothing this early)
  expect(s.pages_scanned).toEqual([s.pages, s.pages, s.pages]);
  expect(s.pages_skipped).toEqual([0, 0, 0]);
  expect(Object.keys(s.counters).sort()).toEqual([...END_COUNTERS].sort());
  expect(s.counters_same_in_every_run).toBe(true);
  for (const r of s.run_details) expect(r.counters).toEqual(s.counters);
}

describe.skipIf(!present)(
  "kernel-speed fixture (skipped when fixtures/kernel-speed/bench-workload.json is absent)",
  () => {
    const d = doc as Fixture;

    it("has the recorder's shape: machine, method, three scans per size, consistent summaries", () => {
      expect(d.format).toBe("kernel-speed/bench-workload v1");
      expect(d.machine.kernel).toMatch(/^\d+\.\d+/);
      expect(typeof d.machine.cpu_model).toBe("string");
      expect(d.machine.cpus).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(d.machine.date))).toBe(false);
      expect(d.method).toMatch(/schedstat/);
      expect(d.scans).toBe(3);
      expect(d.sizes.map((s) => s.pages)).toContain(REPLAY_PAGES);
      for (const s of d.sizes) expectSizeShape(s);
    });

    it.skipIf(doc?.defaultKnobs === undefined)(
      "the default-knobs section (when recorded): same row shape, default knobs, exact reads, the fastest rows' counters",
      () => {
        const dk = d.defaultKnobs as DefaultKnobs;
        expect(dk.machine.kernel).toBe(d.machine.kernel);
        expect(dk.knobs.pages_to_scan).toBe("100");
        expect(dk.knobs.sleep_millisecs).toBe("20");
        expect(dk.method).toMatch(/schedstat/);
        expect(dk.scans).toBe(3);
        expect(dk.sizes.length).toBeGreaterThan(0);
        for (const s of dk.sizes) {
          expectSizeShape(s);
          expect(s.knobs).toEqual({ pages_to_scan: "100", sleep_millisecs: "20", ksmd_sched: expect.any(String) });
          expect(s.attribution).toBe(dk.method);
          expect(s.scan4_started_before_run0).toBe(false);
          for (const r of s.run_details) {
            expect(r.scan_read_exact).toHaveLength(3);
            expect(r.scan4_started_before_run0).toBe(false);
            // a late read is flagged with a bound on the batches it over-counts
            for (let k = 0; k < 3; k++) expect(r.scan_late_batches_max[k]! > 0).toBe(!r.scan_read_exact[k]);
          }
          expect(s.all_reads_exact).toBe(s.run_details.every((r) => r.scan_read_exact.every(Boolean)));
          // the knobs change the batching, not the result: the end counters are the fastest rows'
          const fastest = d.sizes.find((f) => f.pages === s.pages);
          if (fastest) {
            expect(s.counters).toEqual(fastest.counters);
            expect(s.counters_equal_fastest).toBe(true);
          }
        }
      },
    );

    it(`the simulator ends the three scans of ${REPLAY_PAGES} pages with the kernel's counters, exactly`, () => {
      const rec = d.sizes.find((s) => s.pages === REPLAY_PAGES) as SizeRecord;
      const sim = simulate(REPLAY_PAGES);
      expect(sim.scanned).toEqual(rec.pages_scanned);
      expect(sim.skipped).toEqual(rec.pages_skipped);
      expect(sim.counters).toEqual(rec.counters);
    }, 120_000);
  },
);
