/**
 * The knob table (src/sysfs/table.ts) against the engine: what a fresh engine reads back, which
 * writes the engine refuses with EBUSY once pages are shared, and where each write lands in
 * KsmState.knobs.
 */
import { createMachine } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import {
  createKsm,
  KNOB_DEFAULTS,
  KNOB_NAMES,
  KNOBS,
  type Ksm,
  knobWriteText,
  parseKnobWrite,
  showKnob,
  WRITABLE_KNOB_NAMES,
  type WritableKnobName,
} from "../src/index.js";
import { knobField } from "../src/sysfs/engine-knobs.js";

const NONE = { advisorMode: "none" } as const;

function freshKsm(nodes = 1): Ksm {
  return createKsm(createMachine({ topology: { nodes, pagesPerNode: 1 << 12 } }));
}

/** An engine with one KSM page shared by 10 (pages_shared 1). */
function sharingKsm(): Ksm {
  const m = createMachine({ topology: { nodes: 2, pagesPerNode: 1 << 12 } });
  const k = createKsm(m);
  const p = m.spawn("P");
  const h = m.mmap(p, "h", 10);
  m.writeRange(p, h, 0, 10, 5);
  m.madviseMergeable(p, h);
  k.runFullScans(2);
  return k;
}

/** A text the store accepts that sets another value than the default, found by the table's own parse. */
function otherValueText(knob: WritableKnobName): string {
  const def = KNOB_DEFAULTS[knob];
  const candidates =
    typeof def === "boolean"
      ? [knobWriteText(!def)]
      : typeof def === "string"
        ? (KNOBS.advisor_mode.store.words ?? []).filter((w) => w !== def)
        : [String(BigInt(def) + 1n), String(BigInt(def) - 1n)];
  for (const text of candidates) {
    const r = parseKnobWrite(knob, text, NONE);
    if (r.ok && r.request !== null && r.request.value !== def) return text;
  }
  throw new Error(`no other valid value found for ${knob}`);
}

describe("the table's defaults are what a fresh engine shows", () => {
  it.each(KNOB_NAMES)("%s reads back its default through sysfsRead", (knob) => {
    const k = freshKsm();
    expect(k.sysfsRead(knob)).toBe(showKnob(knob, KNOBS[knob].default as never));
  });

  it("on a multi-node machine too (merge_across_nodes 1 and per-node roots not yet made)", () => {
    const k = freshKsm(4);
    for (const knob of KNOB_NAMES) expect(k.sysfsRead(knob)).toBe(showKnob(knob, KNOBS[knob].default as never));
  });

  it("ksm_run starts at the table's run default, every other knob in its KsmState.knobs field", () => {
    const k = freshKsm();
    expect(k.run).toBe(KNOB_DEFAULTS.run);
    const fields = WRITABLE_KNOB_NAMES.filter((n) => n !== "run").map((n) => knobField(n as Exclude<typeof n, "run">));
    expect(Object.keys(k.knobs).sort()).toEqual([...fields].sort());
  });
});

describe("a write lands in the field the table names", () => {
  for (const knob of WRITABLE_KNOB_NAMES) {
    if (knob === "run") continue;
    it(knob, () => {
      const k = freshKsm();
      const text = otherValueText(knob);
      const parsed = parseKnobWrite(knob, text, NONE);
      expect(k.sysfsWrite(knob, text)).toBe("ok");
      const want = parsed.ok && parsed.request !== null ? parsed.request.value : undefined;
      const field = knobField(knob);
      expect(k.knobs[field]).toBe(typeof want === "bigint" ? Number(want) : want);
      expect(k.sysfsRead(knob)).toBe(showKnob(knob, want as never));
    });
  }
});

describe("the table's EBUSY rules are the engine's", () => {
  for (const knob of WRITABLE_KNOB_NAMES) {
    const busy = KNOBS[knob].store.stateful.some((s) => s.errno === "EBUSY");
    it(`${knob}: a change while pages are shared gives ${busy ? "EBUSY" : "ok"}`, () => {
      const k = sharingKsm();
      expect(k.counters().pages_shared).toBeGreaterThan(0);
      const text = knob === "run" ? "0" : otherValueText(knob); // run 0: stop, which keeps what is merged
      expect(k.sysfsWrite(knob, text)).toBe(busy ? "EBUSY" : "ok");
    });
  }

  it("a write of the current value never gives EBUSY (the stores compare first)", () => {
    const k = sharingKsm();
    for (const knob of WRITABLE_KNOB_NAMES) {
      if (knob === "run") continue;
      expect(k.sysfsWrite(knob, knobWriteText(KNOB_DEFAULTS[knob]))).toBe("ok");
    }
  });
});

describe("the table", () => {
  it("every row's since is a mainline release no later than 6.18, and no older than KSM (2.6.32)", () => {
    const key = (v: string) => v.split(".").map(Number);
    const cmp = (a: string, b: string) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
      return 0;
    };
    for (const knob of KNOB_NAMES) {
      expect(KNOBS[knob].since).toMatch(/^\d+\.\d+(\.\d+)?$/);
      expect(cmp(KNOBS[knob].since, "2.6.32")).toBeGreaterThanOrEqual(0);
      expect(cmp(KNOBS[knob].since, "6.18")).toBeLessThanOrEqual(0);
    }
    // the first eight files (Documentation/ABI/testing/sysfs-kernel-mm-ksm)
    const first = KNOB_NAMES.filter((k) => KNOBS[k].since === "2.6.32");
    expect([...first].sort()).toEqual(
      [
        "full_scans",
        "pages_shared",
        "pages_sharing",
        "pages_to_scan",
        "pages_unshared",
        "pages_volatile",
        "run",
        "sleep_millisecs",
      ].sort(),
    );
  });

  it("range rules only on integer parsers, words only on sysfs_streq, as-is errnos only where kstrto* can give ERANGE", () => {
    for (const knob of WRITABLE_KNOB_NAMES) {
      const r = KNOBS[knob].store;
      const integer = r.parser !== "kstrtobool" && r.parser !== "sysfs_streq";
      if (!integer) expect(r.min === undefined && r.max === undefined && r.parseErrno === "EINVAL").toBe(true);
      expect(r.words !== undefined).toBe(r.parser === "sysfs_streq");
    }
  });

  it("writing each default's write text back parses to the default", () => {
    for (const knob of WRITABLE_KNOB_NAMES) {
      const r = parseKnobWrite(knob, knobWriteText(KNOB_DEFAULTS[knob]), NONE);
      expect(r.ok && r.request?.value).toBe(KNOB_DEFAULTS[knob]);
    }
  });
});
