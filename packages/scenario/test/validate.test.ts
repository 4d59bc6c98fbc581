import { describe, expect, it } from "vitest";
import {
  MAX_ERRORS,
  pageToken,
  parseScenario,
  runScenario,
  runValue,
  type Step,
  validateScenario,
} from "../src/index.js";
import { doc, INVALID, VALID } from "./helpers/documents.js";
import { fixturesDir, haveFixtures, loadFixtures } from "./helpers/fixtures.js";

describe.skipIf(!haveFixtures)(`every fixture scenario validates (${fixturesDir})`, () => {
  const fixtures = loadFixtures();
  it("finds the fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(24);
  });
  for (const f of fixtures) {
    it(f.id, () => {
      const r = validateScenario(f.scenario);
      expect(r.ok ? [] : r.errors).toEqual([]);
      if (r.ok) expect(r.scenario).toBe(f.scenario);
    });
  }
});

describe("valid documents", () => {
  for (const [name, d] of VALID) {
    it(name, () => {
      const r = validateScenario(d);
      expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([]);
    });
  }
});

describe("invalid documents: every error, with its exact path and message", () => {
  for (const c of INVALID) {
    it(c.name, () => {
      const r = validateScenario(c.doc);
      expect(r.ok).toBe(false);
      const got = r.ok ? [] : r.errors.map((e) => [e.path, e.message]);
      expect(got).toEqual(c.errors);
    });
  }
});

describe("error reporting", () => {
  it("messages read <path>: <rule>, got <value>, and codes name the rule", () => {
    const r = validateScenario(doc([{ op: "scan", full_scans: -1 }]));
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: "steps[0].full_scans", code: "range", message: "steps[0].full_scans: must be an integer >= 1, got -1" },
      ],
    });
  });

  it(`reports at most ${MAX_ERRORS} errors, the last saying more follow`, () => {
    const steps = Array.from({ length: 80 }, () => ({ op: "exit", proc: "nobody" }));
    const r = validateScenario(doc(steps));
    if (r.ok) throw new Error("accepted");
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.errors[MAX_ERRORS - 2]!.path).toBe(`steps[${MAX_ERRORS - 2}].proc`);
    expect(r.errors[MAX_ERRORS - 1]).toEqual({
      path: `steps[${MAX_ERRORS - 1}].proc`,
      code: "too-many-errors",
      message: `steps[${MAX_ERRORS - 1}].proc: more errors follow; only the first ${MAX_ERRORS - 1} are listed`,
    });
  });

  it(`exactly ${MAX_ERRORS} errors are all listed`, () => {
    const steps = Array.from({ length: MAX_ERRORS }, () => ({ op: "exit", proc: "nobody" }));
    const r = validateScenario(doc(steps));
    if (r.ok) throw new Error("accepted");
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.errors.every((e) => e.code === "process")).toBe(true);
  });

  it("a bad step does not cascade: a VMA of a bad mmap, a pin of a bad range still count", () => {
    const r = validateScenario(
      doc([
        { op: "spawn", proc: "A" },
        { op: "mmap", proc: "A", vma: "h", pages: -1 },
        { op: "write", proc: "A", vma: "h", start: 5000, content: 1 },
        { op: "pin", proc: "A", vma: "nope", id: "p" },
        { op: "unpin", id: "p" },
      ]),
    );
    if (r.ok) throw new Error("accepted");
    expect(r.errors.map((e) => e.path)).toEqual(["steps[1].pages", "steps[3].vma"]);
  });

  it("parseScenario reports JSON syntax errors at the document", () => {
    const r = parseScenario("{ version: 1 }");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: "", code: "json" });
    expect(parseScenario(JSON.stringify(doc([]))).ok).toBe(true);
  });
});

describe("namespace rules", () => {
  it("a VMA name may be mapped again after munmap, at the next default slot", () => {
    const r = validateScenario(
      doc([
        { op: "spawn", proc: "A" },
        { op: "mmap", proc: "A", vma: "h", pages: 1048576 },
        { op: "munmap", proc: "A", vma: "h" },
        { op: "mmap", proc: "A", vma: "h", pages: 1048576 },
        { op: "write", proc: "A", vma: "h", start: 1048575, content: 1 },
      ]),
    );
    expect(r.ok).toBe(true);
  });

  it("a child's mmaps continue the parent's count (no overlap with inherited VMAs)", () => {
    const steps: Step[] = [
      { op: "spawn", proc: "P" },
      { op: "mmap", proc: "P", vma: "a", pages: 1048576 },
      { op: "fork", proc: "P", child: "C" },
      { op: "mmap", proc: "C", vma: "b", pages: 1048576 },
      { op: "write", proc: "C", vma: "a", content: 1 },
      { op: "write", proc: "C", vma: "b", content: 1 },
    ];
    expect(validateScenario(doc(steps)).ok).toBe(true);
  });

  it("a pin survives the exit of its process and its id is free again after unpin", () => {
    const r = validateScenario(
      doc([
        { op: "spawn", proc: "A" },
        { op: "mmap", proc: "A", vma: "h", pages: 2 },
        { op: "pin", proc: "A", vma: "h", id: "x" },
        { op: "exit", proc: "A" },
        { op: "unpin", id: "x" },
        { op: "spawn", proc: "B" },
        { op: "mmap", proc: "B", vma: "h", pages: 2 },
        { op: "pin", proc: "B", vma: "h", id: "x" },
      ]),
    );
    expect(r.ok).toBe(true);
  });

  it("during steps see the processes forked by earlier during steps", () => {
    const r = validateScenario(
      doc([
        { op: "spawn", proc: "A" },
        { op: "mmap", proc: "A", vma: "h", pages: 2 },
        {
          op: "sysfs",
          knob: "run",
          value: "+2",
          during: [
            { after_mm: "A", steps: [{ op: "fork", proc: "A", child: "B" }] },
            {
              after_mm: "A",
              steps: [
                { op: "write", proc: "B", vma: "h", content: 3 },
                { op: "exit", proc: "A" },
              ],
            },
          ],
        },
        { op: "write", proc: "A", vma: "h", content: 3 },
      ]),
    );
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'steps[3].proc: must name a process alive at this step (it exited at steps[2].during[1].steps[1]), got "A"',
    ]);
  });
});

describe("during entries are simulated in the order the unmerge pass runs them", () => {
  // A registers before B, so the pass reaches A first, whatever order the entries are written in
  const steps = (entries: unknown[]) =>
    doc([
      { op: "spawn", proc: "A" },
      { op: "mmap", proc: "A", vma: "h", pages: 2 },
      { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
      { op: "spawn", proc: "B" },
      { op: "mmap", proc: "B", vma: "h", pages: 2 },
      { op: "madvise", proc: "B", vma: "h", advice: "mergeable" },
      { op: "sysfs", knob: "run", value: 2, during: entries },
    ]);

  it("an entry for B written first cannot make what A's entry uses: A's runs first", () => {
    const r = validateScenario(
      steps([
        { after_mm: "B", steps: [{ op: "spawn", proc: "C" }] },
        { after_mm: "A", steps: [{ op: "mmap", proc: "C", vma: "x", pages: 1 }] },
      ]),
    );
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'steps[6].during[1].steps[0].proc: must name a process alive at this step (none of that name was spawned or forked), got "C"',
    ]);
  });

  it("the other way round is valid and runs", () => {
    const r = validateScenario(
      steps([
        { after_mm: "B", steps: [{ op: "mmap", proc: "C", vma: "x", pages: 1 }] },
        { after_mm: "A", steps: [{ op: "spawn", proc: "C" }] },
      ]),
    );
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([]);
    if (!r.ok) return;
    const result = runScenario(r.scenario);
    expect(result.steps.map((s) => [s.step, s.op, s.result])).toEqual([
      ...[0, 1, 2, 3, 4, 5].map((i) => [i, r.scenario.steps[i]!.op, "ok"]),
      [6, "sysfs", "ok"],
      ["6.0", "spawn", "ok"],
      ["6.1", "mmap", "ok"],
    ]);
  });

  it("an entry whose process exited before the pass reached it runs after the pass", () => {
    const r = validateScenario(
      steps([
        { after_mm: "B", steps: [{ op: "spawn", proc: "C" }] },
        { after_mm: "A", steps: [{ op: "exit", proc: "B" }] },
        { after_mm: "A", steps: [{ op: "mmap", proc: "C", vma: "x", pages: 1 }] },
      ]),
    );
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'steps[6].during[2].steps[0].proc: must name a process alive at this step (none of that name was spawned or forked), got "C"',
    ]);
  });
});

describe("runValue parses a run write as run_store does (kstrtouint)", () => {
  const cases: [number | string, 0 | 1 | 2 | null][] = [
    [1, 1],
    ["1", 1],
    ["+1", 1],
    ["1\n", 1],
    ["0001", 1],
    ["1\0garbage", 1],
    [2, 2],
    ["2\n", 2],
    [0, 0],
    ["", null],
    ["1\n\n", null],
    [" 1", null],
    ["1 ", null],
    ["-1", null],
    ["+-1", null],
    ["0x1", null],
    ["3", null],
    ["4294967297", null],
    ["abc", null],
    [-1, null],
  ];
  for (const [value, want] of cases) {
    it(`${JSON.stringify(value)} → ${want}`, () => {
      expect(runValue(value)).toBe(want);
    });
  }
});

describe("pageToken", () => {
  it("gives page j of a range its token", () => {
    expect([0, 1, 2, 3].map((j) => pageToken(7, j))).toEqual([7, 7, 7, 7]);
    expect([0, 1, 2, 3].map((j) => pageToken({ from: 5 }, j))).toEqual([5, 6, 7, 8]);
    expect([0, 1, 2, 3].map((j) => pageToken({ from: 5, period: 2 }, j))).toEqual([5, 6, 5, 6]);
  });
});

it("names count characters, not UTF-16 units", () => {
  const name = "\u{1F600}".repeat(63);
  expect(validateScenario(doc([{ op: "spawn", proc: name }])).ok).toBe(true);
  expect(validateScenario(doc([{ op: "spawn", proc: `${name}x` }])).ok).toBe(false);
});
