/**
 * Time series of a scenario run on the simulated clock: every N ms the
 * counters of /sys/kernel/mm/ksm, ksmd's state, each live process's
 * ksm_stat and each NUMA node's memory in use, written as CSV or JSON
 * (docs/scenario-format-additions.md, "Time series").
 */
import { KSM_STAT_FIELDS, type KsmStat } from "@ksm-sim/ksm";
import { KSM_COUNTERS, type KsmCounters } from "./result.js";

/** ksmd at a sample. */
export interface KsmdSample {
  /** ksm_run (0, 1, 2; 4 is OR-ed in while a node is offlined). */
  run: number;
  pages_to_scan: number;
  sleep_millisecs: number;
  /** parked, ready, busy or sleeping. */
  state: string;
  /** ksmd's CPU time since the scenario began, ms (the cost model's). */
  cpu_ms: number;
  /** Batches that scanned. */
  batches: number;
}

/** One sample: the state at `t_ms`, after everything that happened at or before it. */
export interface Sample {
  t_ms: number;
  ksm: KsmCounters;
  ksmd: KsmdSample;
  /** Every live process, by scenario name. */
  procs: Record<string, KsmStat>;
  /** Pages in use (allocated frames) per NUMA node, node 0 first. */
  nodes: number[];
}

const KSMD_FIELDS = ["run", "pages_to_scan", "sleep_millisecs", "state", "cpu_ms", "batches"] as const;

/** The JSON document of a series: `{ every_ms, samples: [...] }`, one line, newline-terminated. */
export function seriesToJson(samples: readonly Sample[], everyMs: number): string {
  return `${JSON.stringify({ every_ms: everyMs, samples })}\n`;
}

function csvCell(v: unknown): string {
  if (v === undefined) return "";
  if (typeof v === "boolean") return v ? "1" : "0";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The series as CSV: one header line, one line per sample. Columns: `t_ms`,
 * the counters, `ksmd.<field>`, `node<N>.used_pages`, then
 * `<proc>.<ksm_stat field>` for every process alive at some sample, in
 * order of first appearance (empty while it is not alive; booleans 0/1).
 */
export function seriesToCsv(samples: readonly Sample[]): string {
  const procs: string[] = [];
  let nodes = 0;
  for (const s of samples) {
    nodes = Math.max(nodes, s.nodes.length);
    for (const p of Object.keys(s.procs)) if (!procs.includes(p)) procs.push(p);
  }
  const header = ["t_ms", ...KSM_COUNTERS, ...KSMD_FIELDS.map((f) => `ksmd.${f}`)];
  for (let n = 0; n < nodes; n++) header.push(`node${n}.used_pages`);
  for (const p of procs) for (const f of KSM_STAT_FIELDS) header.push(`${p}.${f}`);
  const lines = [header.map(csvCell).join(",")];
  for (const s of samples) {
    const row: unknown[] = [s.t_ms, ...KSM_COUNTERS.map((c) => s.ksm[c]), ...KSMD_FIELDS.map((f) => s.ksmd[f])];
    for (let n = 0; n < nodes; n++) row.push(s.nodes[n]);
    for (const p of procs) for (const f of KSM_STAT_FIELDS) row.push(s.procs[p]?.[f]);
    lines.push(row.map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}
