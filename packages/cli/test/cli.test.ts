import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { tempFiles } from "./helpers.js";

const { dir, file } = tempFiles("ksm-sim-cli-");

const scenario = {
  version: 1,
  name: "two-scans",
  steps: [
    { op: "spawn", proc: "A" },
    { op: "mmap", proc: "A", vma: "h", pages: 8 },
    { op: "write", proc: "A", vma: "h", content: 5 },
    { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
    { op: "scan", full_scans: 2 },
    { op: "snapshot", label: "merged" },
    { op: "sysfs", knob: "max_page_sharing", value: "1" },
  ],
};

describe("ksm-sim run", () => {
  it("prints exactly the result document and exits 0", () => {
    const out = main(["run", file("s.json", scenario)]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    const doc = JSON.parse(out.stdout);
    expect(doc.name).toBe("two-scans");
    expect(doc.snapshots[0].ksm).toMatchObject({ pages_shared: 1, pages_sharing: 7 });
    expect(doc.steps[6]).toEqual({ step: 6, op: "sysfs", result: "EINVAL" });
    expect(doc.trace).toBeUndefined();
  });
  it("gives the same counters on every backend and content mode, and a trace with --trace", () => {
    const f = file("s2.json", scenario);
    const base = JSON.parse(main(["run", f]).stdout);
    for (const backend of ["rbtree", "functional-red-black-tree", "bintrees"]) {
      for (const content of ["tokens", "bytes"]) {
        const doc = JSON.parse(main(["run", f, "--backend", backend, "--content", content]).stdout);
        expect(doc.snapshots).toEqual(base.snapshots);
      }
    }
    const traced = JSON.parse(main(["run", f, "--trace"]).stdout);
    expect(traced.trace[0]).toMatchObject({ event: "ksm_enter", args: "mm=mm0" });
  });
  it("rejects an invalid scenario with exit 2 and names the field", () => {
    const bad = {
      ...scenario,
      steps: [
        { op: "spawn", proc: "A" },
        { op: "scan", full_scans: -3 },
      ],
    };
    const out = main(["run", file("bad.json", bad)]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("steps[1].full_scans");
    expect(out.stderr).toContain("-3");
  });
  it("reports usage errors with exit 2, never a stack trace", () => {
    for (const argv of [[], ["frobnicate"], ["run"], ["run", "x.json", "--backend", "avl"], ["run", "--content"]]) {
      const out = main(argv);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/^ksm-sim: /);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
    expect(main(["run", join(dir, "missing.json")]).stderr).toContain("cannot read");
    expect(main(["run", file("notjson.json", "{")]).stderr).toContain("not JSON");
  });
});

describe("ksm-sim run --no-FIX", () => {
  it("turns a 2013 fix off and replays the oops of Linux 3.8", () => {
    const f = join(dirname(fileURLToPath(import.meta.url)), "../../../examples/2013-races/fork-during-unmerge.json");
    const on = JSON.parse(main(["run", f]).stdout);
    expect(on.steps.every((s: { result: string }) => s.result === "ok")).toBe(true);
    const off = JSON.parse(main(["run", f, "--no-enter-at-tail-while-unmerging"]).stdout);
    expect(off.steps.at(-1).result).toMatch(/^OOPS: run=2 completed but KSM page/);
  });
});

describe("ksm-sim compare", () => {
  it("exits 0 for equal documents and 1 with the first differences otherwise", () => {
    const f = file("c.json", scenario);
    const a = main(["run", f]).stdout;
    const pa = file("a.json", a);
    expect(main(["compare", pa, pa])).toMatchObject({ code: 0, stdout: "no differences\n" });
    const changed = JSON.parse(a);
    changed.snapshots[0].ksm.pages_sharing = 6;
    const pb = file("b.json", changed);
    const out = main(["compare", pa, pb]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain("pages_sharing");
  });
});
