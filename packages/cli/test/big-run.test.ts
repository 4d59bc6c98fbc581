/**
 * ksm-sim run on big machines: one warning line on stderr when a step got
 * ENOMEM (and nothing otherwise), and the progress bar of scans on a
 * terminal's stderr only.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResultDocument, Scenario } from "@ksm-sim/scenario";
import { describe, expect, it } from "vitest";
import { enomemWarning, machineSize, sizeOf } from "../src/enomem.js";
import { main } from "../src/main.js";
import { count, duration, progressBar } from "../src/progress.js";
import { terminalOf } from "../src/terminal.js";
import { mergeScenario, tempFiles } from "./helpers.js";

const { file } = tempFiles("ksm-sim-big-");

const tooSmall = {
  version: 1,
  name: "too-small",
  topology: { nodes: 2, pages_per_node: [16, 32] },
  steps: [
    { op: "spawn", proc: "A" },
    { op: "mmap", proc: "A", vma: "h", pages: 2 ** 21, node: 0 },
    { op: "write", proc: "A", vma: "h", count: 8, content: { from: 1 } },
    { op: "write", proc: "A", vma: "h", start: 100, count: 20, content: { from: 100 } },
    { op: "write", proc: "A", vma: "h", start: 2 ** 21 - 1, content: 5 },
    { op: "snapshot" },
  ],
};

describe("the ENOMEM warning", () => {
  it("is one line on stderr, naming the first step that got ENOMEM and the machine's size; stdout is the result", () => {
    const out = main(["run", file("small.json", tooSmall)]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(
      "ksm-sim: warning: steps[3] (write) got ENOMEM: the scenario's memory does not fit its simulated machine, 2 nodes of 16 + 32 pages (192 KiB in all); topology.pages_per_node sets the size of each node\n",
    );
    const doc = JSON.parse(out.stdout);
    expect(doc.steps.map((s: { result: string }) => s.result)).toEqual(["ok", "ok", "ok", "ENOMEM", "ENOMEM", "ok"]);
  });

  it("is absent when every step found memory", () => {
    const out = main(["run", file("fits.json", { ...tooSmall, topology: { nodes: 2, pages_per_node: 64 } })]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    expect(JSON.parse(out.stdout).steps.every((s: { result: string }) => s.result === "ok")).toBe(true);
  });

  it("names a step inside an unmerge pass by its label, and the default machine", () => {
    const scenario = { version: 1, name: "x", steps: [] } as unknown as Scenario;
    const doc = { name: "x", steps: [{ step: "3.1", op: "swapin", result: "ENOMEM" }], snapshots: [] };
    expect(enomemWarning(scenario, doc as unknown as ResultDocument)).toContain(
      "step 3.1 (swapin) got ENOMEM: the scenario's memory does not fit its simulated machine, 1 node of 1048576 pages (4 GiB)",
    );
    expect(enomemWarning(scenario, { ...doc, steps: [] } as unknown as ResultDocument)).toBeNull();
    const two = { version: 1, name: "x", topology: { nodes: 2, pages_per_node: 2 ** 23 }, steps: [] };
    expect(machineSize(two as unknown as Scenario)).toBe("2 nodes of 8388608 pages (64 GiB in all)");
    expect([2 ** 28, 3 * 2 ** 17, 2 ** 8, 2].map(sizeOf)).toEqual(["1024 GiB", "1.5 GiB", "1 MiB", "8 KiB"]);
  });
});

describe("the progress bar", () => {
  const scans = file("scans.json", mergeScenario("scans", 5000, 64));

  it("shows full scans, pages scanned and elapsed time on a terminal's stderr, then clears itself", () => {
    let tty = "";
    const out = main(["run", scans], terminalOf({ isTTY: true, write: (t: string) => (tty += t) }));
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    const END = "\u001b[K";
    const last = tty
      .split("\r")
      .filter((l) => l !== END)
      .at(-1);
    expect(last).toMatch(/^\[#{30}\] 100% full scan 2 of 2, 10\.0 k pages scanned, \d+ s elapsed/);
    expect(last?.endsWith(END)).toBe(true);
    expect(tty.endsWith("\r\u001b[K")).toBe(true);
    expect(out.stdout).toBe(main(["run", scans]).stdout);
  });

  it("draws nothing when stderr is not a terminal", () => {
    let written = "";
    const terminal = terminalOf({ isTTY: false, write: (t: string) => (written += t) });
    expect(terminal).toEqual({});
    const out = main(["run", scans], terminal);
    expect(written).toBe("");
    expect(out.stderr).toBe("");
    expect(terminalOf({ write: () => true })).toEqual({});
  });

  it("redraws at most 10 times a second, always at 100%, with an estimate of the time left", () => {
    let t = 0;
    const lines: string[] = [];
    const bar = progressBar(
      (s) => lines.push(s),
      () => t,
    );
    const at = (fraction: number, scans: number) =>
      ({
        phase: "scan",
        fraction,
        scanStepFullScans: scans,
        totalScanStepFullScans: 4,
        fullScans: scans,
        pagesScanned: 1_234_567 * (scans + 1),
        simulatedMs: 0,
        totalSimulatedMs: 0,
      }) as const;
    bar.update(0, 0, at(0, 0));
    t = 50;
    bar.update(0, 0, at(0.1, 0)); // within 100 ms of the last redraw: skipped
    t = 2000;
    bar.update(0, 0, at(0.25, 1));
    t = 2010;
    bar.update(0, 0, at(1, 4)); // the end: always drawn
    bar.done();
    expect(lines).toEqual([
      "\r[..............................] 0% full scan 1 of 4, 1.2 M pages scanned, 0 s elapsed\u001b[K",
      "\r[########......................] 25% full scan 2 of 4, 2.5 M pages scanned, 2 s elapsed, ~6 s left\u001b[K",
      "\r[##############################] 100% full scan 4 of 4, 6.2 M pages scanned, 2 s elapsed\u001b[K",
      "\r\u001b[K",
    ]);
  });

  it("keeps the simulated-time bar of run_for steps (and of callers passing only the time)", () => {
    const lines: string[] = [];
    const bar = progressBar(
      (s) => lines.push(s),
      () => 0,
    );
    bar.update(200, 1000);
    expect(lines).toEqual(["\r[######........................] 20% 0.2 s of 1.0 s simulated, 0 s elapsed\u001b[K"]);
    expect([0, 59_499, 61_000, 7_500_000].map(duration)).toEqual(["0 s", "59 s", "1 min 01 s", "2 h 05 min"]);
    expect([950, 12_345, 4_100_000, 1.2e9].map(count)).toEqual(["950", "12.3 k", "4.1 M", "1.2 G"]);
  });
});

const bundle = join(dirname(fileURLToPath(import.meta.url)), "../dist/ksm-sim.js");
describe.skipIf(!existsSync(bundle))("the built ksm-sim with stderr on a pipe (skipped before a build)", () => {
  it("prints no bar and no warning for a scenario that fits, and the warning for one that does not", () => {
    const run = (f: string) => spawnSync(process.execPath, [bundle, "run", f], { encoding: "utf8" });
    const fits = run(file("pipe.json", mergeScenario("pipe", 5000, 64)));
    expect(fits.status).toBe(0);
    expect(fits.stderr).toBe("");
    const full = run(file("pipe-small.json", tooSmall));
    expect(full.status).toBe(0);
    expect(full.stderr.split("\n")).toHaveLength(2);
    expect(full.stderr).toMatch(/^ksm-sim: warning: steps\[3\] \(write\) got ENOMEM/);
  });
});
