/** What a report holds: sections of charts, each chart a set of named series. */

/** One line (line chart) or one colour of bars (bar chart). */
export interface Series {
  name: string;
  /** [x, y] pairs; for bar charts x is the category's index. */
  points: readonly (readonly [number, number])[];
}

export interface Chart {
  /** Unique in the report; becomes the SVG element's id. */
  id: string;
  title: string;
  kind: "line" | "bar";
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Bar charts (and line charts over labelled steps): the name of each x position 0, 1, 2, ... */
  categories?: readonly string[];
}

export interface Section {
  title: string;
  /** A paragraph of plain text under the title. */
  text?: string;
  charts: readonly Chart[];
  /** A plain table under the charts (first row: header). */
  table?: readonly (readonly (string | number)[])[];
}

export interface Report {
  title: string;
  subtitle?: string;
  sections: readonly Section[];
}

/** Throws a clear error for a chart that cannot be drawn (names the chart and the field). */
export function checkChart(c: Chart): void {
  if (typeof c.id !== "string" || !/^[A-Za-z][\w-]*$/.test(c.id)) {
    throw new Error(`chart id: must be a letter then letters, digits, - or _, got ${JSON.stringify(c.id)}`);
  }
  for (const s of c.series) {
    for (const [i, p] of s.points.entries()) {
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        throw new Error(
          `chart "${c.id}" series "${s.name}": point ${i} must be two finite numbers, got ${JSON.stringify(p)}`,
        );
      }
    }
  }
}
