/**
 * Replays of the kernel ground truth (fixtures/ksmd-truth, docs/ksmd-ground-truth.md)
 * through the simulator: the `mixed` workload, the knobs of a setting, run=1 for
 * the recorded time, run=0.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createKsm, type Ksm, type TraceEvent } from "@ksm-sim/ksm";
import { createMachine } from "@ksm-sim/mm";
import { Simulation } from "../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** A fixture of fixtures/ksmd-truth, parsed. */
export function truth<T>(name: string): T {
  return JSON.parse(readFileSync(join(root, "fixtures", "ksmd-truth", name), "utf8")) as T;
}

export interface TimingSetting {
  pages_to_scan: number;
  sleep_millisecs: number;
  median: {
    elapsed_ms: number;
    pages_scanned: number;
    full_scans: number;
    ksmd_cpu_ms: number;
    pages_sharing: number;
    scan_end_ms: number[];
  };
}
export interface TimingDoc {
  machine: { hz: number };
  workload: { kind: "mixed"; pages: number };
  settings: TimingSetting[];
}
export interface AdvisorDoc {
  machine: { hz: number };
  workload: { kind: "mixed"; pages: number };
  knobs: Record<string, number | string>;
  run_ms: number;
  runs: { ksmd_runtime_ns_at_start: number; advisor_events: [number, number, number, number][] }[];
  median_trajectory: { step: number; t_ms: number; scan_time_s: number; pages_to_scan: number; cpu_percent: number }[];
}

/**
 * The `mixed` workload of tools/ksmd-truth/workload.c: one process, one VMA of
 * `pages` pages, the first half cycling through 64 contents, the second half
 * all distinct, madvised mergeable; every knob at its default.
 */
export function mixedWorld(pages: number, hz: number): { ksm: Ksm; sim: Simulation } {
  const machine = createMachine({ topology: { nodes: 1, pagesPerNode: pages + 1024 } });
  const ksm = createKsm(machine, { hz });
  const p = machine.spawn("W");
  const heap = machine.mmap(p, "heap", pages);
  const half = pages / 2;
  for (let i = 0; i < pages; i++) machine.write(p, heap, i, i < half ? 1 + (i % 64) : 1000 + i);
  machine.madviseMergeable(p, heap);
  return { ksm, sim: new Simulation(ksm) };
}

export interface TimingReplay {
  pagesScanned: number;
  fullScans: number;
  pagesSharing: number;
  cpuMs: number;
  /** ms after run=1 at which each full scan ended (ksm_stop_scan). */
  scanEndMs: number[];
}

/** One timing setting: run=1 for `ms` of simulated time on the mixed workload, run=0. */
export function replayTiming(doc: TimingDoc, s: TimingSetting, ms: number): TimingReplay {
  const { ksm, sim } = mixedWorld(doc.workload.pages, doc.machine.hz);
  ksm.sysfsWrite("pages_to_scan", String(s.pages_to_scan));
  ksm.sysfsWrite("sleep_millisecs", String(s.sleep_millisecs));
  const scanEndMs: number[] = [];
  ksm.setTraceSink((e: TraceEvent) => {
    if (e.event === "ksm_stop_scan") scanEndMs.push(e.t * 1000);
  });
  sim.runFor(ms);
  sim.runUntil(sim.nowNs + 1); // the batch in progress at run=0 ends
  const c = ksm.counters();
  return {
    pagesScanned: c.pages_scanned,
    fullScans: c.full_scans,
    pagesSharing: c.pages_sharing,
    cpuMs: sim.ksmd.runtimeNs / 1e6,
    scanEndMs,
  };
}

/** One advisor step as traced: [t_ms, scan_time_s, pages_to_scan, cpu_percent]. */
export type AdvisorEvent = [number, number, number, number];

/**
 * The advisor scenario: the mixed workload, the advisor's knobs, ksmd's
 * lifetime CPU time at run=1 set to `runtimeNs` (the first step reads it),
 * run=1 for `ms`. Returns the ksm_advisor events.
 */
export function replayAdvisor(doc: AdvisorDoc, runtimeNs: number, ms: number): AdvisorEvent[] {
  const { ksm, sim } = mixedWorld(doc.workload.pages, doc.machine.hz);
  const kn = doc.knobs;
  // advisor_mode last: its change sets pages_to_scan to advisor_min_pages_to_scan
  for (const knob of Object.keys(kn).filter((x) => x !== "advisor_mode")) ksm.sysfsWrite(knob, String(kn[knob]));
  ksm.sysfsWrite("advisor_mode", String(kn.advisor_mode));
  sim.ksmd.runtimeNs = runtimeNs;
  ksm.ksmdRuntimeNs = runtimeNs;
  const out: AdvisorEvent[] = [];
  ksm.setTraceSink((e: TraceEvent) => {
    if (e.event !== "ksm_advisor") return;
    const f = Object.fromEntries(e.args.split(" ").map((kv) => kv.split("=")));
    out.push([e.t * 1000, Number(f.scan_time), Number(f.pages_to_scan), Number(f.cpu_percent)]);
  });
  sim.runFor(ms);
  return out;
}
