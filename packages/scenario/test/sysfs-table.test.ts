/**
 * Scenario validation of sysfs writes is @ksm-sim/ksm's knob table: the knob names it accepts, and
 * for every initial write the verdict and errno of the table's parseKnobWrite (the runner applies
 * the same parse, so a scenario that validates never fails an initial write).
 */
import {
  type AdvisorMode,
  KNOB_DEFAULTS,
  KNOB_NAMES,
  knobWriteText,
  parseKnobWrite,
  READONLY_KNOB_NAMES,
  WRITABLE_KNOB_NAMES,
} from "@ksm-sim/ksm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KNOBS, KSM_COUNTERS, READ_ONLY_KNOBS, runScenario, validateScenario, WRITABLE_KNOBS } from "../src/index.js";
import { doc } from "./helpers/documents.js";

const PIECES = [
  "0",
  "1",
  "2",
  "7",
  "+",
  "-",
  "\n",
  "\u0000",
  " ",
  "x",
  "o",
  "n",
  "N",
  "f",
  "y",
  "e",
  "scan-time",
  "none",
  "4294967296",
  "2147483648",
  "18446744073709551616",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((a) => a.join(""));

/** The errors of a document whose only content is `sysfs`. */
function initialErrors(sysfs: Record<string, unknown>): string[] {
  const r = validateScenario({ ...doc([{ op: "spawn", proc: "A" }]), sysfs });
  return r.ok ? [] : r.errors.map((e) => e.message);
}

describe("the knob names are the table's", () => {
  it("writable, read-only and all files, as @ksm-sim/ksm lists them", () => {
    expect(WRITABLE_KNOBS).toEqual(WRITABLE_KNOB_NAMES);
    expect(READ_ONLY_KNOBS).toEqual(READONLY_KNOB_NAMES);
    expect([...KNOBS].sort()).toEqual([...KNOB_NAMES].sort());
    // the result document's counters (in the recorders' order) are the table's read-only files
    expect([...KSM_COUNTERS].sort()).toEqual([...READONLY_KNOB_NAMES].sort());
  });

  it.each(KNOB_NAMES)("a sysfs step may name %s", (knob) => {
    const r = validateScenario(doc([{ op: "sysfs", knob, value: "" }]));
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([]);
  });

  it("a name the table does not have is refused, in a step and in the initial writes", () => {
    for (const knob of ["max_kernel_pages", "Run", "toString", "__proto__"]) {
      expect(validateScenario(doc([{ op: "sysfs", knob, value: "0" }])).ok).toBe(false);
      expect(initialErrors({ [knob]: "0" })).toHaveLength(1);
    }
  });
});

describe("initial writes are judged by the table's parseKnobWrite", () => {
  it.each(WRITABLE_KNOB_NAMES)("%s: its default's write text is a valid initial write", (knob) => {
    expect(initialErrors({ [knob]: knobWriteText(KNOB_DEFAULTS[knob]) })).toEqual([]);
  });

  it.each(READONLY_KNOB_NAMES)("%s: a write is refused as EACCES", (knob) => {
    expect(initialErrors({ [knob]: "0" })).toEqual([
      `sysfs.${knob}: is a read-only counter: the write would fail with EACCES, and an initial write must succeed, got "0"`,
    ]);
  });

  it("any text to any writable knob: valid exactly when the table accepts it, else its errno", () => {
    fc.assert(
      fc.property(fc.constantFrom(...WRITABLE_KNOB_NAMES), text, (knob, value) => {
        const r = parseKnobWrite(knob, value, { advisorMode: "none" });
        const runOne = r.ok && r.request?.knob === "run" && r.request.value === 1;
        const got = initialErrors({ [knob]: value });
        if (runOne) expect(got).toHaveLength(1);
        else if (r.ok) expect(got).toEqual([]);
        else
          expect(got).toEqual([
            `sysfs.${knob}: would fail with ${r.errno}, and an initial write must succeed, got ${JSON.stringify(value)}`,
          ]);
      }),
      { numRuns: 2000 },
    );
  });

  it("the advisor mode an earlier initial write set is the one the next write is judged under", () => {
    fc.assert(
      fc.property(fc.constantFrom("scan-time", "none", "scan-time\n"), text, (mode, value) => {
        const set = parseKnobWrite("advisor_mode", mode, { advisorMode: "none" });
        const advisorMode = (
          set.ok && set.request?.knob === "advisor_mode" ? set.request.value : "none"
        ) as AdvisorMode;
        const r = parseKnobWrite("pages_to_scan", value, { advisorMode });
        expect(initialErrors({ advisor_mode: mode, pages_to_scan: value }).length === 0).toBe(r.ok);
      }),
      { numRuns: 300 },
    );
  });

  it("a scenario that validates runs its initial writes without an error", () => {
    fc.assert(
      fc.property(fc.constantFrom(...WRITABLE_KNOB_NAMES), text, (knob, value) => {
        const d = { ...doc([{ op: "spawn", proc: "A" }, { op: "snapshot" }]), sysfs: { [knob]: value } };
        if (!validateScenario(d).ok) return;
        expect(() => runScenario(d as never)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
