/**
 * schema.json and validateScenario agree: both accept the fixtures and the
 * valid documents, both reject the structural errors, and whatever the
 * validator accepts the schema accepts (the validator checks strictly more).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  KNOB_DEFAULTS,
  KNOBS as KSM_KNOBS,
  knobWriteText,
  READONLY_KNOB_NAMES,
  WRITABLE_KNOB_NAMES,
} from "@ksm-sim/ksm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KNOBS, OPS, validateScenario, WRITABLE_KNOBS } from "../src/index.js";
import { doc, INVALID, VALID } from "./helpers/documents.js";
import { haveFixtures, loadFixtures } from "./helpers/fixtures.js";
import { JsonSchema } from "./helpers/json-schema.js";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const raw = JSON.parse(readFileSync(join(pkgDir, "schema.json"), "utf8")) as Record<string, unknown>;
const schema = new JsonSchema(raw);
const schemaOk = (d: unknown) => schema.validate(d).length === 0;

describe("schema.json", () => {
  it("is a draft 2020-12 schema for format version 1, published as ./schema.json", () => {
    expect(raw.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    expect(pkg.exports["./schema.json"]).toBe("./schema.json");
    expect(pkg.files).toContain("schema.json");
  });

  it("lists the same ops and knobs as the package", () => {
    const defs = raw.$defs as Record<string, Record<string, unknown>>;
    expect((defs.step!.properties as Record<string, { enum: string[] }>).op!.enum).toEqual([...OPS]);
    expect(defs.knob!.enum).toEqual([...KNOBS]);
    expect(Object.keys((raw.properties as Record<string, { properties: object }>).sysfs!.properties)).toEqual([
      ...WRITABLE_KNOBS,
    ]);
    for (const op of OPS) expect(defs[`step_${op}`]).toBeDefined();
  });

  it("has the knob part @ksm-sim/ksm's knob table implies (a knob added to the table fails here until the schema has it)", () => {
    const defs = raw.$defs as Record<string, Record<string, unknown>>;
    expect(defs.knob!.enum).toEqual([...WRITABLE_KNOB_NAMES, ...READONLY_KNOB_NAMES]);
    const expected = Object.fromEntries(
      WRITABLE_KNOB_NAMES.map((k) => {
        const spec = KSM_KNOBS[k];
        const description = `Parsed with ${spec.store.parser}; default ${knobWriteText(KNOB_DEFAULTS[k])}; since Linux ${spec.since}.`;
        const value = { $ref: "#/$defs/sysfsValue" };
        // run = 1 is refused: ksmd runs only inside scan steps
        return [
          k,
          k === "run"
            ? { description, allOf: [value, { not: { $ref: "#/$defs/runOne" } }] }
            : { description, ...value },
        ];
      }),
    );
    expect((raw.properties as Record<string, { properties: object }>).sysfs!.properties).toEqual(expected);
  });
});

describe.skipIf(!haveFixtures)("every fixture scenario validates against the schema", () => {
  for (const f of loadFixtures()) {
    it(f.id, () => {
      expect(schema.validate(f.scenario)).toEqual([]);
    });
  }
});

describe("both accept the valid documents", () => {
  for (const [name, d] of VALID) {
    it(name, () => {
      expect(schema.validate(d)).toEqual([]);
      expect(validateScenario(d).ok).toBe(true);
    });
  }
});

describe("both reject the structurally invalid documents", () => {
  for (const c of INVALID.filter((c) => c.schema)) {
    it(c.name, () => {
      expect(schemaOk(c.doc)).toBe(false);
      expect(validateScenario(c.doc).ok).toBe(false);
    });
  }
});

describe("only the validator rejects what a schema cannot express", () => {
  for (const c of INVALID.filter((c) => !c.schema)) {
    it(c.name, () => {
      expect(schema.validate(c.doc)).toEqual([]);
      expect(validateScenario(c.doc).ok).toBe(false);
    });
  }
});

describe("schema keywords", () => {
  const steps = (s: unknown) => doc([s]);
  const cases: [string, unknown, boolean][] = [
    ["during on run=2 as a string", steps({ op: "sysfs", knob: "run", value: "2", during: [] }), true],
    ["during on run=0", steps({ op: "sysfs", knob: "run", value: "0", during: [] }), false],
    ["during on another knob", steps({ op: "sysfs", knob: "smart_scan", value: 2, during: [] }), false],
    ["run=1 with a NUL and garbage after it", steps({ op: "sysfs", knob: "run", value: "1\u0000x" }), false],
    ["run=10 is not run=1", steps({ op: "sysfs", knob: "run", value: "10" }), true],
    [
      "a during step may not scan",
      steps({
        op: "sysfs",
        knob: "run",
        value: 2,
        during: [{ after_mm: "A", steps: [{ op: "scan", full_scans: 1 }] }],
      }),
      false,
    ],
    [
      "a during step may write a knob without the mutex",
      steps({
        op: "sysfs",
        knob: "run",
        value: 2,
        during: [{ after_mm: "A", steps: [{ op: "sysfs", knob: "smart_scan", value: 0 }] }],
      }),
      true,
    ],
    ["content object without from", steps({ op: "write", proc: "A", vma: "h", content: { period: 2 } }), false],
    ["a read-only counter in a step", steps({ op: "sysfs", knob: "full_scans", value: 0 }), true],
  ];
  for (const [name, d, ok] of cases) {
    it(`${name}: ${ok ? "accepted" : "rejected"} by both`, () => {
      expect(schemaOk(d)).toBe(ok);
      // The validator may reject more (here: unknown processes), never less.
      if (!ok) expect(validateScenario(d).ok).toBe(false);
    });
  }
});

/** Random small edits of valid documents: whatever the validator accepts, the schema accepts. */
describe("agreement under random edits", () => {
  const seeds: unknown[] = [...VALID.map(([, d]) => d), ...loadFixtures().map((f) => f.scenario)];
  const values = fc.oneof(
    fc.integer({ min: -3, max: 5 }),
    fc.constantFrom(
      0,
      1,
      2,
      4294967295,
      4294967296,
      1048576,
      1048577,
      268435456,
      268435457,
      1.5,
      null,
      true,
      "",
      "1",
      "2",
      "A",
      "h",
      "a b",
    ),
    fc.constantFrom(...OPS, ...KNOBS, "mergeable", "dontneed", { from: 1 }, { from: 1, period: 0 }, [], {}),
  );
  const keys = fc.constantFrom(
    "op",
    "proc",
    "vma",
    "pages",
    "start",
    "count",
    "content",
    "advice",
    "child",
    "knob",
    "value",
    "node",
    "full_scans",
    "label",
    "id",
    "during",
    "after_mm",
    "address",
    "merge_any",
    "extra",
  );

  function edit(d: unknown, path: number[], key: string, value: unknown, mode: number): unknown {
    const copy = structuredClone(d) as Record<string, unknown>;
    const steps = copy.steps as Record<string, unknown>[];
    if (steps.length === 0) return copy;
    const step = steps[path[0]! % steps.length]!;
    if (mode === 0) step[key] = value;
    else if (mode === 1) delete step[key];
    else if (mode === 2) steps.splice(path[0]! % steps.length, 1);
    else if (mode === 3) copy[key] = value;
    return copy;
  }

  it("validator ok ⇒ schema ok; schema rejects ⇒ validator rejects", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.nat(), { minLength: 1, maxLength: 1 }),
        keys,
        values,
        fc.integer({ min: 0, max: 3 }),
        (seed, path, key, value, mode) => {
          const d = edit(seed, path, key, value, mode);
          if (validateScenario(d).ok) expect(schema.validate(d)).toEqual([]);
        },
      ),
      { numRuns: 1000, seed: 42 },
    );
  });
});
