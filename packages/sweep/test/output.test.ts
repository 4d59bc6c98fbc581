import { KSM_COUNTERS } from "@ksm-sim/scenario";
import { describe, expect, it } from "vitest";
import {
  backendRows,
  loadSweep,
  runSweep,
  type Sweep,
  type SweepResult,
  sweepProgressBar,
  sweepReport,
  sweepSections,
  sweepToCsv,
  workerExecArgv,
} from "../src/index.js";
import { spec, tiny } from "./helpers.js";

async function load(doc: unknown): Promise<Sweep> {
  const r = await loadSweep(doc);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.sweep;
}

const run = async (doc: unknown): Promise<SweepResult> => runSweep(await load(doc), { jobs: 2, threads: false });

describe("sweep CSV", () => {
  it("has one row per variant and snapshot, the knobs, every counter and the wall time", async () => {
    const r = await run(spec);
    const lines = sweepToCsv(r).trimEnd().split("\n");
    expect(lines[0]).toBe(
      `variant,label,max_page_sharing,pages_to_scan,backend,content,snapshot,${KSM_COUNTERS.join(",")},wall_ms,error`,
    );
    expect(lines).toHaveLength(1 + 8 * 2);
    const row = lines[4]!.split(",");
    expect(row.slice(0, 7)).toEqual([
      "1",
      "rbtree max_page_sharing=2 pages_to_scan=1000",
      "2",
      "1000",
      "rbtree",
      "tokens",
      "two",
    ]);
    const counters = Object.fromEntries(KSM_COUNTERS.map((c, i) => [c, Number(row[7 + i])]));
    const o = r.outcomes[1]!;
    if (!o.ok) throw new Error(o.error);
    expect(counters).toEqual(o.result.snapshots[1]!.ksm);
    expect(Number(row[7 + KSM_COUNTERS.length])).toBeGreaterThan(0);
    expect(row.at(-1)).toBe("");
  });

  it("gives a failed variant one row with its error, quoted", async () => {
    const sweep = await load({ scenario: tiny, grid: { content: ["tokens", "bytes"] } });
    const broken = {
      ...sweep,
      variants: sweep.variants.map((v) =>
        v.index === 0 ? { ...v, scenario: { ...v.scenario, sysfs: { pages_to_scan: "a,b" } } } : v,
      ),
    };
    const csv = sweepToCsv(await runSweep(broken, { threads: false }));
    const lines = csv.trimEnd().split("\n");
    expect(lines).toHaveLength(1 + 1 + 2);
    // variant, label, backend, content; an empty snapshot and 11 empty counters; wall_ms; the error
    const [head, wall, error] = [
      lines[1]!.slice(0, 35),
      lines[1]!.slice(35).split(",")[0],
      lines[1]!.split(/,(?=")/)[1],
    ];
    expect(head).toBe(`0,tokens,rbtree,tokens,${",".repeat(12)}`);
    expect(Number(wall)).toBeGreaterThan(0);
    expect(error).toBe('"ScenarioRunError: sysfs.pages_to_scan: the write of ""a,b"" fails with EINVAL"');
  });
});

describe("sweep report", () => {
  it("draws the final counters across variants and compares backends when they vary", async () => {
    const r = await run(spec);
    const html = sweepReport(r);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    for (const id of ["s-pages", "s-profit", "s-wall", "sb-speed"]) expect(html).toContain(`id="${id}"`);
    expect(html).toContain("rbtree max_page_sharing=256 pages_to_scan=5");
    expect(backendRows(r).map((b) => [b.backend, b.mode])).toEqual([
      ["rbtree", "tokens"],
      ["bintrees", "tokens"],
    ]);
    for (const b of backendRows(r)) expect(b.pagesPerSec).toBeGreaterThan(0);
    // long labels: the charts number the variants, the table names them
    const [pages] = sweepSections(r)[0]!.charts;
    expect(pages!.categories).toEqual(["#0", "#1", "#2", "#3", "#4", "#5", "#6", "#7"]);
    const o = r.outcomes[3]!;
    if (!o.ok) throw new Error(o.error);
    const sharing = pages!.series.find((s) => s.name === "pages_sharing")!;
    expect(sharing.points[3]).toEqual([3, o.result.snapshots.at(-1)!.ksm.pages_sharing]);
  });

  it("leaves the backend comparison out when one backend runs", async () => {
    const html = sweepReport(await run({ scenario: tiny, grid: { sysfs: { pages_to_scan: [5, 10] } } }));
    expect(html).toContain('id="s-pages"');
    expect(html).not.toContain('id="sb-speed"');
    expect(html).toContain("pages_to_scan=10");
  });
});

describe("sweep progress and worker options", () => {
  it("draws N/M variants and clears the line", () => {
    const out: string[] = [];
    const bar = sweepProgressBar((t) => out.push(t));
    bar.update(1, 4);
    bar.done();
    expect(out).toEqual([`\r[${"#".repeat(8)}${".".repeat(22)}] 1/4 variants`, "\r\u001b[K"]);
  });

  it("drops only the @ksm-sim/source condition from the worker's node options", () => {
    expect(
      workerExecArgv([
        "--conditions",
        "@ksm-sim/source",
        "--conditions",
        "node",
        "-C=@ksm-sim/source",
        "--require",
        "x",
      ]),
    ).toEqual(["--conditions", "node", "--require", "x"]);
  });
});
