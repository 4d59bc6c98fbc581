/** Charts of a time series on the simulated clock: memory saved, ksmd's work, processes, nodes. */
import { MEMORY_COUNTERS } from "./from-result.js";
import type { SeriesLike } from "./inputs.js";
import type { Chart, Section } from "./model.js";

const slug = (s: string) => s.replace(/[^\w-]+/g, "-");

/** Sections for one series; `name` titles them and `prefix` keeps chart ids unique. */
export function seriesSections(series: SeriesLike, name: string, prefix = "s"): Section[] {
  const xs = series.samples.map((s) => s.t_ms / 1000);
  const line = (id: string, title: string, yLabel: string, s: Chart["series"]): Chart => ({
    id: `${slug(prefix)}-${id}`,
    title: `${name}: ${title}`,
    kind: "line",
    xLabel: "simulated time (s)",
    yLabel,
    series: s,
  });
  const pick = (get: (i: number) => number | undefined) =>
    xs.flatMap((x, i) => {
      const v = get(i);
      return typeof v === "number" && Number.isFinite(v) ? [[x, v] as const] : [];
    });
  const charts: Chart[] = [
    line(
      "memory",
      "KSM counters over time",
      "pages",
      MEMORY_COUNTERS.map((c) => ({ name: c, points: pick((i) => series.samples[i]!.ksm[c]) })).filter(
        (s) => s.points.length > 0,
      ),
    ),
    line("profit", "general_profit over time", "MiB", [
      { name: "general_profit", points: pick((i) => (series.samples[i]!.ksm.general_profit ?? Number.NaN) / 2 ** 20) },
    ]),
    line("scanned", "pages scanned and full scans", "count", [
      { name: "pages_scanned", points: pick((i) => series.samples[i]!.ksm.pages_scanned) },
      { name: "full_scans x 1000", points: pick((i) => (series.samples[i]!.ksm.full_scans ?? Number.NaN) * 1000) },
    ]),
  ];
  if (series.samples.some((s) => s.ksmd !== undefined)) {
    charts.push(
      line("ksmd", "ksmd: pages_to_scan and CPU time", "value", [
        { name: "pages_to_scan", points: pick((i) => Number(series.samples[i]!.ksmd?.pages_to_scan)) },
        { name: "cpu_ms", points: pick((i) => Number(series.samples[i]!.ksmd?.cpu_ms)) },
      ]),
    );
  }
  const procs = [...new Set(series.samples.flatMap((s) => Object.keys(s.procs)))];
  if (procs.length > 0) {
    charts.push(
      line(
        "merging",
        "merging pages per process",
        "pages",
        procs.map((p) => ({
          name: p,
          points: pick((i) => {
            const v = series.samples[i]!.procs[p]?.ksm_merging_pages;
            return typeof v === "number" ? v : undefined;
          }),
        })),
      ),
    );
  }
  const nodes = Math.max(0, ...series.samples.map((s) => s.nodes.length));
  if (nodes > 0) {
    charts.push(
      line(
        "nodes",
        "memory in use per NUMA node",
        "pages",
        Array.from({ length: nodes }, (_, n) => ({
          name: `node${n}`,
          points: pick((i) => series.samples[i]!.nodes[n]),
        })),
      ),
    );
  }
  return [{ title: `${name} over simulated time`, charts }];
}
