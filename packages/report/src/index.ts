/**
 * @ksm-sim/report: one self-contained HTML file (inline SVG, no CDN, works
 * offline) with charts of counters over snapshots and over simulated time,
 * merging pages per process, memory per node and backend comparisons.
 */
export { backendSection } from "./from-backends.js";
export { CHAIN_COUNTERS, MEMORY_COUNTERS, resultSections } from "./from-result.js";
export { seriesSections } from "./from-series.js";
export { renderReport } from "./html.js";
export type { BackendRow, ResultLike, SeriesLike } from "./inputs.js";
export type { Chart, Report, Section, Series } from "./model.js";
export { niceTicks } from "./scale.js";
export { barChartSvg } from "./svg-bar.js";
export { lineChartSvg } from "./svg-line.js";
