import { describe, expect, it } from "vitest";
import {
  type AdvisorMode,
  isKnobName,
  isWritableKnob,
  KERNFS_WRITE_MAX,
  KNOB_DEFAULTS,
  KNOB_NAMES,
  KNOBS,
  type KnobName,
  type KnobWriteParse,
  kernfsWriteChunks,
  parseKnobWrite,
  READONLY_KNOB_NAMES,
  showKnob,
  sysfsStreq,
  WRITABLE_KNOB_NAMES,
  type WritableKnobName,
} from "../src/sysfs/index.js";

const NONE = { advisorMode: "none" } as const;
const SCAN_TIME = { advisorMode: "scan-time" } as const;

type Expected = string | number | bigint | boolean | null;

/** The outcome of a write, flattened for tables: the accepted value, null for a 0-byte write, or the errno. */
function outcome(r: KnobWriteParse): Expected | "UNKNOWN" {
  if (r.ok) return r.request === null ? null : r.request.value;
  if (r.unknown) return "UNKNOWN";
  return r.errno;
}

function write(knob: string, text: string, advisorMode: AdvisorMode = "none"): Expected | "UNKNOWN" {
  return outcome(parseKnobWrite(knob, text, { advisorMode }));
}

// Per writable knob: [text, accepted value | errno]. Every case marked "seen on this machine's
// kernel" was written with one write(2) to /sys/kernel/mm/ksm on the 6.18 kernel this repo was
// developed on (value read back; knob restored to its default afterwards).
const WRITE_CASES: { readonly [K in WritableKnobName]: readonly (readonly [string, Expected])[] } = {
  run: [
    ["0", 0], // seen on this machine's kernel
    ["0\n", 0], // seen on this machine's kernel
    ["+0", 0], // seen on this machine's kernel
    ["00", 0], // seen on this machine's kernel
    ["1", 1],
    ["2", 2],
    ["2\n", 2],
    ["3", "EINVAL"], // seen on this machine's kernel
    ["4", "EINVAL"], // KSM_RUN_OFFLINE cannot be written (seen on this machine's kernel)
    ["5", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["4294967296", "EINVAL"], // kstrtouint's ERANGE becomes EINVAL (seen on this machine's kernel)
    ["4294967298", "EINVAL"], // not truncated to 2
    ["x", "EINVAL"], // seen on this machine's kernel
    ["y", "EINVAL"], // seen on this machine's kernel
    ["0\n\n", "EINVAL"], // seen on this machine's kernel
    [" 0", "EINVAL"], // seen on this machine's kernel
  ],
  pages_to_scan: [
    ["5", 5], // seen on this machine's kernel
    ["+5\n", 5], // seen on this machine's kernel
    ["5\n", 5], // seen on this machine's kernel
    ["0", 0], // seen on this machine's kernel
    ["010", 10], // seen on this machine's kernel
    ["00000000000000000000000000000000000000000007", 7], // seen on this machine's kernel
    ["4294967295", 4294967295], // seen on this machine's kernel
    ["5\u0000junk", 5], // seen on this machine's kernel
    ["4294967296", "EINVAL"], // seen on this machine's kernel
    ["18446744073709551615", "EINVAL"], // seen on this machine's kernel
    ["18446744073709551616", "EINVAL"], // seen on this machine's kernel
    ["99999999999999999999x", "EINVAL"], // seen on this machine's kernel
    ["5\n\n", "EINVAL"], // seen on this machine's kernel
    [" 5", "EINVAL"], // seen on this machine's kernel
    ["5 ", "EINVAL"], // seen on this machine's kernel
    ["\t5", "EINVAL"], // seen on this machine's kernel
    ["5\r\n", "EINVAL"], // seen on this machine's kernel
    ["0x10", "EINVAL"], // seen on this machine's kernel
    ["1e3", "EINVAL"], // seen on this machine's kernel
    ["5.0", "EINVAL"], // seen on this machine's kernel
    ["5x", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["-5", "EINVAL"], // seen on this machine's kernel
    ["+", "EINVAL"], // seen on this machine's kernel
    ["\n", "EINVAL"], // seen on this machine's kernel
    ["++5", "EINVAL"], // seen on this machine's kernel
    ["+-5", "EINVAL"], // seen on this machine's kernel
    ["\u00005", "EINVAL"], // seen on this machine's kernel
  ],
  sleep_millisecs: [
    ["0", 0], // seen on this machine's kernel
    ["+7\n", 7], // seen on this machine's kernel
    ["4294967295", 4294967295], // seen on this machine's kernel
    ["4294967296", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["99999999999999999999x", "EINVAL"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
    ["7\n\n", "EINVAL"], // seen on this machine's kernel
  ],
  stable_node_chains_prune_millisecs: [
    ["0", 0], // seen on this machine's kernel
    ["+7\n", 7], // seen on this machine's kernel
    ["4294967295", 4294967295], // seen on this machine's kernel
    ["4294967296", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["99999999999999999999x", "EINVAL"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
    ["7\n\n", "EINVAL"], // seen on this machine's kernel
  ],
  merge_across_nodes: [
    ["0", 0], // seen on this machine's kernel
    ["1", 1], // seen on this machine's kernel
    ["+0\n", 0], // seen on this machine's kernel
    ["1\n", 1],
    ["2", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["4294967296", "EINVAL"], // seen on this machine's kernel
    ["18446744073709551615", "EINVAL"], // parses, then > 1 (seen on this machine's kernel)
    ["18446744073709551616", "ERANGE"], // kstrtoul's error returned as is (seen on this machine's kernel)
    ["99999999999999999999x", "ERANGE"], // seen on this machine's kernel
    ["99999999999999999999\n\n", "ERANGE"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
    ["0\n\n", "EINVAL"], // seen on this machine's kernel
    ["1 ", "EINVAL"], // seen on this machine's kernel
  ],
  max_page_sharing: [
    ["2", 2], // seen on this machine's kernel
    ["+3\n", 3], // seen on this machine's kernel
    ["256", 256], // seen on this machine's kernel
    ["2147483647", 2147483647], // seen on this machine's kernel
    ["1", "EINVAL"], // seen on this machine's kernel
    ["0", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["-2147483648", "EINVAL"], // parses as an int, then < 2 (seen on this machine's kernel)
    ["2147483648", "ERANGE"], // kstrtoint's error returned as is (seen on this machine's kernel)
    ["-2147483649", "ERANGE"], // seen on this machine's kernel
    ["4294967298", "ERANGE"], // seen on this machine's kernel
    ["9223372036854775808", "ERANGE"], // seen on this machine's kernel
    ["-9223372036854775808", "ERANGE"], // seen on this machine's kernel
    ["-9223372036854775809", "ERANGE"], // seen on this machine's kernel
    ["-18446744073709551615", "ERANGE"], // seen on this machine's kernel
    ["18446744073709551616", "ERANGE"], // seen on this machine's kernel
    ["99999999999999999999x", "ERANGE"], // seen on this machine's kernel
    ["--2", "EINVAL"], // seen on this machine's kernel
    ["-+2", "EINVAL"], // seen on this machine's kernel
    ["+-2", "EINVAL"], // seen on this machine's kernel
    ["-", "EINVAL"], // seen on this machine's kernel
    ["-\n", "EINVAL"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
    ["3\n\n", "EINVAL"], // seen on this machine's kernel
  ],
  use_zero_pages: [
    ["1", true], // seen on this machine's kernel
    ["0", false], // seen on this machine's kernel
    ["y", true], // seen on this machine's kernel
    ["N", false], // seen on this machine's kernel
    ["t", true], // seen on this machine's kernel
    ["F", false], // seen on this machine's kernel
    ["on", true], // seen on this machine's kernel
    ["off", false], // seen on this machine's kernel
    ["e", true], // seen on this machine's kernel
    ["D", false], // seen on this machine's kernel
    ["enable", true], // seen on this machine's kernel
    ["disable", false], // seen on this machine's kernel
    ["Yes", true], // seen on this machine's kernel
    ["no", false], // seen on this machine's kernel
    ["1\n\n", true], // seen on this machine's kernel
    ["1garbage", true], // seen on this machine's kernel
    ["10", true], // seen on this machine's kernel
    ["01", false], // seen on this machine's kernel
    ["2", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["+1", "EINVAL"], // seen on this machine's kernel
    ["maybe", "EINVAL"], // seen on this machine's kernel
    [" 1", "EINVAL"], // seen on this machine's kernel
    ["\n", "EINVAL"], // seen on this machine's kernel
    ["o", "EINVAL"], // seen on this machine's kernel
    ["ox", "EINVAL"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
    ["\u00001", "EINVAL"], // seen on this machine's kernel
  ],
  smart_scan: [
    ["1", true], // seen on this machine's kernel
    ["0", false], // seen on this machine's kernel
    ["Y", true], // seen on this machine's kernel
    ["n", false], // seen on this machine's kernel
    ["T", true], // seen on this machine's kernel
    ["f", false], // seen on this machine's kernel
    ["On", true], // seen on this machine's kernel
    ["OF", false], // seen on this machine's kernel
    ["E", true], // seen on this machine's kernel
    ["d", false], // seen on this machine's kernel
    ["true", true], // seen on this machine's kernel
    ["false", false], // seen on this machine's kernel
    ["2", "EINVAL"], // seen on this machine's kernel
    ["o\n", "EINVAL"], // seen on this machine's kernel
    ["maybe", "EINVAL"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
  ],
  advisor_mode: [
    ["scan-time", "scan-time"], // seen on this machine's kernel
    ["scan-time\n", "scan-time"], // seen on this machine's kernel
    ["scan-time\u0000junk", "scan-time"], // seen on this machine's kernel
    ["none", "none"], // seen on this machine's kernel
    ["none\n", "none"], // seen on this machine's kernel
    ["scan-time\n\n", "EINVAL"], // seen on this machine's kernel
    [" scan-time", "EINVAL"], // seen on this machine's kernel
    ["scan-time ", "EINVAL"], // seen on this machine's kernel
    ["scan-time\r\n", "EINVAL"], // seen on this machine's kernel
    ["Scan-time", "EINVAL"], // seen on this machine's kernel
    ["scan", "EINVAL"], // seen on this machine's kernel
    ["scan_time", "EINVAL"], // seen on this machine's kernel
    ["NONE", "EINVAL"], // seen on this machine's kernel
    ["[none]", "EINVAL"], // seen on this machine's kernel
    ["none scan-time", "EINVAL"], // seen on this machine's kernel
    ["0", "EINVAL"], // seen on this machine's kernel
    ["1", "EINVAL"], // seen on this machine's kernel
    ["\n", "EINVAL"], // seen on this machine's kernel
    ["non", "EINVAL"],
    ["nonee", "EINVAL"],
  ],
  advisor_max_cpu: [
    ["0", 0], // seen on this machine's kernel
    ["1", 1], // seen on this machine's kernel
    ["+7\n", 7], // seen on this machine's kernel
    ["4294967295", 4294967295], // seen on this machine's kernel
    ["4294967296", 0], // kstrtoul, stored in an unsigned int (seen on this machine's kernel)
    ["4294967301", 5], // seen on this machine's kernel
    ["9007199254740993", 1], // seen on this machine's kernel
    ["18446744073709551615", 4294967295], // seen on this machine's kernel
    ["18446744073709551616", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["99999999999999999999x", "EINVAL"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
    ["7\n\n", "EINVAL"], // seen on this machine's kernel
  ],
  advisor_min_pages_to_scan: [
    ["0", 0n], // seen on this machine's kernel
    ["1", 1n], // seen on this machine's kernel
    ["+7\n", 7n], // seen on this machine's kernel
    ["4294967295", 4294967295n], // seen on this machine's kernel
    ["4294967296", 4294967296n], // seen on this machine's kernel
    ["4294967301", 4294967301n], // seen on this machine's kernel
    ["9007199254740993", 9007199254740993n], // seen on this machine's kernel
    ["18446744073709551615", 18446744073709551615n], // seen on this machine's kernel
    ["18446744073709551616", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["99999999999999999999x", "EINVAL"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
    ["7\n\n", "EINVAL"], // seen on this machine's kernel
  ],
  advisor_max_pages_to_scan: [
    ["0", 0n], // seen on this machine's kernel
    ["1", 1n], // seen on this machine's kernel
    ["+7\n", 7n], // seen on this machine's kernel
    ["4294967295", 4294967295n], // seen on this machine's kernel
    ["4294967296", 4294967296n], // seen on this machine's kernel
    ["4294967301", 4294967301n], // seen on this machine's kernel
    ["9007199254740993", 9007199254740993n], // seen on this machine's kernel
    ["18446744073709551615", 18446744073709551615n], // seen on this machine's kernel
    ["18446744073709551616", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["99999999999999999999x", "EINVAL"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
    ["7\n\n", "EINVAL"], // seen on this machine's kernel
  ],
  advisor_target_scan_time: [
    ["1", 1n], // seen on this machine's kernel
    ["+7\n", 7n], // seen on this machine's kernel
    ["4294967295", 4294967295n], // seen on this machine's kernel
    ["4294967296", 4294967296n], // seen on this machine's kernel
    ["4294967301", 4294967301n], // seen on this machine's kernel
    ["9007199254740993", 9007199254740993n], // seen on this machine's kernel
    ["18446744073709551615", 18446744073709551615n], // seen on this machine's kernel
    ["0", "EINVAL"], // value < 1 (seen on this machine's kernel)
    ["00\n", "EINVAL"],
    ["18446744073709551616", "EINVAL"], // seen on this machine's kernel
    ["-1", "EINVAL"], // seen on this machine's kernel
    ["-0", "EINVAL"], // seen on this machine's kernel
    ["99999999999999999999x", "EINVAL"], // seen on this machine's kernel
    ["x", "EINVAL"], // seen on this machine's kernel
    ["7\n\n", "EINVAL"], // seen on this machine's kernel
  ],
};

describe("parseKnobWrite: every writable knob's accepted and rejected values", () => {
  for (const knob of WRITABLE_KNOB_NAMES) {
    it.each(WRITE_CASES[knob])(`${knob} ← %j → %s`, (text, expected) => {
      expect(write(knob, text)).toBe(expected);
    });
  }

  it("returns the request as { knob, value }", () => {
    expect(parseKnobWrite("max_page_sharing", "3\n", NONE)).toEqual({
      ok: true,
      request: { knob: "max_page_sharing", value: 3 },
    });
    expect(parseKnobWrite("advisor_target_scan_time", "9007199254740993", NONE)).toEqual({
      ok: true,
      request: { knob: "advisor_target_scan_time", value: 9007199254740993n },
    });
  });
});

describe("parseKnobWrite: what happens before the store function", () => {
  it("a 0-byte write to any writable knob succeeds without a store call (seen on this machine's kernel: run, merge_across_nodes)", () => {
    for (const knob of WRITABLE_KNOB_NAMES) {
      expect(parseKnobWrite(knob, "", NONE)).toEqual({ ok: true, request: null });
      expect(parseKnobWrite(knob, "", SCAN_TIME)).toEqual({ ok: true, request: null });
    }
  });

  it("every read-only counter refuses writes with EACCES, even of 0 bytes (seen on this machine's kernel)", () => {
    for (const knob of READONLY_KNOB_NAMES) {
      for (const text of ["0", "", "x", "1\n"]) {
        expect(parseKnobWrite(knob, text, NONE)).toEqual({ ok: false, errno: "EACCES" });
      }
    }
  });

  it("an unknown file gives { unknown: true }", () => {
    for (const name of [
      "no_such_knob",
      "",
      "Run",
      "run ",
      "advisor_min_pages",
      "toString",
      "__proto__",
      "constructor",
    ]) {
      const r = parseKnobWrite(name, "1", NONE);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.unknown).toBe(true);
      expect(outcome(parseKnobWrite(name, "", NONE))).toBe("UNKNOWN");
    }
  });

  it("the store sees at most PAGE_SIZE bytes of one write(2) (seen on this machine's kernel)", () => {
    // 5096 bytes in one write(2): the store parsed "0…07" (4096 bytes) and set 7; write returned 4096
    expect(write("pages_to_scan", `${"0".repeat(4095)}7${"9".repeat(1000)}`)).toBe(7);
    // 4097 bytes: the '7' is cut off, so 0 is set
    expect(write("pages_to_scan", `${"0".repeat(4096)}7`)).toBe(0);
    // 4097 bytes: the '\n' is cut off, still 7
    expect(write("pages_to_scan", `${"0".repeat(4095)}7\n`)).toBe(7);
    expect(write("pages_to_scan", `${"0".repeat(4094)}7\n`)).toBe(7);
    // "none" + 5000 newlines: the first 4096 bytes are "none\n\n…" → EINVAL
    expect(write("advisor_mode", `none${"\n".repeat(5000)}`)).toBe("EINVAL");
    // counted in UTF-8 bytes: 1366 × "é" (2 bytes) is 2732 bytes, one chunk
    expect(write("pages_to_scan", "é".repeat(1366))).toBe("EINVAL");
    expect(write("smart_scan", `1${"é".repeat(3000)}`)).toBe(true);
  });
});

describe("pages_to_scan while the advisor is on", () => {
  it("is EINVAL, checked before parsing (seen on this machine's kernel)", () => {
    expect(write("pages_to_scan", "7", "scan-time")).toBe("EINVAL"); // seen on this machine's kernel
    expect(write("pages_to_scan", "garbage", "scan-time")).toBe("EINVAL"); // seen on this machine's kernel
    expect(write("pages_to_scan", "", "scan-time")).toBe(null); // 0 bytes: no store call (seen on this machine's kernel)
  });

  it("no other knob looks at the advisor mode", () => {
    for (const knob of WRITABLE_KNOB_NAMES) {
      if (knob === "pages_to_scan") continue;
      for (const [text, expected] of WRITE_CASES[knob]) expect(write(knob, text, "scan-time")).toBe(expected);
    }
  });
});

describe("the knob table", () => {
  it("has the 24 files of 6.18, in ksm_attrs[] order, split 13 writable / 11 read-only (as ls -l shows here)", () => {
    expect(KNOB_NAMES).toHaveLength(24);
    expect(new Set(KNOB_NAMES).size).toBe(24);
    expect([...KNOB_NAMES].sort()).toEqual([...WRITABLE_KNOB_NAMES, ...READONLY_KNOB_NAMES].sort());
    expect(Object.keys(KNOBS).sort()).toEqual([...KNOB_NAMES].sort());
    for (const knob of WRITABLE_KNOB_NAMES) {
      expect(KNOBS[knob]).toMatchObject({ name: knob, writable: true, mode: 0o644 });
      expect(isWritableKnob(knob)).toBe(true);
    }
    for (const knob of READONLY_KNOB_NAMES) {
      expect(KNOBS[knob]).toMatchObject({ name: knob, writable: false, mode: 0o444, store: null, default: 0 });
      expect(isWritableKnob(knob)).toBe(false);
      expect(isKnobName(knob)).toBe(true);
    }
    expect(isKnobName("toString")).toBe(false);
  });

  it("defaults are the boot values this machine's kernel shows", () => {
    // `grep . /sys/kernel/mm/ksm/*` on this machine at boot, every knob at its default
    const seen: Record<string, string> = {
      advisor_max_cpu: "70",
      advisor_max_pages_to_scan: "30000",
      advisor_min_pages_to_scan: "500",
      advisor_mode: "[none] scan-time",
      advisor_target_scan_time: "200",
      full_scans: "0",
      general_profit: "0",
      ksm_zero_pages: "0",
      max_page_sharing: "256",
      merge_across_nodes: "1",
      pages_scanned: "0",
      pages_shared: "0",
      pages_sharing: "0",
      pages_skipped: "0",
      pages_to_scan: "100",
      pages_unshared: "0",
      pages_volatile: "0",
      run: "0",
      sleep_millisecs: "20",
      smart_scan: "1",
      stable_node_chains: "0",
      stable_node_chains_prune_millisecs: "2000",
      stable_node_dups: "0",
      use_zero_pages: "0",
    };
    for (const knob of KNOB_NAMES) {
      expect(showKnob(knob, KNOBS[knob].default as never)).toBe(`${seen[knob]}\n`);
    }
    for (const knob of WRITABLE_KNOB_NAMES) expect(KNOBS[knob].default).toBe(KNOB_DEFAULTS[knob]);
  });

  it("writing a default's shown text back parses to the default", () => {
    for (const knob of WRITABLE_KNOB_NAMES) {
      const text = knob === "advisor_mode" ? "none\n" : showKnob(knob, KNOB_DEFAULTS[knob] as never);
      expect(write(knob, text)).toBe(KNOB_DEFAULTS[knob]);
    }
  });
});

describe("showKnob", () => {
  const cases: readonly (readonly [KnobName, unknown, string])[] = [
    ["advisor_mode", "none", "[none] scan-time\n"], // seen on this machine's kernel
    ["advisor_mode", "scan-time", "none [scan-time]\n"], // seen on this machine's kernel
    ["pages_to_scan", 4294967295, "4294967295\n"], // seen on this machine's kernel
    ["run", 5, "5\n"], // MERGE | OFFLINE during hot-remove
    ["use_zero_pages", true, "1\n"],
    ["smart_scan", false, "0\n"],
    ["advisor_min_pages_to_scan", 9007199254740993n, "9007199254740993\n"], // seen on this machine's kernel
    ["advisor_target_scan_time", 18446744073709551615n, "18446744073709551615\n"], // seen on this machine's kernel
    ["pages_volatile", -3, "0\n"], // pages_volatile_show conceals a negative value
    ["pages_volatile", -3n, "0\n"],
    ["pages_volatile", 7, "7\n"],
    ["general_profit", -4096, "-4096\n"], // signed
    ["general_profit", -64n, "-64\n"],
    ["ksm_zero_pages", 12, "12\n"],
    ["pages_sharing", 2 ** 60, "1152921504606846976\n"], // never exponent notation
  ];
  it.each(cases)("showKnob(%s, %s) → %j", (knob, value, text) => {
    expect(showKnob(knob, value as never)).toBe(text);
  });
});

describe("sysfsStreq", () => {
  const cases: readonly (readonly [string, string, boolean])[] = [
    ["none", "none", true],
    ["none", "none\n", true],
    ["none\n", "none", true],
    ["none", "none\n\n", false],
    ["none", "non", false],
    ["none", "nonee", false],
    ["none", "none\u0000x", true],
    ["none", "none\n\u0000x", true],
    ["", "", true],
    ["", "\n", true],
    ["none", "", false],
  ];
  it.each(cases)("sysfsStreq(%j, %j) → %s", (a, b, eq) => {
    expect(sysfsStreq(a, b)).toBe(eq);
  });
});

describe("kernfsWriteChunks", () => {
  it("splits a write-all loop's writes at PAGE_SIZE bytes", () => {
    expect(KERNFS_WRITE_MAX).toBe(4096);
    expect(kernfsWriteChunks("")).toEqual([]);
    expect(kernfsWriteChunks("5\n")).toEqual(["5\n"]);
    const text = `${"0".repeat(4095)}7${"0".repeat(999)}9`;
    // bash's printf issued write(4096) then write(1000) (strace); the second store set 9 (seen on this machine's kernel)
    const chunks = kernfsWriteChunks(text);
    expect(chunks.map((c) => c.length)).toEqual([4096, 1000]);
    expect(chunks.map((c) => write("pages_to_scan", c))).toEqual([7, 9]);
    expect(kernfsWriteChunks("x".repeat(8192)).map((c) => c.length)).toEqual([4096, 4096]);
  });

  it("counts UTF-8 bytes and hands non-ASCII bytes on as single characters", () => {
    const chunks = kernfsWriteChunks(`${"é".repeat(2048)}1`);
    expect(chunks.map((c) => c.length)).toEqual([4096, 1]);
    expect(chunks[1]).toBe("1");
    expect(chunks[0]!.charCodeAt(0)).toBe(0xc3);
    const split = kernfsWriteChunks(`${"a".repeat(4095)}é5`);
    expect(split.map((c) => c.length)).toEqual([4096, 2]);
    expect(split[1]!.charCodeAt(0)).toBe(0xa9); // the second byte of 'é' starts the next write
  });
});
