/** The frame every chart shares: size, margins, axes, ticks, labels and legend. */
import { esc } from "./escape.js";
import type { Chart } from "./model.js";
import { colour } from "./palette.js";
import { linear, niceTicks, tickText } from "./scale.js";

export const WIDTH = 640;
export const HEIGHT = 300;
export const MARGIN = { left: 64, right: 16, top: 28, bottom: 56 };

export interface Frame {
  /** data x → pixel x, data y → pixel y */
  x: (v: number) => number;
  y: (v: number) => number;
  /** the SVG of axes, grid, ticks and labels */
  svg: string;
}

/** Axes for x in [x0, x1] (or `categories`) and y in [0 or below, y1]. */
export function frame(c: Chart, x0: number, x1: number, yMin: number, yMax: number): Frame {
  const yTicks = niceTicks(Math.min(0, yMin), yMax);
  const y = linear(yTicks[0]!, yTicks[yTicks.length - 1]!, HEIGHT - MARGIN.bottom, MARGIN.top);
  const x = linear(x0, x1, MARGIN.left, WIDTH - MARGIN.right);
  const parts: string[] = [];
  for (const t of yTicks) {
    const py = y(t).toFixed(1);
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${py}" y2="${py}"/>`,
      `<text class="tick" x="${MARGIN.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${esc(tickText(t))}</text>`,
    );
  }
  if (c.categories) {
    const every = Math.max(1, Math.ceil(c.categories.length / 12));
    c.categories.forEach((name, i) => {
      if (i % every !== 0) return;
      parts.push(
        `<text class="tick" x="${x(i).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${esc(name.length > 14 ? `${name.slice(0, 13)}…` : name)}</text>`,
      );
    });
  } else {
    for (const t of niceTicks(x0, x1, 6)) {
      if (t < x0 || t > x1) continue;
      parts.push(
        `<text class="tick" x="${x(t).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${esc(tickText(t))}</text>`,
      );
    }
  }
  parts.push(
    `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${HEIGHT - MARGIN.bottom}" y2="${HEIGHT - MARGIN.bottom}"/>`,
    `<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}"/>`,
    `<text class="label" x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 20}" text-anchor="middle">${esc(c.xLabel)}</text>`,
    `<text class="label" transform="translate(14 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`,
  );
  return { x, y, svg: parts.join("") };
}

/** One legend entry per series, in rows under the x label (a row wraps at the chart's width). */
export function legend(c: Chart): string {
  let px = MARGIN.left;
  let py = HEIGHT - 12;
  return c.series
    .map((s, i) => {
      const w = 24 + 7 * s.name.length;
      if (px > MARGIN.left && px + w > WIDTH - MARGIN.right) {
        px = MARGIN.left;
        py += LEGEND_ROW;
      }
      const out = `<g class="legend"><rect x="${px}" y="${py}" width="10" height="10" fill="${colour(i)}"/><text x="${px + 14}" y="${py + 9}">${esc(s.name)}</text></g>`;
      px += w;
      return out;
    })
    .join("");
}

/** Height of one more legend row. */
export const LEGEND_ROW = 16;

/** Legend rows beyond the first, for the chart's height. */
export function extraLegendRows(c: Chart): number {
  let px = MARGIN.left;
  let rows = 0;
  for (const s of c.series) {
    const w = 24 + 7 * s.name.length;
    if (px > MARGIN.left && px + w > WIDTH - MARGIN.right) {
      px = MARGIN.left;
      rows++;
    }
    px += w;
  }
  return rows;
}

/** The opening tag: data-points says how many values were drawn (tests read it). */
export function open(c: Chart, points: number): string {
  const height = HEIGHT + LEGEND_ROW * extraLegendRows(c);
  return `<svg id="${esc(c.id)}" class="chart ${c.kind}" data-points="${points}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(c.title)}"><text class="title" x="${MARGIN.left}" y="16">${esc(c.title)}</text>`;
}
