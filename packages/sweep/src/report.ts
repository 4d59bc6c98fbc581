/**
 * The sweep's HTML report (@ksm-sim/report): the counters of each variant's
 * final snapshot as bar charts across the variants, wall time per variant, a
 * table of every variant, and the backend comparison when the backends vary.
 */
import {
  type BackendRow,
  backendSection,
  type Chart,
  MEMORY_COUNTERS,
  renderReport,
  type Section,
} from "@ksm-sim/report";
import type { Snapshot } from "@ksm-sim/scenario";
import type { SweepResult } from "./sweep.js";

/**
 * The x positions of the charts: the variants' labels when they are few and
 * short, else their numbers (the table under the charts gives each number's
 * label).
 */
function categories(result: SweepResult): string[] {
  const vs = result.sweep.variants;
  const short = vs.length <= 8 && vs.every((v) => v.label.length <= 16);
  return vs.map((v) => (short ? v.label : `#${v.index}`));
}
const VARIANT_AXIS = "variant (see the table)";

/** Each variant's last snapshot, or null (failed, or no snapshot). */
function finals(result: SweepResult): (Snapshot | null)[] {
  return result.outcomes.map((o) => (o.ok ? (o.result.snapshots.at(-1) ?? null) : null));
}

function barsOf(result: SweepResult, id: string, title: string, yLabel: string, counters: readonly string[]): Chart {
  const last = finals(result);
  return {
    id,
    title,
    kind: "bar",
    xLabel: VARIANT_AXIS,
    yLabel,
    categories: categories(result),
    series: counters.map((c) => ({
      name: c,
      points: last.flatMap((s, i) => {
        const y = s?.ksm[c as keyof Snapshot["ksm"]];
        return typeof y === "number" ? [[i, y] as const] : [];
      }),
    })),
  };
}

export function sweepSections(result: SweepResult): Section[] {
  const { sweep, outcomes } = result;
  const last = finals(result);
  const charts: Chart[] = [
    barsOf(result, "s-pages", "KSM counters at each variant's final snapshot", "pages", MEMORY_COUNTERS),
    barsOf(result, "s-profit", "general_profit at the final snapshot", "bytes", ["general_profit"]),
  ];
  if (last.some((s) => s !== null && (s.ksm.stable_node_chains > 0 || s.ksm.stable_node_dups > 0)))
    charts.push(
      barsOf(result, "s-chains", "stable node chains and dups", "nodes", ["stable_node_chains", "stable_node_dups"]),
    );
  charts.push({
    id: "s-wall",
    title: "wall time per variant",
    kind: "bar",
    xLabel: VARIANT_AXIS,
    yLabel: "ms",
    categories: categories(result),
    series: [{ name: "wall ms", points: outcomes.map((o, i) => [i, o.wallMs] as const) }],
  });
  const table: (string | number)[][] = [
    ["variant", "label", "backend", "content", "snapshot", "pages_shared", "pages_sharing", "wall ms", "error"],
  ];
  for (const v of sweep.variants) {
    const o = outcomes[v.index]!;
    const s = last[v.index];
    table.push([
      `#${v.index}`,
      v.label,
      v.backend,
      v.content,
      s?.label ?? "",
      s?.ksm.pages_shared ?? "",
      s?.ksm.pages_sharing ?? "",
      o.wallMs.toFixed(1),
      o.ok ? "" : o.error,
    ]);
  }
  const failed = outcomes.filter((o) => !o.ok).length;
  const text =
    `${sweep.variants.length} variants of scenario ${sweep.scenario.name}` +
    `${failed > 0 ? `, ${failed} failed` : ""}; ran on ${result.jobs} ${result.runner === "threads" ? "worker threads" : "lanes"}.`;
  const sections: Section[] = [{ title: `Sweep ${sweep.name}`, text, charts, table }];
  if ((sweep.grid.backends?.length ?? 1) > 1) sections.push(backendSection(backendRows(result), "Tree backends", "sb"));
  return sections;
}

/** Pages scanned per wall second, per backend and content mode, summed over the knob variants. */
export function backendRows(result: SweepResult): BackendRow[] {
  const sums = new Map<string, { backend: string; mode: string; pages: number; ms: number }>();
  for (const v of result.sweep.variants) {
    const o = result.outcomes[v.index]!;
    const s = o.ok ? o.result.snapshots.at(-1) : undefined;
    if (s === undefined) continue;
    const key = `${v.backend}\u0000${v.content}`;
    const e = sums.get(key) ?? { backend: v.backend, mode: v.content, pages: 0, ms: 0 };
    e.pages += s.ksm.pages_scanned;
    e.ms += o.wallMs;
    sums.set(key, e);
  }
  return [...sums.values()].map((e) => ({
    backend: e.backend,
    mode: e.mode,
    pagesPerSec: e.ms > 0 ? (e.pages * 1000) / e.ms : 0,
  }));
}

/** The whole report as one HTML file. */
export function sweepReport(result: SweepResult, title = `ksm-sim sweep: ${result.sweep.name}`): string {
  return renderReport({ title, sections: sweepSections(result) });
}
