import { describe, expect, it } from "vitest";
import { loadResultDocument } from "../src/index.js";
import { haveFixtures, loadFixtures } from "./helpers/fixtures.js";

describe.skipIf(!haveFixtures)("every fixture result loads", () => {
  for (const f of loadFixtures()) {
    it(f.id, () => {
      const r = loadResultDocument(f.result);
      expect(r.ok ? [] : r.errors).toEqual([]);
      expect(loadResultDocument(JSON.stringify(f.result)).ok).toBe(true);
    });
  }
});

const ksm = {
  pages_shared: 1,
  pages_sharing: 2,
  pages_unshared: 0,
  pages_volatile: 0,
  pages_scanned: 3,
  pages_skipped: 0,
  full_scans: 1,
  stable_node_chains: 0,
  stable_node_dups: 0,
  ksm_zero_pages: 0,
  general_profit: -64,
};
const stat = {
  ksm_rmap_items: 3,
  ksm_zero_pages: 0,
  ksm_merging_pages: 3,
  ksm_process_profit: 12096,
  ksm_merge_any: false,
  ksm_mergeable: true,
};
const good = () => ({
  name: "t",
  simulator: "ksm-sim 0.1.0",
  steps: [
    { step: 0, op: "spawn", result: "ok" },
    { step: 1, op: "sysfs", result: "ok" },
    { step: "1.0", op: "fork", result: "ok" },
    { step: "1.1", op: "swapin", result: "ok" },
    { step: 2, op: "snapshot", result: "OOPS: kernel BUG at mm/ksm.c:1234" },
  ],
  snapshots: [{ label: "s", ksm, procs: { A: stat } }],
  placement: [{ label: "s", procs: { A: { heap: { node0: 96, node1: 0, other: 0 } } } }],
  trace: [{ t: 0.1, event: "ksm_enter", args: "mm=mm0" }],
  recorder_note: "unknown top-level fields are allowed",
});

describe("loadResultDocument", () => {
  it("accepts a document with sub-steps, placement, trace and extra top-level fields", () => {
    const d = good();
    const r = loadResultDocument(d);
    expect(r).toEqual({ ok: true, result: d });
  });

  const bad: [string, (d: ReturnType<typeof good>) => unknown, [string, string][]][] = [
    ["not JSON", () => "{", [["", expect.stringMatching(/^\(document\): is not valid JSON/) as unknown as string]]],
    [
      "not an object",
      () => 5,
      [["", "(document): must be an object (a result document { name, steps, snapshots, ... }), got 5"]],
    ],
    [
      "missing parts",
      () => ({ name: 3 }),
      [
        ["steps", "steps: is required in a result document"],
        ["snapshots", "snapshots: is required in a result document"],
        ["name", "name: must be a string, got 3"],
      ],
    ],
    [
      "step numbers",
      (d) => {
        d.steps[3]!.step = "1.2";
        (d.steps[4] as Record<string, unknown>).step = "2";
        return d;
      },
      [
        ["steps[3].step", 'steps[3].step: must number the sub-steps of the step before in order ("1.1"), got "1.2"'],
        ["steps[4].step", 'steps[4].step: must be a step index (an integer >= 0) or a sub-step "N.k", got "2"'],
      ],
    ],
    [
      "a step number going back",
      (d) => {
        d.steps[4]!.step = 1;
        return d;
      },
      [["steps[4].step", "steps[4].step: must be greater than the step before (1), got 1"]],
    ],
    [
      "a step result's fields",
      (d) => {
        d.steps[0] = { step: 0, op: "spawn", result: 0, extra: 1 } as never;
        delete (d.steps[1] as Record<string, unknown>).op;
        return d;
      },
      [
        ["steps[0].extra", "steps[0].extra: unknown field of a step result (expected step, op, result)"],
        ["steps[0].result", "steps[0].result: must be a string, got 0"],
        ["steps[1].op", "steps[1].op: is required in a step result"],
      ],
    ],
    [
      "counters and ksm_stat fields",
      (d) => {
        const s = d.snapshots[0]!;
        (s.ksm as Record<string, unknown>) = { ...ksm, pages_shared: "1", extra: 0 };
        delete (s.ksm as Record<string, unknown>).full_scans;
        (s.procs as Record<string, unknown>)["a b"] = { ...stat, ksm_mergeable: "yes", ksm_rmap_items: 1.5 };
        return d;
      },
      [
        [
          "snapshots[0].ksm.extra",
          "snapshots[0].ksm.extra: unknown field of ksm counters (expected pages_shared, pages_sharing, pages_unshared, pages_volatile, pages_scanned, pages_skipped, full_scans, stable_node_chains, stable_node_dups, ksm_zero_pages, general_profit)",
        ],
        ["snapshots[0].ksm.full_scans", "snapshots[0].ksm.full_scans: is required in ksm counters"],
        ["snapshots[0].ksm.pages_shared", 'snapshots[0].ksm.pages_shared: must be an integer, got "1"'],
        [
          'snapshots[0].procs["a b"].ksm_rmap_items',
          'snapshots[0].procs["a b"].ksm_rmap_items: must be an integer, got 1.5',
        ],
        [
          'snapshots[0].procs["a b"].ksm_mergeable',
          'snapshots[0].procs["a b"].ksm_mergeable: must be a boolean, got "yes"',
        ],
      ],
    ],
    [
      "placement and trace",
      (d) => {
        d.placement[0]!.procs.A!.heap = { node0: -1, nodeX: 0 } as never;
        d.trace[0] = { t: "0", event: "ksm_enter" } as never;
        return d;
      },
      [
        ["placement[0].procs.A.heap.other", "placement[0].procs.A.heap.other: is required in a VMA's placement"],
        ["placement[0].procs.A.heap.node0", "placement[0].procs.A.heap.node0: must be an integer >= 0, got -1"],
        [
          "placement[0].procs.A.heap.nodeX",
          "placement[0].procs.A.heap.nodeX: unknown field of a VMA's placement (expected node0, node1, ..., other)",
        ],
        ["trace[0].args", "trace[0].args: is required in a trace event"],
        ["trace[0].t", 'trace[0].t: must be a number of seconds, got "0"'],
      ],
    ],
  ];
  for (const [name, mutate, errors] of bad) {
    it(`rejects ${name}, naming the paths`, () => {
      const r = loadResultDocument(mutate(good()));
      expect(r.ok).toBe(false);
      expect(r.ok ? [] : r.errors.map((e) => [e.path, e.message])).toEqual(errors);
    });
  }
});
