/** The backend comparison: the same scenario on each tree backend, speed and comparisons side by side. */
import type { BackendRow } from "./inputs.js";
import type { Section } from "./model.js";

export function backendSection(rows: readonly BackendRow[], title = "Tree backends", prefix = "b"): Section {
  const modes = [...new Set(rows.map((r) => r.mode ?? ""))];
  const backends = [...new Set(rows.map((r) => r.backend))];
  const find = (b: string, m: string) => rows.find((r) => r.backend === b && (r.mode ?? "") === m);
  const bySpeed = modes.map((m) => ({
    name: m || "pages/s",
    points: backends.flatMap((b, i) => {
      const r = find(b, m);
      return r ? [[i, r.pagesPerSec] as const] : [];
    }),
  }));
  const charts: Section["charts"][number][] = [
    {
      id: `${prefix}-speed`,
      title: "pages scanned per second",
      kind: "bar",
      xLabel: "backend",
      yLabel: "pages/s",
      categories: backends,
      series: bySpeed,
    },
  ];
  if (rows.some((r) => r.comparesPerPage !== undefined)) {
    charts.push({
      id: `${prefix}-compares`,
      title: "page comparisons per scanned page",
      kind: "bar",
      xLabel: "backend",
      yLabel: "comparisons",
      categories: backends,
      series: modes.map((m) => ({
        name: m || "comparisons",
        points: backends.flatMap((b, i) => {
          const r = find(b, m);
          return r?.comparesPerPage !== undefined ? [[i, r.comparesPerPage] as const] : [];
        }),
      })),
    });
  }
  const table: (string | number)[][] = [["backend", "mode", "pages/s", "comparisons/page"]];
  for (const r of rows)
    table.push([r.backend, r.mode ?? "", Math.round(r.pagesPerSec), r.comparesPerPage?.toFixed(2) ?? ""]);
  return { title, charts, table };
}
