/**
 * The sweep's table: one CSV row per variant and snapshot (a variant that
 * failed, or took no snapshot, has one row with an empty snapshot).
 * Columns: variant, label, the grid's knobs (in the spec's order), backend,
 * content, snapshot, every KSM counter, wall_ms, error.
 */
import { KSM_COUNTERS } from "@ksm-sim/scenario";
import type { SweepResult } from "./sweep.js";

const cell = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function sweepToCsv(result: SweepResult): string {
  const { sweep, outcomes } = result;
  const header = ["variant", "label", ...sweep.knobs, "backend", "content", "snapshot", ...KSM_COUNTERS];
  const lines = [[...header, "wall_ms", "error"].map(cell).join(",")];
  for (const v of sweep.variants) {
    const o = outcomes[v.index]!;
    const head = [v.index, v.label, ...sweep.knobs.map((k) => v.knobs[k] ?? ""), v.backend, v.content];
    const tail = [o.wallMs.toFixed(1), o.ok ? "" : o.error];
    const snaps = o.ok ? o.result.snapshots : [];
    if (snaps.length === 0) lines.push([...head, "", ...KSM_COUNTERS.map(() => ""), ...tail].map(cell).join(","));
    for (const s of snaps)
      lines.push([...head, s.label, ...KSM_COUNTERS.map((c) => s.ksm[c] ?? ""), ...tail].map(cell).join(","));
  }
  return `${lines.join("\n")}\n`;
}
