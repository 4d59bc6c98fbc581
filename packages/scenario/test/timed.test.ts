/**
 * Steps on ksmd's simulated clock (docs/scenario-format-additions.md):
 * run_for, at_ms, workloads; the time series; determinism.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario, type Sample, seriesToCsv, seriesToJson, validateScenario } from "../src/index.js";
import { JsonSchema } from "./helpers/json-schema.js";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const schema = new JsonSchema(JSON.parse(readFileSync(join(pkgDir, "schema.json"), "utf8")));

const doc = (steps: unknown[]) => ({ version: 1, name: "timed", steps });
const setup = [
  { op: "spawn", proc: "A" },
  { op: "mmap", proc: "A", vma: "h", pages: 300 },
  { op: "write", proc: "A", vma: "h", content: { from: 10, period: 30 } },
  { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
];

const VALID = doc([
  ...setup,
  { op: "workload", proc: "A", vma: "h", start: 0, count: 30, pages_per_sec: 200, seed: 1, content: { from: 9000 } },
  { op: "run_for", ms: 1000 },
  { op: "snapshot", label: "early", at_ms: 0 },
  { op: "sysfs", knob: "sleep_millisecs", value: 10, at_ms: 250 },
  { op: "snapshot", label: "mid", at_ms: 500 },
  { op: "workload_stop", id: "A.h", at_ms: 500 },
  { op: "snapshot", label: "end", at_ms: 1000 },
  { op: "snapshot", label: "after" },
]);

describe("validation of timed steps", () => {
  it("a scenario with run_for, at_ms and workloads passes the validator and the schema", () => {
    expect(validateScenario(VALID)).toMatchObject({ ok: true });
    expect(schema.validate(VALID)).toEqual([]);
  });

  const cases: [string, unknown[], string[], boolean][] = [
    [
      "at_ms without a run_for before it",
      [{ op: "snapshot", at_ms: 5 }],
      [
        "steps[0].at_ms: is allowed only on the steps right after a run_for (each timed step follows the run_for or another timed step), got 5",
      ],
      false,
    ],
    [
      "at_ms after an untimed step",
      [{ op: "run_for", ms: 10 }, { op: "snapshot" }, { op: "snapshot", at_ms: 5 }],
      [
        "steps[2].at_ms: is allowed only on the steps right after a run_for (each timed step follows the run_for or another timed step), got 5",
      ],
      false,
    ],
    [
      "at_ms past the run_for",
      [
        { op: "run_for", ms: 10 },
        { op: "snapshot", at_ms: 11 },
      ],
      ["steps[1].at_ms: must fall within the run_for at steps[0] (0 to 10 ms), got 11"],
      false,
    ],
    [
      "at_ms decreasing",
      [
        { op: "run_for", ms: 10 },
        { op: "snapshot", at_ms: 5 },
        { op: "snapshot", at_ms: 4 },
      ],
      ["steps[2].at_ms: must not be less than the at_ms of the timed step before it (5), got 4"],
      false,
    ],
    [
      "at_ms negative and not an integer",
      [
        { op: "run_for", ms: 10 },
        { op: "snapshot", at_ms: -1 },
        { op: "snapshot", at_ms: 1.5 },
      ],
      [
        "steps[1].at_ms: must be an integer number of ms >= 0 (from the start of the run_for), got -1",
        "steps[2].at_ms: must be an integer number of ms >= 0 (from the start of the run_for), got 1.5",
      ],
      true,
    ],
    [
      "at_ms on a scan",
      [...setup, { op: "run_for", ms: 10 }, { op: "scan", full_scans: 1, at_ms: 1 }],
      ["steps[5].at_ms: is not allowed on a scan step: ksmd already runs on the clock, got 1"],
      false,
    ],
    [
      "run_for of 0 ms",
      [{ op: "run_for", ms: 0 }],
      ["steps[0].ms: must be an integer number of ms from 1 to 2592000000 (30 days), got 0"],
      true,
    ],
    [
      "a workload at 0 pages per second, a bad seed",
      [...setup, { op: "workload", proc: "A", vma: "h", pages_per_sec: 0, seed: -1, content: 1 }],
      [
        "steps[4].pages_per_sec: must be a number of writes per second > 0 and <= 10000000, got 0",
        "steps[4].seed: must be an integer from 0 to 2^32 - 1, got -1",
      ],
      true,
    ],
    [
      "a workload on a VMA that does not exist",
      [...setup, { op: "workload", proc: "A", vma: "x", pages_per_sec: 1, seed: 1, content: 1 }],
      [
        'steps[4].vma: must name a VMA mapped in this process at this step (this process never mapped one of that name), got "x"',
      ],
      false,
    ],
    [
      "the same workload twice; a stop of an id not running",
      [
        ...setup,
        { op: "workload", proc: "A", vma: "h", pages_per_sec: 1, seed: 1, content: 1 },
        { op: "workload", proc: "A", vma: "h", pages_per_sec: 1, seed: 1, content: 1 },
        { op: "workload_stop", id: "B.h" },
      ],
      [
        'steps[5]: must not be the id of a workload still running (started at steps[4]), got "A.h"',
        'steps[6].id: must be the id of a running workload (no workload step started it), got "B.h"',
      ],
      false,
    ],
    [
      "run_for inside the unmerge pass",
      [
        ...setup,
        { op: "sysfs", knob: "run", value: 2, during: [{ after_mm: "A", steps: [{ op: "run_for", ms: 5 }] }] },
      ],
      [
        'steps[4].during[0].steps[0].op: "run_for" cannot run inside the unmerge pass: ksmd cannot run while the unmerge pass holds ksm_thread_mutex',
      ],
      true,
    ],
  ];
  for (const [name, steps, errors, bySchema] of cases) {
    it(name, () => {
      const r = validateScenario(doc(steps));
      expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(errors);
      expect(schema.validate(doc(steps)).length === 0).toBe(!bySchema);
    });
  }
});

describe("running timed steps", () => {
  const run = (d: unknown, opts: Parameters<typeof runScenario>[1] = {}) => {
    const v = validateScenario(d);
    if (!v.ok) throw new Error(v.errors[0]!.message);
    return runScenario(v.scenario, opts);
  };

  it("records run_for, then its timed steps in order; ksmd merges on the clock", () => {
    const r = run(VALID);
    expect(r.steps.slice(4).map((s) => [s.step, s.op, s.result])).toEqual([
      [4, "workload", "ok"],
      [5, "run_for", "ok"],
      [6, "snapshot", "ok"],
      [7, "sysfs", "ok"],
      [8, "snapshot", "ok"],
      [9, "workload_stop", "ok"],
      [10, "snapshot", "ok"],
      [11, "snapshot", "ok"],
    ]);
    const byLabel = Object.fromEntries(r.snapshots.map((s) => [s.label, s.ksm]));
    expect(byLabel.early!.pages_scanned).toBe(0); // a step at t runs before ksmd's batch at t
    // 300 pages of 30 contents: merged within the second; the workload keeps rewriting 30 of them until 500 ms
    expect(byLabel.end!.pages_shared + byLabel.end!.pages_sharing).toBeGreaterThanOrEqual(270);
    expect(byLabel.end!.full_scans).toBeGreaterThan(byLabel.mid!.full_scans);
    expect(byLabel.after).toEqual(byLabel.end); // run=0 at the end: nothing happens after
  });

  it("trace events carry simulated time within the run_for", () => {
    const r = run(VALID, { trace: true });
    const t = r.trace!.map((e) => e.t);
    expect(t.every((x, i) => i === 0 || x >= t[i - 1]!)).toBe(true);
    expect(Math.max(...t)).toBeLessThanOrEqual(1);
    expect(t.filter((x) => x > 0.5).length).toBeGreaterThan(0);
  });

  it("the scan step is unchanged: 100 ms per full scan, pages_to_scan and sleep ignored", () => {
    const d = doc([
      ...setup,
      { op: "sysfs", knob: "pages_to_scan", value: 1 },
      { op: "scan", full_scans: 3 },
      { op: "snapshot" },
    ]);
    const r = run(d);
    expect(r.snapshots[0]!.ksm).toMatchObject({ full_scans: 3, pages_scanned: 900 });
  });

  it("the advisor's trace event keeps no fields in the result document", () => {
    const d = doc([...setup, { op: "sysfs", knob: "advisor_mode", value: "scan-time" }, { op: "run_for", ms: 2000 }]);
    const adv = run(d, { trace: true }).trace!.filter((e) => e.event === "ksm_advisor");
    expect(adv.length).toBeGreaterThan(0);
    expect(adv.every((e) => e.args === "")).toBe(true);
  });
});

describe("time series", () => {
  const collect = (d: unknown, everyMs: number, extra: Parameters<typeof runScenario>[1] = {}) => {
    const v = validateScenario(d);
    if (!v.ok) throw new Error(v.errors[0]!.message);
    const samples: Sample[] = [];
    const result = runScenario(v.scenario, { sampleEveryMs: everyMs, onSample: (s) => samples.push(s), ...extra });
    return { samples, result };
  };

  it("samples every N ms of simulated time, ending at the last instant", () => {
    const { samples } = collect(VALID, 100);
    expect(samples.map((s) => s.t_ms)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(samples[0]!.ksm.pages_scanned).toBe(100);
    expect(samples.at(-1)!.ksmd).toMatchObject({ run: 0, sleep_millisecs: 10 });
    expect(samples[1]!.ksmd.run).toBe(1);
    expect(samples[5]!.procs.A!.ksm_rmap_items).toBe(300);
    expect(samples[0]!.nodes[0]).toBeGreaterThanOrEqual(300);
    const cpu = samples.map((s) => s.ksmd.cpu_ms);
    expect(cpu.every((x, i) => i === 0 || x >= cpu[i - 1]!)).toBe(true);
  });

  it("scan steps advance the series 100 ms per full scan", () => {
    const { samples } = collect(doc([...setup, { op: "scan", full_scans: 3 }]), 50);
    expect(samples.map((s) => [s.t_ms, s.ksm.full_scans])).toEqual([
      [0, 1],
      [50, 1],
      [100, 2],
      [150, 2],
      [200, 3],
      [250, 3],
      [300, 3],
    ]);
  });

  it("the result document does not depend on sampling", () => {
    const plain = collect(VALID, 1e9).result; // one sample, at the end
    const { result } = collect(VALID, 7);
    expect(JSON.stringify(result)).toBe(JSON.stringify(plain));
  });

  it("CSV: a header, one line per sample; JSON: every_ms and the samples", () => {
    const { samples } = collect(VALID, 250);
    const csv = seriesToCsv(samples).trimEnd().split("\n");
    expect(csv[0]!.split(",").slice(0, 3)).toEqual(["t_ms", "pages_shared", "pages_sharing"]);
    expect(csv[0]).toContain("ksmd.pages_to_scan");
    expect(csv[0]).toContain("node0.used_pages");
    expect(csv[0]).toContain("A.ksm_merging_pages");
    expect(csv).toHaveLength(1 + 5);
    expect(csv[1]!.startsWith("0,")).toBe(true);
    const json = JSON.parse(seriesToJson(samples, 250));
    expect(json.every_ms).toBe(250);
    expect(json.samples).toEqual(JSON.parse(JSON.stringify(samples)));
  });

  it("is deterministic: the same scenario and seed give the same series byte for byte", () => {
    const a = collect(VALID, 10, { trace: true });
    const b = collect(VALID, 10, { trace: true });
    expect(seriesToCsv(a.samples)).toBe(seriesToCsv(b.samples));
    expect(JSON.stringify(a.result)).toBe(JSON.stringify(b.result));
    const other = JSON.parse(JSON.stringify(VALID));
    other.steps[4].seed = 2;
    expect(seriesToCsv(collect(other, 10).samples)).not.toBe(seriesToCsv(a.samples));
  });
});
