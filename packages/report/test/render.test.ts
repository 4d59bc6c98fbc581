import { describe, expect, it } from "vitest";
import { backendSection, lineChartSvg, niceTicks, renderReport, resultSections, seriesSections } from "../src/index.js";
import { BACKENDS, RESULT, SERIES } from "./fixtures.js";

describe("niceTicks", () => {
  it.each([
    [0, 10, [0, 2, 4, 6, 8, 10]],
    [0, 7, [0, 2, 4, 6, 8]],
    [0, 1234, [0, 500, 1000, 1500]],
    [3, 3, [0, 3]],
    [0, 0, [0, 1]],
  ])("%d..%d", (min, max, ticks) => {
    expect(niceTicks(min, max)).toEqual(ticks);
  });
});

describe("charts", () => {
  it("a line chart draws one polyline per series and says how many points", () => {
    const svg = lineChartSvg({
      id: "c1",
      title: "t",
      kind: "line",
      xLabel: "x",
      yLabel: "y",
      series: [
        {
          name: "a",
          points: [
            [0, 1],
            [1, 2],
            [2, 3],
          ],
        },
        { name: "b", points: [[0, 5]] },
      ],
    });
    expect(svg).toContain('data-points="4"');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(4);
  });

  it("wraps a long legend onto more rows and makes the chart taller for them", () => {
    const names = [
      "merge_across_nodes=1 pages_sharing",
      "merge_across_nodes=1 pages_shared",
      "merge_across_nodes=0 pages_sharing",
    ];
    const svg = lineChartSvg({
      id: "c2",
      title: "t",
      kind: "line",
      xLabel: "x",
      yLabel: "y",
      series: names.map((name) => ({ name, points: [[0, 1]] as const })),
    });
    expect(svg).toContain('viewBox="0 0 640 316"');
    const ys = [...svg.matchAll(/<g class="legend"><rect x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toEqual([288, 288, 304]);
  });

  it("escapes names, so a process called <script> stays text", () => {
    const html = renderReport({
      title: "<b>x</b>",
      sections: [
        {
          title: "s",
          charts: [
            {
              id: "c",
              title: "t",
              kind: "line",
              xLabel: "x",
              yLabel: "y",
              series: [{ name: "<script>alert(1)</script>", points: [[0, 1]] }],
            },
          ],
        },
      ],
    });
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain("&#60;script&#62;alert(1)");
  });

  it("rejects a point that is not two finite numbers, naming the chart, series and point", () => {
    expect(() =>
      lineChartSvg({
        id: "c",
        title: "t",
        kind: "line",
        xLabel: "x",
        yLabel: "y",
        series: [
          {
            name: "s",
            points: [
              [0, 1],
              [1, Number.NaN],
            ],
          },
        ],
      }),
    ).toThrow('chart "c" series "s": point 1 must be two finite numbers, got [1,null]');
  });

  it("rejects a chart id used twice", () => {
    const c = { id: "dup", title: "t", kind: "line" as const, xLabel: "x", yLabel: "y", series: [] };
    expect(() => renderReport({ title: "r", sections: [{ title: "s", charts: [c, c] }] })).toThrow(
      'chart id: "dup" is used twice',
    );
  });
});

describe("sections from documents", () => {
  it("a result document gives counters, merging pages per process and pages per node", () => {
    const [s] = resultSections(RESULT);
    expect(s!.charts.map((c) => c.id)).toEqual(["r-counters", "r-merging", "r-nodes"]);
    const counters = s!.charts[0]!;
    expect(counters.categories).toEqual(["boot", "scan1", "scan2"]);
    expect(counters.series.find((x) => x.name === "pages_sharing")!.points).toEqual([
      [0, 0],
      [1, 0],
      [2, 8],
    ]);
    const nodes = s!.charts[2]!;
    expect(nodes.series.map((x) => x.name)).toEqual(["node0", "node1", "other"]);
    expect(nodes.series[0]!.points).toEqual([
      [0, 8],
      [1, 8],
      [2, 16],
    ]);
  });

  it("a series gives charts over simulated seconds", () => {
    const [s] = seriesSections(SERIES, "density");
    const memory = s!.charts.find((c) => c.id === "s-memory")!;
    expect(memory.series.find((x) => x.name === "pages_sharing")!.points.at(-1)).toEqual([1, 8]);
    expect(s!.charts.map((c) => c.id)).toEqual(["s-memory", "s-profit", "s-scanned", "s-ksmd", "s-merging", "s-nodes"]);
  });

  it("backend rows give a speed chart, a comparison chart and a table", () => {
    const s = backendSection(BACKENDS);
    expect(s.charts.map((c) => c.id)).toEqual(["b-speed", "b-compares"]);
    expect(s.table![1]).toEqual(["rbtree", "tokens", 900000, "12.10"]);
  });
});
