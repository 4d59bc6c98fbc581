/** Charts of a scenario result: counters over its snapshots, merging pages per process, pages per node. */
import type { ResultLike } from "./inputs.js";
import type { Chart, Section } from "./model.js";

/** The /sys/kernel/mm/ksm counters drawn over snapshots. */
export const MEMORY_COUNTERS = ["pages_shared", "pages_sharing", "pages_unshared", "pages_volatile", "ksm_zero_pages"];
export const CHAIN_COUNTERS = ["stable_node_chains", "stable_node_dups"];

const slug = (s: string) => s.replace(/[^\w-]+/g, "-");

/** Sections for one result document; `prefix` keeps chart ids unique when several results share a report. */
export function resultSections(doc: ResultLike, prefix = "r"): Section[] {
  const labels = doc.snapshots.map((s) => s.label);
  const over = (names: readonly string[]) =>
    names
      .filter((n) => doc.snapshots.some((s) => typeof s.ksm[n] === "number"))
      .map((n) => ({ name: n, points: doc.snapshots.map((s, i) => [i, s.ksm[n] ?? 0] as const) }));
  const charts: Chart[] = [
    {
      id: `${slug(prefix)}-counters`,
      title: `${doc.name}: KSM counters at each snapshot`,
      kind: "line",
      xLabel: "snapshot",
      yLabel: "pages",
      categories: labels,
      series: over(MEMORY_COUNTERS),
    },
  ];
  const chains = over(CHAIN_COUNTERS);
  if (chains.some((s) => s.points.some((p) => p[1] !== 0))) {
    charts.push({
      id: `${slug(prefix)}-chains`,
      title: `${doc.name}: stable node chains and dups`,
      kind: "line",
      xLabel: "snapshot",
      yLabel: "nodes",
      categories: labels,
      series: chains,
    });
  }
  const procs = [...new Set(doc.snapshots.flatMap((s) => Object.keys(s.procs)))];
  if (procs.length > 0) {
    charts.push({
      id: `${slug(prefix)}-merging`,
      title: `${doc.name}: merging pages per process (ksm_merging_pages)`,
      kind: "bar",
      xLabel: "snapshot",
      yLabel: "pages",
      categories: labels,
      series: procs.map((p) => ({
        name: p,
        points: doc.snapshots.flatMap((s, i) => {
          const v = s.procs[p]?.ksm_merging_pages;
          return typeof v === "number" ? [[i, v] as const] : [];
        }),
      })),
    });
  }
  if (doc.placement && doc.placement.length > 0) {
    const keys = new Set<string>();
    for (const e of doc.placement)
      for (const vmas of Object.values(e.procs))
        for (const v of Object.values(vmas)) for (const k of Object.keys(v)) keys.add(k);
    const order = [...keys].sort((a, b) =>
      a === "other" ? 1 : b === "other" ? -1 : a.localeCompare(b, "en", { numeric: true }),
    );
    charts.push({
      id: `${slug(prefix)}-nodes`,
      title: `${doc.name}: pages of every process by node of their frame`,
      kind: "bar",
      xLabel: "snapshot",
      yLabel: "pages",
      categories: doc.placement.map((e) => e.label),
      series: order.map((k) => ({
        name: k,
        points: doc.placement!.map((e, i) => {
          let sum = 0;
          for (const vmas of Object.values(e.procs)) for (const v of Object.values(vmas)) sum += v[k] ?? 0;
          return [i, sum] as const;
        }),
      })),
    });
  }
  return [{ title: `Scenario ${doc.name}`, charts }];
}
