import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareResults, firstDifference, type ResultDocument } from "../src/index.js";
import { fixtureCheckPy, haveFixtures, loadFixtures } from "./helpers/fixtures.js";
import { prng, rawTrace } from "./helpers/raw-trace.js";

const fixtures = loadFixtures().map((f) => ({ id: f.id, doc: f.result as ResultDocument }));
const byId = (id: string) => fixtures.find((f) => f.id === id)!.doc;
const clone = (d: ResultDocument): ResultDocument => structuredClone(d);

describe.skipIf(!haveFixtures)("a fixture result compared with itself", () => {
  for (const { id, doc } of fixtures) {
    it(`${id}: no difference, with and without the trace`, () => {
      expect(compareResults(doc, clone(doc))).toEqual([]);
      expect(compareResults(doc, clone(doc), { trace: true })).toEqual([]);
      expect(firstDifference(doc, doc, { trace: true })).toBeNull();
    });
  }
});

describe.skipIf(!haveFixtures)("mutated copies: the expected difference, worded as fixture-check.py", () => {
  const base = () => byId("scenarios/fork-cow-exit");
  const numa = () => byId("numa-scenarios/numa-pub-migrate-man0");

  it("a step's result", () => {
    const got = base();
    const g = clone(got);
    g.steps[3]!.result = "EINVAL";
    expect(compareResults(got, g)).toEqual([
      {
        kind: "step",
        path: "steps[3]",
        message: "step 3: kernel ('madvise', 'ok'), simulator ('madvise', 'EINVAL')",
        expected: got.steps[3],
        actual: g.steps[3],
      },
    ]);
  });

  it("a missing step", () => {
    const g = clone(base());
    g.steps.pop();
    expect(firstDifference(base(), g)).toBe("kernel has 26 steps, simulator 25");
  });

  it("a counter", () => {
    const g = clone(base());
    g.snapshots[1]!.ksm.pages_sharing = 159;
    expect(compareResults(base(), g)).toMatchObject([
      {
        kind: "ksm",
        path: "snapshots[1].ksm.pages_sharing",
        message: "snapshot 'p2': pages_sharing kernel 160, simulator 159",
        expected: 160,
        actual: 159,
      },
    ]);
  });

  it("a ksm_stat flag, and a missing process", () => {
    const g = clone(base());
    g.snapshots[0]!.procs.P!.ksm_mergeable = false;
    delete g.snapshots[3]!.procs.C;
    const d = compareResults(base(), g);
    expect(d.map((x) => x.message)).toEqual([
      "snapshot 'p1': P.ksm_mergeable kernel True, simulator False",
      "snapshot 'f1': C.ksm_rmap_items kernel 200, simulator None",
      "snapshot 'f1': C.ksm_zero_pages kernel 0, simulator None",
      "snapshot 'f1': C.ksm_merging_pages kernel 200, simulator None",
      "snapshot 'f1': C.ksm_process_profit kernel 806400, simulator None",
      "snapshot 'f1': C.ksm_merge_any kernel False, simulator None",
      "snapshot 'f1': C.ksm_mergeable kernel True, simulator None",
    ]);
    expect(d[1]!.path).toBe("snapshots[3].procs.C.ksm_rmap_items");
  });

  it("a missing snapshot", () => {
    const g = clone(base());
    g.snapshots.splice(4, 1);
    expect(firstDifference(base(), g)).toBe("kernel has 11 snapshots, simulator 10");
  });

  it("extra fields and processes on the simulator side are not differences (fixture-check.py reads the kernel's)", () => {
    const g = clone(base()) as ResultDocument & { simulator: string };
    g.simulator = "ksm-sim 0.1.0";
    g.snapshots[0]!.procs.X = { ...g.snapshots[0]!.procs.P! };
    (g.snapshots[0]!.ksm as Record<string, number>).extra = 1;
    g.kernel = "none";
    expect(compareResults(base(), g, { trace: true })).toEqual([]);
  });

  it("Python equality: True equals 1", () => {
    const g = clone(base()) as unknown as { snapshots: { procs: Record<string, Record<string, unknown>> }[] };
    g.snapshots[0]!.procs.P!.ksm_mergeable = 1;
    expect(compareResults(base(), g as unknown as ResultDocument)).toEqual([]);
  });

  it("placement", () => {
    const g = clone(numa());
    g.placement![2]!.procs.B!.bx!.other = 1;
    expect(compareResults(numa(), g)).toMatchObject([
      {
        kind: "placement",
        path: "placement[2]",
        message:
          "placement at 'mig1': kernel {'A': {'a': {'node0': 0, 'node1': 48, 'other': 0}, 'au': {'node0': 0, 'node1': 12, 'other': 0}, 'ax': {'node0': 0, 'node1': 6, 'other': 0}}, 'B': {'b': {'node0': 0, 'node1': 48, 'other': 0}, 'bx': {'node0': 0, 'node1': 6, 'other': 0}}}, simulator {'A': {'a': {'node0': 0, 'node1': 48, 'other': 0}, 'au': {'node0': 0, 'node1': 12, 'other': 0}, 'ax': {'node0': 0, 'node1': 6, 'other': 0}}, 'B': {'b': {'node0': 0, 'node1': 48, 'other': 0}, 'bx': {'node0': 0, 'node1': 6, 'other': 1}}}",
      },
    ]);
    const h = clone(numa());
    delete h.placement;
    expect(compareResults(numa(), h)).toMatchObject([
      { kind: "placement-length", path: "placement", message: "placement missing or of another length" },
    ]);
  });

  it("trace events, only with { trace: true }", () => {
    const got = base();
    const g = clone(got);
    g.trace![5] = { ...g.trace![5]!, args: g.trace![5]!.args.replace("error=0", "error=-11") };
    g.trace!.pop();
    expect(compareResults(got, g)).toEqual([]);
    expect(compareResults(got, g, { trace: true }).map((d) => [d.kind, d.path, d.message])).toEqual([
      [
        "trace",
        "trace[5]",
        "trace event 5: kernel ('ksm_merge_with_ksm_page', 'ksm pfn=pfn0 error=0'), simulator ('ksm_merge_with_ksm_page', 'ksm pfn=pfn0 error=-11')",
      ],
      ["trace-length", "trace", "kernel traced 420 events, simulator 419"],
    ]);
  });

  it("rmap_item and mm identities never differ; a pfn given to another frame does", () => {
    const got = base();
    const g = clone(got);
    for (const e of g.trace!)
      e.args = e.args.replace(/mm=mm0/g, "mm=mm9").replace(/rmap_item=rmap_item(\d+)/g, "rmap_item=r$1x");
    expect(compareResults(got, g, { trace: true })).toEqual([]);
    g.trace![6] = { ...g.trace![6]!, args: g.trace![6]!.args.replace("pfn=pfn1", "pfn=pfn0") };
    expect(firstDifference(got, g, { trace: true })).toBe(
      "trace event 6: kernel ('ksm_merge_with_ksm_page', 'pfn=pfn1 error=0'), simulator ('ksm_merge_with_ksm_page', 'pfn=pfn0 error=0')",
    );
  });

  it("differences come in fixture-check.py's order, and limit stops early", () => {
    const g = clone(base());
    g.trace!.pop();
    g.snapshots[3]!.ksm.full_scans = 99;
    g.steps[0]!.op = "fork";
    const kinds = compareResults(base(), g, { trace: true }).map((d) => d.kind);
    expect(kinds).toEqual(["step", "ksm", "trace-length"]);
    expect(compareResults(base(), g, { trace: true, limit: 2 }).map((d) => d.kind)).toEqual(["step", "ksm"]);
  });

  it("a document missing its parts is read defensively", () => {
    const d = compareResults(base(), {} as ResultDocument, { trace: true });
    expect(d.map((x) => x.message)).toEqual([
      "kernel has 26 steps, simulator 0",
      "kernel has 11 snapshots, simulator 0",
      "kernel traced 420 events, simulator 0",
    ]);
  });
});

/**
 * The real fixture-check.py judges the same pairs: its first_difference (the
 * script up to its argument parsing, run as is) must give our first message.
 */
const python = spawnSync("python3", ["--version"]).status === 0;
describe.skipIf(!haveFixtures || !python || !existsSync(fixtureCheckPy))("cross-check with fixture-check.py", () => {
  const DRIVER = `
import json, sys
path = sys.argv[1]
src = open(path).read()
src = src[:src.index("ap = argparse.ArgumentParser()")]
g = {"__file__": path, "__name__": "fixture_check"}
exec(src, g)
cases = json.load(sys.stdin)
print(json.dumps([g["first_difference"](c["exp"], c["got"], c["trace"]) for c in cases]))
`;

  type Doc = Record<string, unknown> & ResultDocument;
  const mutations: ((d: Doc, r: () => number) => void)[] = [
    (d, r) => {
      const i = Math.floor(r() * d.steps.length);
      d.steps[i]!.result = r() < 0.5 ? "EBUSY" : "OOPS: BUG at mm/ksm.c:123";
    },
    (d, r) => {
      d.steps[Math.floor(r() * d.steps.length)]!.op = "scan";
    },
    (d, r) => {
      d.steps.splice(Math.floor(r() * d.steps.length), 1);
    },
    (d, r) => {
      const s = d.snapshots[Math.floor(r() * d.snapshots.length)]!;
      const keys = Object.keys(s.ksm) as (keyof typeof s.ksm)[];
      const k = keys[Math.floor(r() * keys.length)]!;
      if (r() < 0.3) delete (s.ksm as Partial<typeof s.ksm>)[k];
      else s.ksm[k] += r() < 0.5 ? 1 : -7;
    },
    (d, r) => {
      const s = d.snapshots[Math.floor(r() * d.snapshots.length)]!;
      const names = Object.keys(s.procs);
      if (names.length === 0) return;
      const p = names[Math.floor(r() * names.length)]!;
      const choice = r();
      if (choice < 0.25) delete s.procs[p];
      else if (choice < 0.5) s.procs[p]!.ksm_merge_any = !s.procs[p]!.ksm_merge_any;
      else if (choice < 0.75)
        (s.procs[p] as unknown as Record<string, unknown>).ksm_mergeable = s.procs[p]!.ksm_mergeable ? 1 : 0;
      else s.procs[p]!.ksm_process_profit -= 64;
    },
    (d, r) => {
      d.snapshots.splice(Math.floor(r() * d.snapshots.length), 1);
    },
    (d, r) => {
      const pl = d.placement;
      if (pl === undefined || pl.length === 0) return;
      const choice = r();
      if (choice < 0.3) delete d.placement;
      else if (choice < 0.5) pl.pop();
      else {
        const e = pl[Math.floor(r() * pl.length)]!;
        const procs = Object.values(e.procs);
        const vmas = procs.length ? Object.values(procs[Math.floor(r() * procs.length)]!) : [];
        if (vmas.length) vmas[Math.floor(r() * vmas.length)]!.other += 1;
      }
    },
    (d, r) => {
      const t = d.trace!;
      const i = Math.floor(r() * t.length);
      const choice = r();
      if (choice < 0.25) t.splice(i, 1);
      else if (choice < 0.5) t[i] = { ...t[i]!, event: "ksm_remove_rmap_item" };
      else if (choice < 0.75)
        t[i] = { ...t[i]!, args: t[i]!.args.replace(/pfn=pfn(\d+)/, (_, n) => `pfn=pfn${Number(n) + 1}`) };
      else t[i] = { ...t[i]!, args: `${t[i]!.args} error=-12` };
    },
    (d, r) => {
      d.trace = rawTrace(d.trace!, Math.floor(r() * 1000));
    },
  ];

  it("first_difference agrees on about two hundred mutated fixture results", () => {
    const r = prng(2024);
    const cases: { exp: ResultDocument; got: ResultDocument; trace: boolean }[] = [];
    for (const { doc } of fixtures) {
      cases.push({ exp: doc, got: doc, trace: true });
      for (let n = 0; n < 8; n++) {
        const got = clone(doc) as Doc;
        const k = 1 + Math.floor(r() * 3);
        for (let j = 0; j < k; j++) mutations[Math.floor(r() * mutations.length)]!(got, r);
        cases.push({ exp: doc, got, trace: r() < 0.6 });
      }
    }
    const out = spawnSync("python3", ["-c", DRIVER, fixtureCheckPy], {
      input: JSON.stringify(cases),
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    expect(out.stderr).toBe("");
    const theirs = JSON.parse(out.stdout) as (string | null)[];
    const ours = cases.map((c) => firstDifference(c.exp, c.got, { trace: c.trace }));
    expect(ours).toEqual(theirs);
    expect(theirs.filter((m) => m !== null).length).toBeGreaterThan(cases.length / 2);
  });
});
