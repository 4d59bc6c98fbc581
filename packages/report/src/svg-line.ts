/** A line chart as inline SVG: one polyline per series, a dot with a tooltip per point. */
import { esc } from "./escape.js";
import { type Chart, checkChart } from "./model.js";
import { colour } from "./palette.js";
import { tickText } from "./scale.js";
import { frame, legend, open } from "./svg-frame.js";

export function lineChartSvg(c: Chart): string {
  checkChart(c);
  const all = c.series.flatMap((s) => s.points);
  if (all.length === 0)
    return `${open(c, 0)}<text class="empty" x="320" y="150" text-anchor="middle">no data</text></svg>`;
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  let x0 = Math.min(...xs);
  let x1 = Math.max(...xs);
  if (x0 === x1) {
    x0 -= 1;
    x1 += 1;
  }
  const f = frame(c, x0, x1, Math.min(...ys), Math.max(...ys));
  const lines = c.series.map((s, i) => {
    const pts = s.points.map((p) => `${f.x(p[0]).toFixed(1)},${f.y(p[1]).toFixed(1)}`).join(" ");
    const dots =
      s.points.length <= 400
        ? s.points
            .map(
              (p) =>
                `<circle cx="${f.x(p[0]).toFixed(1)}" cy="${f.y(p[1]).toFixed(1)}" r="2.5" fill="${colour(i)}"><title>${esc(s.name)}: ${esc(tickText(p[1]))} at ${esc(c.categories?.[p[0]] ?? tickText(p[0]))}</title></circle>`,
            )
            .join("")
        : "";
    return `<g class="series" data-name="${esc(s.name)}"><polyline fill="none" stroke="${colour(i)}" stroke-width="2" points="${pts}"/>${dots}</g>`;
  });
  return `${open(c, all.length)}${f.svg}${lines.join("")}${legend(c)}</svg>`;
}
