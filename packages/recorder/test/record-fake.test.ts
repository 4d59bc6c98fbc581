import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KNOB_DEFAULTS, knobWriteText } from "@ksm-sim/ksm";
import { compareResults, runScenario, type Scenario, validateScenario } from "@ksm-sim/scenario";
import { describe, expect, it } from "vitest";
import { preflight, RecorderError, recordScenario, type WorkerProc } from "../src/index.js";
import { FakeKernel } from "./fake-machine.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

function scenario(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join("\n"));
  return v.scenario;
}

const SMALL = scenario({
  version: 1,
  name: "small",
  sysfs: { max_page_sharing: 3 },
  steps: [
    { op: "spawn", proc: "A" },
    { op: "mmap", proc: "A", vma: "h", pages: 8 },
    { op: "write", proc: "A", vma: "h", content: { from: 1, period: 2 } },
    { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
    { op: "fork", proc: "A", child: "B" },
    { op: "scan", full_scans: 2 },
    { op: "snapshot", label: "merged" },
    { op: "write", proc: "B", vma: "h", start: 0, count: 1, content: 9 },
    { op: "sysfs", knob: "pages_to_scan", value: "abc" },
    { op: "exit", proc: "A" },
    { op: "scan", full_scans: 1 },
    { op: "snapshot", label: "end" },
  ],
});

describe("recording on a fake kernel (the simulator behind the file-system boundary)", () => {
  it("gives the simulation's result document", () => {
    const k = new FakeKernel();
    const rec = recordScenario(k.machine(), SMALL);
    expect(compareResults(rec, runScenario(SMALL))).toEqual([]);
    expect(rec.snapshots[0]!.ksm.pages_sharing).toBeGreaterThan(0);
    expect(rec.steps[8]!.result).toBe("EINVAL");
    expect((rec as { kernel?: string }).kernel).toBe("fake");
  });

  it("speeds ksmd up only where it cannot show, and restores every knob it changed", () => {
    const k = new FakeKernel();
    k.ksm.sysfsWrite("max_page_sharing", "100");
    k.ksm.sysfsWrite("sleep_millisecs", "7");
    recordScenario(k.machine(), SMALL);
    expect(k.writes).toContainEqual(["/sys/kernel/mm/ksm/pages_to_scan", "20000"]);
    expect(k.writes).toContainEqual(["/sys/kernel/mm/ksm/sleep_millisecs", "100"]);
    expect(k.knob("max_page_sharing")).toBe("100");
    expect(k.knob("sleep_millisecs")).toBe("7");
    expect(k.knob("pages_to_scan")).toBe(knobWriteText(KNOB_DEFAULTS.pages_to_scan));
    expect(k.knob("run")).toBe("0");
    expect(k.ksm.counters().pages_shared).toBe(0);
    expect([...k.procs.values()].every((p) => !p.alive)).toBe(true);
    expect(k.closed).toBe(true);
  });

  it("restores the knobs when a worker dies mid-way, and says which", () => {
    const k = new FakeKernel();
    k.ksm.sysfsWrite("max_page_sharing", "100");
    k.dieAtCall = 3;
    expect(() => recordScenario(k.machine(), SMALL)).toThrow(/died/);
    expect(k.knob("max_page_sharing")).toBe("100");
    expect(k.knob("run")).toBe("0");
    expect(k.ksm.counters().pages_shared).toBe(0);
  });

  const fixtures = join(repo, "fixtures/scenarios");
  const recordable = existsSync(fixtures)
    ? readdirSync(fixtures)
        .filter((f) => f.endsWith(".json"))
        .map((f) => [f, scenario(JSON.parse(readFileSync(join(fixtures, f), "utf8")))] as const)
        .filter(([, s]) => {
          try {
            preflight(new FakeKernel().machine(), s);
            return true;
          } catch {
            return false;
          }
        })
    : [];
  it("finds recordable fixtures", () => {
    expect(recordable.length).toBeGreaterThanOrEqual(10);
  });
  it.each(recordable)("fixture %s: recording equals simulation", (_, s) => {
    const rec = recordScenario(new FakeKernel().machine(), s);
    expect(compareResults(rec, runScenario(s))).toEqual([]);
  });
});

describe("the default address rule", () => {
  it("maps where the simulator does: ceil(pages / 2^20) slots of 2^32 bytes per mmap, a child going on from its parent", () => {
    const k = new FakeKernel();
    const machine = k.machine();
    const lines: string[] = [];
    const logged = (w: WorkerProc): WorkerProc => ({
      name: w.name,
      pid: w.pid,
      call: (line) => {
        lines.push(`${w.name}: ${line}`);
        return w.call(line);
      },
    });
    machine.workers = {
      spawn: (name) => logged(k.spawn(name)),
      fork: (parent, child) => logged(k.fork(parent, child)),
      close: () => k.close(),
    };
    const s = scenario({
      version: 1,
      name: "slots",
      steps: [
        { op: "spawn", proc: "A" },
        { op: "mmap", proc: "A", vma: "a", pages: 8 },
        { op: "mmap", proc: "A", vma: "big", pages: 2 ** 21 },
        { op: "mmap", proc: "A", vma: "b", pages: 8, address: 2 ** 42 },
        { op: "mmap", proc: "A", vma: "c", pages: 8 },
        { op: "write", proc: "A", vma: "a", content: { from: 1, period: 2 } },
        { op: "write", proc: "A", vma: "c", content: { from: 1, period: 2 } },
        { op: "madvise", proc: "A", vma: "a", advice: "mergeable" },
        { op: "madvise", proc: "A", vma: "c", advice: "mergeable" },
        { op: "fork", proc: "A", child: "B" },
        { op: "mmap", proc: "B", vma: "d", pages: 1 },
        { op: "scan", full_scans: 2 },
        { op: "snapshot" },
      ],
    });
    const rec = recordScenario(machine, s);
    expect(lines.filter((l) => l.includes(": mmap "))).toEqual([
      "A: mmap a 8 10000000000",
      "A: mmap big 2097152 10100000000",
      "A: mmap b 8 40000000000",
      "A: mmap c 8 10400000000",
      "B: mmap d 1 10500000000",
    ]);
    expect(rec.steps.every((r) => r.result === "ok")).toBe(true);
    expect(compareResults(rec, runScenario(s))).toEqual([]);
  });
});

describe("refusals, each with a clear message", () => {
  it("not root", () => {
    expect(() => recordScenario(new FakeKernel().machine(1000), SMALL)).toThrow(RecorderError);
    expect(() => recordScenario(new FakeKernel().machine(1000), SMALL)).toThrow(
      "ksm-sim record needs root: it writes /sys/kernel/mm/ksm (run it with sudo)",
    );
  });
  it("no KSM", () => {
    const k = new FakeKernel();
    k.hasKsm = false;
    expect(() => recordScenario(k.machine(), SMALL)).toThrow(
      "this kernel has no KSM: /sys/kernel/mm/ksm/run is missing (CONFIG_KSM=y is needed)",
    );
  });
  it("other KSM users, named", () => {
    const k = new FakeKernel();
    k.foreign = ["4242 qemu-system-x86"];
    expect(() => recordScenario(k.machine(), SMALL)).toThrow(/other processes use KSM.*4242 qemu-system-x86/);
    expect(k.writes).toEqual([]); // nothing touched
  });
  it("simulator-only steps", () => {
    const s = scenario({
      version: 1,
      name: "swap",
      steps: [
        { op: "spawn", proc: "A" },
        { op: "mmap", proc: "A", vma: "h", pages: 1 },
        { op: "swapout", proc: "A", vma: "h" },
      ],
    });
    expect(() => recordScenario(new FakeKernel().machine(), s)).toThrow(
      'steps[2].op: "swapout" is simulator-only; a real kernel cannot be driven that way',
    );
  });
  it("a refused initial write names the knob, and the machine is restored", () => {
    const k = new FakeKernel();
    const s = scenario({ version: 1, name: "x", steps: [] });
    (s as { sysfs?: Record<string, unknown> }).sysfs = { max_page_sharing: 1 };
    expect(() => recordScenario(k.machine(), s)).toThrow("sysfs.max_page_sharing: the kernel refuses 1 with EINVAL");
    expect(k.knob("max_page_sharing")).toBe("256");
  });
});
