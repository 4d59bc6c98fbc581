/** The report as one self-contained HTML file: inline CSS, inline SVG, a few lines of inline script, no fetches. */
import { esc } from "./escape.js";
import type { Chart, Report, Section } from "./model.js";
import { barChartSvg } from "./svg-bar.js";
import { lineChartSvg } from "./svg-line.js";

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1340px;padding:16px 24px;color:#222}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #ddd}
.sub{color:#555;margin:0 0 12px}.charts{display:flex;flex-wrap:wrap;gap:12px}
figure{margin:0;border:1px solid #e4e4e4;border-radius:6px;padding:6px;box-sizing:border-box;width:calc(50% - 6px);min-width:440px;flex-grow:1;max-width:100%}
svg.chart{width:100%;height:auto;display:block}svg .grid{stroke:#eee}svg .axis{stroke:#888}
svg text{font-size:11px;fill:#333}svg .title{font-size:13px;font-weight:600}svg .label{fill:#555}
svg .legend{cursor:pointer}svg .series.off{opacity:.12}
details{font-size:12px;margin-top:4px}table{border-collapse:collapse;font-size:12px;margin:8px 0}
td,th{border:1px solid #ddd;padding:2px 8px;text-align:right}th{background:#f6f6f6}
`;

// Clicking a legend entry dims its series; the body says how many charts were drawn (tests read it).
const SCRIPT = `
document.querySelectorAll("svg.chart").forEach(function (svg) {
  var series = svg.querySelectorAll("g.series");
  svg.querySelectorAll("g.legend").forEach(function (entry, i) {
    entry.addEventListener("click", function () { if (series[i]) series[i].classList.toggle("off"); });
  });
});
document.body.setAttribute("data-charts", String(document.querySelectorAll("svg.chart").length));
`;

function chartSvg(c: Chart): string {
  return c.kind === "bar" ? barChartSvg(c) : lineChartSvg(c);
}

/** The chart's numbers as a table, folded away under the chart. */
function dataTable(c: Chart): string {
  const xs = [...new Set(c.series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  if (xs.length === 0 || xs.length > 200) return "";
  const byX = c.series.map((s) => new Map(s.points.map((p) => [p[0], p[1]])));
  const head = `<tr><th>${esc(c.xLabel)}</th>${c.series.map((s) => `<th>${esc(s.name)}</th>`).join("")}</tr>`;
  const rows = xs.map(
    (x) =>
      `<tr><td>${esc(c.categories?.[x] ?? x)}</td>${byX.map((m) => `<td>${m.has(x) ? esc(m.get(x)!) : ""}</td>`).join("")}</tr>`,
  );
  return `<details><summary>data</summary><table>${head}${rows.join("")}</table></details>`;
}

function table(rows: Section["table"]): string {
  if (!rows || rows.length === 0) return "";
  const [head, ...body] = rows;
  return `<table><tr>${head!.map((h) => `<th>${esc(h)}</th>`).join("")}</tr>${body
    .map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join("")}</tr>`)
    .join("")}</table>`;
}

/** The whole HTML document. Chart ids must be unique. */
export function renderReport(report: Report): string {
  const ids = new Set<string>();
  for (const s of report.sections) {
    for (const c of s.charts) {
      if (ids.has(c.id)) throw new Error(`chart id: ${JSON.stringify(c.id)} is used twice`);
      ids.add(c.id);
    }
  }
  const sections = report.sections.map(
    (s) =>
      `<section><h2>${esc(s.title)}</h2>${s.text ? `<p>${esc(s.text)}</p>` : ""}<div class="charts">${s.charts
        .map((c) => `<figure>${chartSvg(c)}${dataTable(c)}</figure>`)
        .join("")}</div>${table(s.table)}</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(report.title)}</title><style>${CSS}</style></head>
<body><h1>${esc(report.title)}</h1>${report.subtitle ? `<p class="sub">${esc(report.subtitle)}</p>` : ""}
${sections.join("\n")}
<script>${SCRIPT}</script></body></html>
`;
}
