/** ksm-sim run --series / --every / --hz / --cost, and the progress bar. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { parseEvery } from "../src/run-options.js";
import { tempFiles } from "./helpers.js";

const { dir, file } = tempFiles("ksm-sim-series-");

const scenario = {
  version: 1,
  name: "clocked",
  steps: [
    { op: "spawn", proc: "A" },
    { op: "mmap", proc: "A", vma: "h", pages: 64 },
    { op: "write", proc: "A", vma: "h", content: { from: 1, period: 8 } },
    { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
    { op: "workload", proc: "A", vma: "h", count: 8, pages_per_sec: 50, seed: 3, content: { from: 100 } },
    { op: "run_for", ms: 500 },
    { op: "snapshot", label: "end" },
  ],
};

describe("ksm-sim run --series", () => {
  it("writes CSV and JSON series; stdout is exactly the result document", () => {
    const s = file("s.json", scenario);
    const plain = main(["run", s]);
    const csvOut = join(dir, "out.csv");
    const withCsv = main(["run", s, "--series", csvOut, "--every", "100ms"]);
    expect(withCsv).toEqual({ code: 0, stdout: plain.stdout, stderr: "" });
    const lines = readFileSync(csvOut, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(1 + 6); // 0, 100, ..., 500 ms
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["0", "100", "200", "300", "400", "500"]);
    const jsonOut = join(dir, "out.json");
    expect(main(["run", s, "--series", jsonOut, "--every=1s"]).code).toBe(0);
    const j = JSON.parse(readFileSync(jsonOut, "utf8"));
    expect(j.every_ms).toBe(1000);
    expect(j.samples.map((x: { t_ms: number }) => x.t_ms)).toEqual([0]);
  });

  it("gives the same series twice, byte for byte", () => {
    const s = file("s2.json", scenario);
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    main(["run", s, "--series", a, "--every", "10"]);
    main(["run", s, "--series", b, "--every", "10"]);
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
  });

  it("rejects bad option values with exit 2 and the value", () => {
    const s = file("s3.json", scenario);
    const cases: [string[], string][] = [
      [["--series", join(dir, "x.txt")], "--series: the file name must end in .csv or .json, got"],
      [
        ["--series", join(dir, "x.csv"), "--every", "0ms"],
        "--every: must be a whole number of ms >= 1, like 100ms or 2s, got 0ms",
      ],
      [["--series", join(dir, "x.csv"), "--every", "1.5s"], "got 1.5s"],
      [["--every", "100ms"], "--every: only with --series"],
      [["--hz", "abc"], "--hz: must be an integer from 1 to 10000 (the kernel's HZ), got abc"],
      [["--cost", file("c.json", { revisitNs: -2 })], "cost.revisitNs: must be a finite number of ns >= 0, got -2"],
      [["--cost", file("c2.json", { foo: 1 })], "cost.foo: not a cost-model field"],
      [["--series", join(dir, "no/such/dir.csv")], "--series: cannot write"],
    ];
    for (const [flags, message] of cases) {
      const out = main(["run", s, ...flags]);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe("");
      expect(out.stderr).toContain(message);
    }
    expect(parseEvery("2s")).toBe(2000);
  });

  it("--hz and --cost change the clock (and so the series), not the option-free result", () => {
    const s = file("s4.json", scenario);
    const base = join(dir, "base.csv");
    const slow = join(dir, "slow.csv");
    main(["run", s, "--series", base]);
    expect(main(["run", s, "--series", slow, "--hz", "100", "--cost", file("c3.json", { batchNs: 5e6 })]).code).toBe(0);
    expect(readFileSync(slow, "utf8")).not.toBe(readFileSync(base, "utf8"));
  });

  it("shows a progress bar on a terminal's stderr only when asked, and clears it", () => {
    const s = file("s5.json", scenario);
    let tty = "";
    const out = main(["run", s], { writeStderr: (t) => (tty += t) });
    expect(out.stderr).toBe("");
    expect(tty).toContain("100% 0.5 s of 0.5 s simulated");
    expect(tty.endsWith("\r\u001b[K")).toBe(true);
  });
});
