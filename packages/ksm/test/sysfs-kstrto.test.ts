import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type KstrtoResult,
  kstrtobool,
  kstrtoint,
  kstrtol,
  kstrtoll,
  kstrtouint,
  kstrtoul,
  kstrtoulLow32,
  kstrtoull,
} from "../src/sysfs/index.js";

/** A case: input text and the expected value, or the errno name. */
type Case<T> = readonly [text: string, expected: T | "EINVAL" | "ERANGE"];

function outcome<T>(r: KstrtoResult<T>): T | "EINVAL" | "ERANGE" {
  return r.ok ? r.value : r.errno;
}

const U64_MAX = 18446744073709551615n;
const S64_MAX = 9223372036854775807n;

// kstrtoull (base 10, as the knobs call it). Cases marked "seen on this machine's kernel" were
// written to a kstrtoul knob (advisor_min_pages_to_scan, or merge_across_nodes whose store returns
// the kstrtoul error as is, for ERANGE vs EINVAL) of the 6.18 kernel this repo was built on.
const ULL_CASES: readonly Case<bigint>[] = [
  ["0", 0n], // seen on this machine's kernel
  ["1", 1n], // seen on this machine's kernel
  ["+7\n", 7n], // seen on this machine's kernel
  ["5\n", 5n],
  ["010", 10n], // base 10: a leading 0 is not octal (seen on this machine's kernel, pages_to_scan)
  ["00000000000000000000000000000000000000000007", 7n], // seen on this machine's kernel (pages_to_scan)
  ["4294967295", 4294967295n], // seen on this machine's kernel
  ["4294967296", 4294967296n], // seen on this machine's kernel
  ["9007199254740993", 9007199254740993n], // 2^53 + 1, shown exactly (seen on this machine's kernel)
  ["18446744073709551615", U64_MAX], // seen on this machine's kernel
  ["18446744073709551614\n", U64_MAX - 1n],
  ["018446744073709551615", U64_MAX],
  ["18446744073709551616", "ERANGE"], // seen on this machine's kernel (merge_across_nodes)
  ["18446744073709551620", "ERANGE"],
  ["99999999999999999999", "ERANGE"],
  ["99999999999999999999x", "ERANGE"], // overflow wins over trailing garbage (seen on this machine's kernel)
  ["99999999999999999999\n\n", "ERANGE"], // seen on this machine's kernel (merge_across_nodes)
  ["184467440737095516150", "ERANGE"],
  ["", "EINVAL"],
  ["\n", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["+", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["+\n", "EINVAL"],
  ["++5", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["+-5", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["-0", "EINVAL"], // no '-' for unsigned (seen on this machine's kernel)
  ["-1", "EINVAL"], // seen on this machine's kernel
  ["5\n\n", "EINVAL"], // one '\n' only (seen on this machine's kernel, pages_to_scan)
  [" 5", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["5 ", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["\t5", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["5\r\n", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["0x10", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["1e3", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["5.0", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["5x", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["x", "EINVAL"], // seen on this machine's kernel
  ["7\n\n", "EINVAL"], // seen on this machine's kernel
  ["5\u0000junk", 5n], // the store sees a C string: NUL ends it (seen on this machine's kernel, pages_to_scan)
  ["\u00005", "EINVAL"], // seen on this machine's kernel (pages_to_scan)
  ["5\n\u0000x", 5n],
  ["\u0661", "EINVAL"], // a non-ASCII digit is just a non-digit byte
  ["5\u00e9", "EINVAL"],
];

describe("kstrtoull (base 10)", () => {
  it.each(ULL_CASES)("kstrtoull(%j) → %s", (text, expected) => {
    expect(outcome(kstrtoull(text))).toBe(expected);
    expect(outcome(kstrtoull(text, 10))).toBe(expected);
  });

  it("kstrtoul is kstrtoull on x86-64 (unsigned long is 64 bits)", () => {
    for (const [text, expected] of ULL_CASES) expect(outcome(kstrtoul(text))).toBe(expected);
  });
});

describe("kstrtoull with the other bases of _parse_integer_fixup_radix", () => {
  const cases: readonly (readonly [string, number, bigint | "EINVAL" | "ERANGE"])[] = [
    ["0x10", 0, 16n],
    ["0X1f", 0, 31n],
    ["010", 0, 8n],
    ["08", 0, "EINVAL"], // octal stops at 8: trailing garbage
    ["0x", 0, "EINVAL"], // "0x" without a hex digit: base 8, then 'x' is garbage
    ["0xg", 0, "EINVAL"],
    ["0", 0, 0n],
    ["+0x10\n", 0, 16n],
    ["10", 0, 10n],
    ["0x10", 16, 16n],
    ["10", 16, 16n],
    ["ff", 16, 255n],
    ["FF\n", 16, 255n],
    ["0x", 16, "EINVAL"], // base 16 strips "0x" even with nothing after it
    ["0xffffffffffffffff", 16, U64_MAX],
    ["0x10000000000000000", 16, "ERANGE"],
    ["ffffffffffffffff0", 16, "ERANGE"],
    ["777", 8, 511n],
    ["1777777777777777777777", 8, U64_MAX],
    ["2000000000000000000000", 8, "ERANGE"],
    ["101", 2, 5n],
    ["102", 2, "EINVAL"],
    ["1".repeat(64), 2, U64_MAX],
    ["1".repeat(65), 2, "ERANGE"],
  ];
  it.each(cases)("kstrtoull(%j, %i) → %s", (text, base, expected) => {
    expect(outcome(kstrtoull(text, base))).toBe(expected);
  });
});

// kstrtouint: what run, pages_to_scan, sleep_millisecs and stable_node_chains_prune_millisecs use
// (their stores turn every error into EINVAL, so the kernel shows only ok/EINVAL there).
const UINT_CASES: readonly Case<number>[] = [
  ["0", 0], // seen on this machine's kernel
  ["5", 5], // seen on this machine's kernel
  ["+5\n", 5], // seen on this machine's kernel
  ["5\n", 5], // seen on this machine's kernel
  ["00", 0], // seen on this machine's kernel (run)
  ["4294967295", 4294967295], // seen on this machine's kernel
  ["4294967296", "ERANGE"], // EINVAL at every kstrtouint knob (seen on this machine's kernel)
  ["18446744073709551615", "ERANGE"], // seen on this machine's kernel (EINVAL at pages_to_scan)
  ["18446744073709551616", "ERANGE"], // u64 overflow (seen on this machine's kernel, EINVAL at pages_to_scan)
  ["99999999999999999999x", "ERANGE"],
  ["-0", "EINVAL"], // seen on this machine's kernel
  ["-5", "EINVAL"], // seen on this machine's kernel
  ["", "EINVAL"],
  ["5\n\n", "EINVAL"], // seen on this machine's kernel
  [" 5", "EINVAL"], // seen on this machine's kernel
  ["0x10", "EINVAL"], // seen on this machine's kernel
  ["y", "EINVAL"], // seen on this machine's kernel (run)
];

describe("kstrtouint (base 10)", () => {
  it.each(UINT_CASES)("kstrtouint(%j) → %s", (text, expected) => {
    expect(outcome(kstrtouint(text))).toBe(expected);
  });
});

// kstrtoul then stored in an unsigned int (advisor_max_cpu_store).
const UL_LOW32_CASES: readonly Case<number>[] = [
  ["70", 70],
  ["4294967295", 4294967295], // seen on this machine's kernel
  ["4294967296", 0], // seen on this machine's kernel (advisor_max_cpu shows 0)
  ["4294967301", 5], // seen on this machine's kernel
  ["9007199254740993", 1], // seen on this machine's kernel
  ["18446744073709551615", 4294967295], // seen on this machine's kernel
  ["18446744073709551616", "ERANGE"], // seen on this machine's kernel (EINVAL at advisor_max_cpu)
  ["-1", "EINVAL"], // seen on this machine's kernel
];

describe("kstrtoul truncated to an unsigned int", () => {
  it.each(UL_LOW32_CASES)("kstrtoulLow32(%j) → %s", (text, expected) => {
    expect(outcome(kstrtoulLow32(text))).toBe(expected);
  });
});

// kstrtoint: what max_page_sharing uses; its store returns the kstrtoint error as is, so the
// ERANGE cases below were all seen as ERANGE on this machine's kernel.
const INT_CASES: readonly Case<number>[] = [
  ["2", 2], // seen on this machine's kernel
  ["+3\n", 3], // seen on this machine's kernel
  ["256", 256], // seen on this machine's kernel
  ["0", 0],
  ["-0", 0], // parses; max_page_sharing then rejects it (< 2) (seen on this machine's kernel)
  ["-1", -1], // seen on this machine's kernel (EINVAL from the < 2 check)
  ["-1\n", -1],
  ["2147483647", 2147483647], // seen on this machine's kernel
  ["2147483648", "ERANGE"], // seen on this machine's kernel
  ["-2147483648", -2147483648], // seen on this machine's kernel (EINVAL from the < 2 check)
  ["-2147483649", "ERANGE"], // seen on this machine's kernel
  ["4294967298", "ERANGE"], // seen on this machine's kernel
  ["9223372036854775808", "ERANGE"], // seen on this machine's kernel
  ["-9223372036854775808", "ERANGE"], // fits a long long, not an int (seen on this machine's kernel)
  ["-9223372036854775809", "ERANGE"], // seen on this machine's kernel
  ["-18446744073709551615", "ERANGE"], // seen on this machine's kernel
  ["18446744073709551616", "ERANGE"], // seen on this machine's kernel
  ["99999999999999999999x", "ERANGE"], // seen on this machine's kernel
  ["-99999999999999999999x", "ERANGE"],
  ["--2", "EINVAL"], // seen on this machine's kernel
  ["-+2", "EINVAL"], // seen on this machine's kernel
  ["+-2", "EINVAL"], // seen on this machine's kernel
  ["-", "EINVAL"], // seen on this machine's kernel
  ["-\n", "EINVAL"], // seen on this machine's kernel
  ["x", "EINVAL"], // seen on this machine's kernel
  ["3\n\n", "EINVAL"], // seen on this machine's kernel
  ["", "EINVAL"],
  [" -1", "EINVAL"],
  ["- 1", "EINVAL"],
];

describe("kstrtoint (base 10)", () => {
  it.each(INT_CASES)("kstrtoint(%j) → %s", (text, expected) => {
    expect(outcome(kstrtoint(text))).toBe(expected);
  });

  it("never returns -0", () => {
    const r = kstrtoint("-0");
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
  });
});

const LL_CASES: readonly Case<bigint>[] = [
  ["-0", 0n],
  ["-1", -1n],
  ["+9223372036854775807", S64_MAX],
  ["9223372036854775808", "ERANGE"],
  ["-9223372036854775808", -S64_MAX - 1n],
  ["-9223372036854775809", "ERANGE"],
  ["-18446744073709551615", "ERANGE"], // -tmp wraps to +1 > 0
  ["-18446744073709551616", "ERANGE"], // u64 overflow
  ["-", "EINVAL"],
  ["-+1", "EINVAL"],
];

describe("kstrtoll / kstrtol (base 10)", () => {
  it.each(LL_CASES)("kstrtoll(%j) → %s", (text, expected) => {
    expect(outcome(kstrtoll(text))).toBe(expected);
    expect(outcome(kstrtol(text))).toBe(expected);
  });
});

// kstrtobool: use_zero_pages and smart_scan. Every case was written to both on this machine's
// kernel, from the opposite value, and the value read back.
const BOOL_CASES: readonly Case<boolean>[] = [
  ["1", true], // seen on this machine's kernel
  ["0", false], // seen on this machine's kernel
  ["y", true], // seen on this machine's kernel
  ["Y", true], // seen on this machine's kernel
  ["n", false], // seen on this machine's kernel
  ["N", false], // seen on this machine's kernel
  ["t", true], // seen on this machine's kernel
  ["T", true], // seen on this machine's kernel
  ["f", false], // seen on this machine's kernel
  ["F", false], // seen on this machine's kernel
  ["e", true], // seen on this machine's kernel
  ["E", true], // seen on this machine's kernel
  ["d", false], // seen on this machine's kernel
  ["D", false], // seen on this machine's kernel
  ["yes", true], // seen on this machine's kernel
  ["Yes", true], // seen on this machine's kernel
  ["no", false], // seen on this machine's kernel
  ["true", true], // seen on this machine's kernel
  ["false", false], // seen on this machine's kernel
  ["on", true], // seen on this machine's kernel
  ["On", true], // seen on this machine's kernel
  ["off", false], // seen on this machine's kernel
  ["OF", false], // seen on this machine's kernel
  ["oN", true],
  ["enable", true], // seen on this machine's kernel
  ["disable", false], // seen on this machine's kernel
  ["1\n\n", true], // only the first byte matters (seen on this machine's kernel)
  ["1garbage", true], // seen on this machine's kernel
  ["10", true], // seen on this machine's kernel
  ["01", false], // seen on this machine's kernel
  ["o", "EINVAL"], // seen on this machine's kernel
  ["ox", "EINVAL"], // seen on this machine's kernel
  ["o\n", "EINVAL"], // seen on this machine's kernel
  ["2", "EINVAL"], // seen on this machine's kernel
  ["-1", "EINVAL"], // seen on this machine's kernel
  ["+1", "EINVAL"], // seen on this machine's kernel
  ["maybe", "EINVAL"], // seen on this machine's kernel
  [" 1", "EINVAL"], // seen on this machine's kernel
  ["\n", "EINVAL"], // seen on this machine's kernel
  ["x", "EINVAL"], // seen on this machine's kernel
  ["\u00001", "EINVAL"], // seen on this machine's kernel
  ["", "EINVAL"],
  ["\u00f6n", "EINVAL"],
];

describe("kstrtobool", () => {
  it.each(BOOL_CASES)("kstrtobool(%j) → %s", (text, expected) => {
    expect(outcome(kstrtobool(text))).toBe(expected);
  });
});

describe("error results", () => {
  it("are shared frozen objects (no allocation on failure)", () => {
    const a = kstrtouint("x");
    const b = kstrtoint("-");
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(kstrtoull("99999999999999999999")).toBe(kstrtoint("99999999999999999999"));
  });
});

/**
 * A reference for base 10 written with BigInt and regular expressions, independent of the
 * digit-wise implementation: the C string ends at a NUL; digits (overflow ⇒ ERANGE, even before
 * garbage), then one optional '\n', then the end.
 */
function referenceCore10(s: string, allowPlus: boolean): bigint | "EINVAL" | "ERANGE" {
  const nul = s.indexOf("\u0000");
  const c = nul < 0 ? s : s.slice(0, nul);
  const body = allowPlus && c.startsWith("+") ? c.slice(1) : c;
  const digits = /^[0-9]*/.exec(body)![0];
  if (digits.length > 0 && BigInt(digits) > U64_MAX) return "ERANGE";
  if (digits.length === 0) return "EINVAL";
  const rest = body.slice(digits.length);
  if (rest !== "" && rest !== "\n") return "EINVAL";
  return BigInt(digits);
}

function referenceKstrtoull10(s: string): bigint | "EINVAL" | "ERANGE" {
  return referenceCore10(s, true);
}

function referenceKstrtoll10(s: string): bigint | "EINVAL" | "ERANGE" {
  if (s.startsWith("-")) {
    const r = referenceCore10(s.slice(1), false);
    if (typeof r !== "bigint") return r;
    return r > S64_MAX + 1n ? "ERANGE" : -r;
  }
  const r = referenceKstrtoull10(s);
  if (typeof r !== "bigint") return r;
  return r > S64_MAX ? "ERANGE" : r;
}

describe("against a BigInt reference", () => {
  const alphabet = fc.constantFrom("0", "1", "2", "4", "5", "9", "+", "-", "\n", " ", "x", "a", "\u0000");
  const texts = fc.oneof(
    fc.array(alphabet, { maxLength: 8 }).map((a) => a.join("")),
    fc
      .tuple(
        fc.constantFrom("", "+", "-", "--", "+-"),
        fc.bigInt({ min: 0n, max: (1n << 66n) - 1n }),
        fc.constantFrom("", "\n", "\n\n", "x", "\u0000z"),
      )
      .map(([sign, n, tail]) => `${sign}${n}${tail}`),
    fc.bigInt({ min: (1n << 64n) - 300n, max: (1n << 64n) + 300n }).map(String),
    fc.bigInt({ min: (1n << 63n) - 300n, max: (1n << 63n) + 300n }).map((n) => `-${n}`),
    fc
      .tuple(fc.constantFrom("", "-", "+"), fc.bigInt({ min: (1n << 31n) - 3n, max: (1n << 32n) + 3n }))
      .map(([sign, n]) => `${sign}${n}`),
  );

  it("kstrtoull / kstrtouint / kstrtoull low 32 agree with it", () => {
    fc.assert(
      fc.property(texts, (s) => {
        const ref = referenceKstrtoull10(s);
        expect(outcome(kstrtoull(s))).toBe(ref);
        const u = outcome(kstrtouint(s));
        if (typeof ref === "bigint") expect(u).toBe(ref > 0xffffffffn ? "ERANGE" : Number(ref));
        else expect(u).toBe(ref);
        const low = outcome(kstrtoulLow32(s));
        expect(low).toBe(typeof ref === "bigint" ? Number(ref & 0xffffffffn) : ref);
      }),
      { numRuns: 5000 },
    );
  });

  it("kstrtoll / kstrtoint agree with it", () => {
    fc.assert(
      fc.property(texts, (s) => {
        const ref = referenceKstrtoll10(s);
        expect(outcome(kstrtoll(s))).toBe(ref);
        const i = outcome(kstrtoint(s));
        if (typeof ref === "bigint") {
          expect(i).toBe(ref > 2147483647n || ref < -2147483648n ? "ERANGE" : Number(ref));
        } else expect(i).toBe(ref);
      }),
      { numRuns: 5000 },
    );
  });
});
