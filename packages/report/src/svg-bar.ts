/** A grouped bar chart as inline SVG: categories along x, one bar per series in each group. */
import { esc } from "./escape.js";
import { type Chart, checkChart } from "./model.js";
import { colour } from "./palette.js";
import { tickText } from "./scale.js";
import { frame, legend, MARGIN, open, WIDTH } from "./svg-frame.js";

export function barChartSvg(c: Chart): string {
  checkChart(c);
  const cats = c.categories ?? [];
  const all = c.series.flatMap((s) => s.points);
  if (cats.length === 0 || all.length === 0) {
    return `${open(c, 0)}<text class="empty" x="320" y="150" text-anchor="middle">no data</text></svg>`;
  }
  const f = frame(c, -0.5, cats.length - 0.5, Math.min(0, ...all.map((p) => p[1])), Math.max(...all.map((p) => p[1])));
  const group = (WIDTH - MARGIN.left - MARGIN.right) / cats.length;
  const bar = (group * 0.8) / Math.max(1, c.series.length);
  const bars = c.series.map((s, i) => {
    const rects = s.points.map((p) => {
      const x = f.x(p[0]) - group * 0.4 + i * bar;
      const y0 = f.y(0);
      const y1 = f.y(p[1]);
      return `<rect x="${x.toFixed(1)}" y="${Math.min(y0, y1).toFixed(1)}" width="${Math.max(1, bar - 1).toFixed(1)}" height="${Math.abs(y0 - y1).toFixed(1)}" fill="${colour(i)}"><title>${esc(s.name)}, ${esc(cats[p[0]] ?? String(p[0]))}: ${esc(tickText(p[1]))}</title></rect>`;
    });
    return `<g class="series" data-name="${esc(s.name)}">${rects.join("")}</g>`;
  });
  return `${open(c, all.length)}${f.svg}${bars.join("")}${legend(c)}</svg>`;
}
