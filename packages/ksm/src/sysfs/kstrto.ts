/**
 * lib/kstrtox.c as Linux 6.18 runs it on x86-64: the integer and boolean parsers behind every
 * /sys/kernel/mm/ksm store function.
 *
 * The input is the C string the store function sees: a JS string whose characters stand for the
 * bytes written, ending at its end or at its first NUL (U+0000), whichever comes first. Only ASCII
 * matters to these parsers; any other character behaves like a non-digit byte, exactly as the
 * bytes of its UTF-8 form do in the kernel.
 *
 * The parsers never throw; the error results are shared frozen objects, and the 64-bit
 * accumulator is kept as two exact 32-bit halves (one small object per call), so values above
 * 2^53 are classified exactly.
 */

/** The errors kstrto* return (as positive names; the kernel returns -EINVAL / -ERANGE). */
export type KstrtoErrno = "EINVAL" | "ERANGE";

/** What a kstrto* call returns: the parsed value, or the errno it would return. */
export type KstrtoResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errno: KstrtoErrno };

const RESULT_EINVAL: { readonly ok: false; readonly errno: "EINVAL" } = Object.freeze({ ok: false, errno: "EINVAL" });
const RESULT_ERANGE: { readonly ok: false; readonly errno: "ERANGE" } = Object.freeze({ ok: false, errno: "ERANGE" });

/** Internal status codes of the core parser (0 = ok). */
const OK = 0;
const EINVAL = 1;
const ERANGE = 2;
type Status = typeof OK | typeof EINVAL | typeof ERANGE;

const TWO_POW_32 = 4294967296;
const U32_MAX = 0xffffffff;
const HI_SIGN_BIT = 0x80000000;
/** `res & (~0ull << 60)` is non-zero exactly when the high half is at least 2^28. */
const HI_OVERFLOW_ZONE = 0x10000000;

const CH_NUL = 0x00;
const CH_LF = 0x0a;
const CH_PLUS = 0x2b;
const CH_MINUS = 0x2d;
const CH_0 = 0x30;
const CH_9 = 0x39;
const CH_LOWER_A = 0x61;
const CH_LOWER_F = 0x66;
const CH_LOWER_X = 0x78;

/** What a core parse produced: the u64 as exact 32-bit halves, and kstrtoll's sign (one per call: no module state). */
interface U64 {
  hi: number;
  lo: number;
  negative: boolean;
}

function newU64(): U64 {
  return { hi: 0, lo: 0, negative: false };
}

/** Byte `i` of the C string `s` (0 past the end: the terminating NUL). */
function byteAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : CH_NUL;
}

/** _tolower() of include/linux/ctype.h: `c | 0x20`. */
function toLowerAscii(c: number): number {
  return c | 0x20;
}

/** isxdigit() (lib/ctype.c): 0-9, a-f, A-F. */
function isXDigit(c: number): boolean {
  const lc = toLowerAscii(c);
  return (c >= CH_0 && c <= CH_9) || (lc >= CH_LOWER_A && lc <= CH_LOWER_F);
}

/** _parse_integer_fixup_radix(), the base it settles on: base 0 autodetects 0x.. (16) / 0.. (8) / else 10. */
function fixupRadixBase(s: string, i: number, base: number): number {
  if (base !== 0) return base;
  if (byteAt(s, i) !== CH_0) return 10;
  return toLowerAscii(byteAt(s, i + 1)) === CH_LOWER_X && isXDigit(byteAt(s, i + 2)) ? 16 : 8;
}

/** _parse_integer_fixup_radix(), where the digits start: base 16 skips a "0x". */
function fixupRadixStart(s: string, i: number, base: number): number {
  return base === 16 && byteAt(s, i) === CH_0 && toLowerAscii(byteAt(s, i + 1)) === CH_LOWER_X ? i + 2 : i;
}

/**
 * _kstrtoull(): fixup radix, _parse_integer(), then at most one '\n' and the end of the string.
 * Overflow is checked first, so "99999999999999999999x" is ERANGE, not EINVAL. On OK the value is
 * in `res`.
 */
function kstrtoullCore(s: string, i: number, base: number, res: U64): Status {
  base = fixupRadixBase(s, i, base);
  i = fixupRadixStart(s, i, base);
  // _parse_integer(): digits while they are below the base; the overflow flag is sticky.
  let hi = 0;
  let lo = 0;
  let overflow = false;
  let consumed = 0;
  for (;;) {
    const c = byteAt(s, i);
    const lc = toLowerAscii(c);
    let val: number;
    if (c >= CH_0 && c <= CH_9) val = c - CH_0;
    else if (lc >= CH_LOWER_A && lc <= CH_LOWER_F) val = lc - CH_LOWER_A + 10;
    else break;
    if (val >= base) break;
    // res = res * base + val, modulo 2^64; overflow exactly when the true result exceeds ULLONG_MAX
    // (the kernel's `res > div_u64(ULLONG_MAX - val, base)` test, reached only once res >= 2^60).
    const t = lo * base + val;
    const newHi = hi * base + Math.floor(t / TWO_POW_32);
    if (hi >= HI_OVERFLOW_ZONE && newHi > U32_MAX) overflow = true;
    lo = t >>> 0;
    hi = newHi >>> 0;
    consumed++;
    i++;
  }
  if (overflow) return ERANGE;
  if (consumed === 0) return EINVAL;
  if (byteAt(s, i) === CH_LF) i++;
  if (byteAt(s, i) !== CH_NUL) return EINVAL;
  res.hi = hi;
  res.lo = lo;
  return OK;
}

/** kstrtoull()'s body: one optional leading '+' (never '-'), then _kstrtoull(). */
function kstrtoullStatus(s: string, base: number, res: U64): Status {
  return kstrtoullCore(s, byteAt(s, 0) === CH_PLUS ? 1 : 0, base, res);
}

/**
 * kstrtoll()'s body: a leading '-' parses the rest with _kstrtoull (so "-+5" and "--5" are EINVAL)
 * and allows magnitudes up to 2^63; otherwise kstrtoull() and values up to 2^63 - 1.
 */
function kstrtollStatus(s: string, base: number, res: U64): Status {
  if (byteAt(s, 0) === CH_MINUS) {
    const st = kstrtoullCore(s, 1, base, res);
    if (st !== OK) return st;
    // `(long long)-tmp > 0`: magnitudes above 2^63 (-tmp wraps to a positive value)
    if (res.hi > HI_SIGN_BIT || (res.hi === HI_SIGN_BIT && res.lo !== 0)) return ERANGE;
    res.negative = res.hi !== 0 || res.lo !== 0;
    return OK;
  }
  const st = kstrtoullStatus(s, base, res);
  if (st !== OK) return st;
  // `(long long)tmp < 0`
  if (res.hi >= HI_SIGN_BIT) return ERANGE;
  res.negative = false;
  return OK;
}

function fail(st: Status): { readonly ok: false; readonly errno: KstrtoErrno } {
  return st === ERANGE ? RESULT_ERANGE : RESULT_EINVAL;
}

function resultU64(res: U64): bigint {
  return (BigInt(res.hi) << 32n) | BigInt(res.lo);
}

/** kstrtoull(s, base, &res): unsigned long long; optional '+', digits, one optional trailing '\n'. */
export function kstrtoull(s: string, base = 10): KstrtoResult<bigint> {
  const res = newU64();
  const st = kstrtoullStatus(s, base, res);
  if (st !== OK) return fail(st);
  return { ok: true, value: resultU64(res) };
}

/** kstrtoul(s, base, &res) (_kstrtoul): unsigned long, 64 bits on x86-64, so the same as kstrtoull. */
export function kstrtoul(s: string, base = 10): KstrtoResult<bigint> {
  return kstrtoull(s, base);
}

/**
 * kstrtoul() for a value the caller then stores in an `unsigned int` (advisor_max_cpu_store): the
 * parse (and its errors) of kstrtoul, and the low 32 bits of the result, as C's implicit
 * conversion keeps them. No bigint is made.
 */
export function kstrtoulLow32(s: string, base = 10): KstrtoResult<number> {
  const res = newU64();
  const st = kstrtoullStatus(s, base, res);
  if (st !== OK) return fail(st);
  return { ok: true, value: res.lo };
}

/** kstrtouint(s, base, &res): kstrtoull() then ERANGE unless the value fits in 32 bits. */
export function kstrtouint(s: string, base = 10): KstrtoResult<number> {
  const res = newU64();
  const st = kstrtoullStatus(s, base, res);
  if (st !== OK) return fail(st);
  if (res.hi !== 0) return RESULT_ERANGE;
  return { ok: true, value: res.lo };
}

/** kstrtoll(s, base, &res): long long; optional '+' or '-', range [-2^63, 2^63 - 1] else ERANGE. */
export function kstrtoll(s: string, base = 10): KstrtoResult<bigint> {
  const res = newU64();
  const st = kstrtollStatus(s, base, res);
  if (st !== OK) return fail(st);
  const magnitude = resultU64(res);
  return { ok: true, value: res.negative ? -magnitude : magnitude };
}

/** kstrtol(s, base, &res) (_kstrtol): long, 64 bits on x86-64, so the same as kstrtoll. */
export function kstrtol(s: string, base = 10): KstrtoResult<bigint> {
  return kstrtoll(s, base);
}

/** kstrtoint(s, base, &res): kstrtoll() then ERANGE unless the value fits in an int [-2^31, 2^31 - 1]. */
export function kstrtoint(s: string, base = 10): KstrtoResult<number> {
  const res = newU64();
  const st = kstrtollStatus(s, base, res);
  if (st !== OK) return fail(st);
  if (res.hi !== 0) return RESULT_ERANGE;
  if (res.negative) {
    if (res.lo > HI_SIGN_BIT) return RESULT_ERANGE;
    return { ok: true, value: -res.lo };
  }
  if (res.lo >= HI_SIGN_BIT) return RESULT_ERANGE;
  return { ok: true, value: res.lo };
}

const RESULT_TRUE: { readonly ok: true; readonly value: boolean } = Object.freeze({ ok: true, value: true });
const RESULT_FALSE: { readonly ok: true; readonly value: boolean } = Object.freeze({ ok: true, value: false });

/**
 * kstrtobool(s, &res): looks only at the first one or two bytes. e E y Y t T 1 → true;
 * d D n N f F 0 → false; o/O then n/N → true, f/F → false; anything else (empty included) → EINVAL.
 * Whatever follows the deciding bytes is ignored ("1garbage", "1\n\n", "10" are all true).
 * (`e`/`d` came with the 2025 "enable/disable" patch that the 6.18 kernel has.)
 */
export function kstrtobool(s: string): KstrtoResult<boolean> {
  switch (byteAt(s, 0)) {
    case 0x65: // e
    case 0x45: // E
    case 0x79: // y
    case 0x59: // Y
    case 0x74: // t
    case 0x54: // T
    case 0x31: // 1
      return RESULT_TRUE;
    case 0x64: // d
    case 0x44: // D
    case 0x6e: // n
    case 0x4e: // N
    case 0x66: // f
    case 0x46: // F
    case 0x30: // 0
      return RESULT_FALSE;
    case 0x6f: // o
    case 0x4f: // O
      switch (byteAt(s, 1)) {
        case 0x6e: // n
        case 0x4e: // N
          return RESULT_TRUE;
        case 0x66: // f
        case 0x46: // F
          return RESULT_FALSE;
        default:
          return RESULT_EINVAL;
      }
    default:
      return RESULT_EINVAL;
  }
}
