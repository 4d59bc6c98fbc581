/**
 * The page checksum (low 32 bits of XXH64, seed 0, of 4096 bytes) as a tiny
 * WebAssembly module, for speed: WebAssembly has native 64-bit multiplies,
 * where TypeScript must build each one from 32-bit halves (xxh64.ts, about
 * 8 µs per page against well under 1 µs here). The module is emitted below
 * by a few lines of code rather than shipped as an opaque blob, and compiled
 * synchronously on first use (`new WebAssembly.Module`), so callers stay
 * synchronous. It computes exactly XXH64 (tests cross-check it against the
 * TypeScript version and a BigInt reference); where WebAssembly is missing,
 * {@link pageHasher} returns null and callers use the TypeScript version.
 *
 * Exports:
 * - `memory`: one 64 KiB page; bytes [0, 4096) are the scratch page.
 * - `page(ptr) → i32`: XXH64 low 32 bits of the 4096 bytes at `ptr`.
 * - `token(t) → i32`: the same for token t's page (t != 0), whose
 *   little-endian word i is fmix32(fmix32(t) + i): the words are made in
 *   registers as they are hashed (four at a time with SIMD), so the page is
 *   never written out.
 */

// WebAssembly opcodes used here (names as in the text format).
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I64_LOAD = 0x29;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const I32_LT_U = 0x49;
const I32_ADD = 0x6a;
const I32_MUL = 0x6c;
const I32_XOR = 0x73;
const I32_SHR_U = 0x76;
const I64_ADD = 0x7c;
const I64_MUL = 0x7e;
const I64_OR = 0x84;
const I64_XOR = 0x85;
const I64_SHL = 0x86;
const I64_SHR_U = 0x88;
const I64_ROTL = 0x89;
const I32_WRAP_I64 = 0xa7;
const I64_EXTEND_I32_U = 0xad;
const LOOP = 0x03;
const BR_IF = 0x0d;
const END = 0x0b;
const VOID = 0x40;
const T_I32 = 0x7f;
const T_I64 = 0x7e;
const T_V128 = 0x7b;
// SIMD (128-bit) opcodes: the 0xfd prefix, then the opcode as a LEB128 number.
const V128_CONST = [0xfd, 0x0c];
const I32X4_SPLAT = [0xfd, 0x11];
const I64X2_EXTRACT_LANE = [0xfd, 0x1d];
const V128_XOR = [0xfd, 0x51];
const I32X4_SHR_U = [0xfd, 0xad, 0x01];
const I32X4_ADD = [0xfd, 0xae, 0x01];
const I32X4_MUL = [0xfd, 0xb5, 0x01];

const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const M64 = (1n << 64n) - 1n;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const i64 = (v: bigint): number[] => [I64_CONST, ...sleb(BigInt.asIntN(64, v))];
const i32 = (v: number): number[] => [I32_CONST, ...sleb(BigInt(v | 0))];
const get = (l: number): number[] => [LOCAL_GET, ...uleb(l)];
const set = (l: number): number[] => [LOCAL_SET, ...uleb(l)];
const tee = (l: number): number[] => [LOCAL_TEE, ...uleb(l)];

/** XXH64_round on local `acc` with the lane on the stack: acc = rotl(acc + lane * P2, 31) * P1. */
function round(acc: number, lane: number[]): number[] {
  return [...get(acc), ...lane, ...i64(P2), I64_MUL, I64_ADD, ...i64(31n), I64_ROTL, ...i64(P1), I64_MUL, ...set(acc)];
}

/**
 * The end of XXH64 for a 4096-byte input from the four accumulators in
 * locals v[0..3], with `h` a scratch i64 local: the merge, the length, the
 * avalanche; leaves the low 32 bits on the stack.
 */
function finish(v: readonly number[], h: number): number[] {
  const out = [
    ...get(v[0]!),
    ...i64(1n),
    I64_ROTL,
    ...get(v[1]!),
    ...i64(7n),
    I64_ROTL,
    I64_ADD,
    ...get(v[2]!),
    ...i64(12n),
    I64_ROTL,
    I64_ADD,
    ...get(v[3]!),
    ...i64(18n),
    I64_ROTL,
    I64_ADD,
    ...set(h),
  ];
  for (const acc of v) {
    // h = (h ^ rotl(acc * P2, 31) * P1) * P1 + P4
    out.push(...get(h), ...get(acc), ...i64(P2), I64_MUL, ...i64(31n), I64_ROTL, ...i64(P1), I64_MUL, I64_XOR);
    out.push(...i64(P1), I64_MUL, ...i64(P4), I64_ADD, ...set(h));
  }
  out.push(...get(h), ...i64(4096n), I64_ADD, ...set(h)); // h += len
  out.push(...get(h), ...get(h), ...i64(33n), I64_SHR_U, I64_XOR, ...i64(P2), I64_MUL, ...set(h));
  out.push(...get(h), ...get(h), ...i64(29n), I64_SHR_U, I64_XOR, ...i64(P3), I64_MUL, ...set(h));
  out.push(...get(h), ...get(h), ...i64(32n), I64_SHR_U, I64_XOR, I32_WRAP_I64);
  return out;
}

/** The initial accumulators for seed 0 into locals v[0..3]. */
function init(v: readonly number[]): number[] {
  return [
    ...i64((P1 + P2) & M64),
    ...set(v[0]!),
    ...i64(P2),
    ...set(v[1]!),
    ...i64(0n),
    ...set(v[2]!),
    ...i64((M64 + 1n - P1) & M64),
    ...set(v[3]!),
  ];
}

/** fmix32 of the i32 on the stack, through scratch i32 local `w`; leaves the result on the stack. */
function fmix32(w: number): number[] {
  return [
    ...tee(w),
    ...get(w),
    ...i32(16),
    I32_SHR_U,
    I32_XOR,
    ...i32(0x85ebca6b),
    I32_MUL,
    ...tee(w),
    ...get(w),
    ...i32(13),
    I32_SHR_U,
    I32_XOR,
    ...i32(0xc2b2ae35),
    I32_MUL,
    ...tee(w),
    ...get(w),
    ...i32(16),
    I32_SHR_U,
    I32_XOR,
  ];
}

/** v128.const of four i32 lanes. */
function v128(lanes: readonly number[]): number[] {
  const out = [...V128_CONST];
  for (const x of lanes) out.push(x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff);
  return out;
}

/** fmix32 of each i32 lane of the v128 on the stack, through scratch v128 local `x`; leaves the result on the stack. */
function fmix32x4(x: number): number[] {
  const m1 = 0x85ebca6b;
  const m2 = 0xc2b2ae35;
  return [
    ...tee(x),
    ...get(x),
    ...i32(16),
    ...I32X4_SHR_U,
    ...V128_XOR,
    ...v128([m1, m1, m1, m1]),
    ...I32X4_MUL,
    ...tee(x),
    ...get(x),
    ...i32(13),
    ...I32X4_SHR_U,
    ...V128_XOR,
    ...v128([m2, m2, m2, m2]),
    ...I32X4_MUL,
    ...tee(x),
    ...get(x),
    ...i32(16),
    ...I32X4_SHR_U,
    ...V128_XOR,
  ];
}

/**
 * `token(t)` with SIMD: four words at once (word j = fmix32(base + j) in each
 * 32-bit lane), and each 64-bit half of a vector is one XXH64 lane as it
 * stands (little-endian: word 2k low, word 2k+1 high).
 * Param 0 = t, then base (i32); local 1 = word index (i32), 2..6 = v1..v4, h
 * (i64); 7 = the next four word inputs, 8 = fmix scratch (v128).
 */
function tokenBodySimd(): number[] {
  const base = 0;
  const idx = 1;
  const v = [2, 3, 4, 5];
  const h = 6;
  const next = 7;
  const x = 8;
  // x = the four words at `next`; next += 4
  const four = [
    ...get(next),
    ...fmix32x4(x),
    ...set(x),
    ...get(next),
    ...v128([4, 4, 4, 4]),
    ...I32X4_ADD,
    ...set(next),
  ];
  const lane = (l: number) => [...get(x), ...I64X2_EXTRACT_LANE, l];
  const code = [
    ...get(base),
    ...fmix32(idx), // idx serves as fmix32's scratch here, before the loop
    ...set(base),
    ...get(base),
    ...I32X4_SPLAT,
    ...v128([0, 1, 2, 3]),
    ...I32X4_ADD,
    ...set(next),
    ...init(v),
    ...i32(0),
    ...set(idx),
    LOOP,
    VOID,
    ...four,
    ...round(v[0]!, lane(0)),
    ...round(v[1]!, lane(1)),
    ...four,
    ...round(v[2]!, lane(0)),
    ...round(v[3]!, lane(1)),
    ...get(idx),
    ...i32(8),
    I32_ADD,
    ...tee(idx),
    ...i32(1024),
    I32_LT_U,
    BR_IF,
    0,
    END,
    ...finish(v, h),
    END,
  ];
  return [3, 1, T_I32, 5, T_I64, 2, T_V128, ...code]; // locals: 1 × i32, 5 × i64, 2 × v128
}

/** `page(ptr)`: param 0 = ptr (i32), local 1 = end (i32), locals 2..6 = v1..v4, h (i64). */
function pageBody(): number[] {
  const ptr = 0;
  const end = 1;
  const v = [2, 3, 4, 5];
  const h = 6;
  const load = (offset: number) => [...get(ptr), I64_LOAD, 3, ...uleb(offset)];
  const code = [
    ...init(v),
    ...get(ptr),
    ...i32(4096),
    I32_ADD,
    ...set(end),
    LOOP,
    VOID,
    ...round(v[0]!, load(0)),
    ...round(v[1]!, load(8)),
    ...round(v[2]!, load(16)),
    ...round(v[3]!, load(24)),
    ...get(ptr),
    ...i32(32),
    I32_ADD,
    ...tee(ptr),
    ...get(end),
    I32_LT_U,
    BR_IF,
    0,
    END,
    ...finish(v, h),
    END,
  ];
  return [2, 1, T_I32, 5, T_I64, ...code]; // locals: 1 × i32, 5 × i64
}

/** `token(t)`: param 0 = t, then base (i32); local 1 = word index, 2 = fmix scratch (i32); 3..7 = v1..v4, h (i64). */
function tokenBody(): number[] {
  const base = 0;
  const idx = 1;
  const w = 2;
  const v = [3, 4, 5, 6];
  const h = 7;
  // lane k of the stripe at word idx: word(idx + 2k) | word(idx + 2k + 1) << 32, word(j) = fmix32(base + j)
  const word = (j: number) => [...get(base), ...get(idx), I32_ADD, ...i32(j), I32_ADD, ...fmix32(w), I64_EXTEND_I32_U];
  const lane = (k: number) => [...word(2 * k), ...word(2 * k + 1), ...i64(32n), I64_SHL, I64_OR];
  const code = [
    ...get(base),
    ...fmix32(w),
    ...set(base),
    ...init(v),
    ...i32(0),
    ...set(idx),
    LOOP,
    VOID,
    ...round(v[0]!, lane(0)),
    ...round(v[1]!, lane(1)),
    ...round(v[2]!, lane(2)),
    ...round(v[3]!, lane(3)),
    ...get(idx),
    ...i32(8),
    I32_ADD,
    ...tee(idx),
    ...i32(1024),
    I32_LT_U,
    BR_IF,
    0,
    END,
    ...finish(v, h),
    END,
  ];
  return [2, 2, T_I32, 5, T_I64, ...code]; // locals: 2 × i32, 5 × i64
}

function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

/** The module's bytes; `simd` (default true) makes `token` with 128-bit SIMD, else with 32-bit words only. */
export function xxh64WasmBytes(simd = true): Uint8Array {
  const bodies = [pageBody(), simd ? tokenBodySimd() : tokenBody()];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, T_I32, 1, T_I32]), // type 0: (i32) -> i32
    ...section(3, [2, 0, 0]), // two functions of type 0
    ...section(5, [1, 0x00, 1]), // one memory, 1 page, no maximum
    ...section(7, [3, ...name("memory"), 2, 0, ...name("page"), 0, 0, ...name("token"), 0, 1]),
    ...section(10, [bodies.length, ...bodies.flatMap((b) => [...uleb(b.length), ...b])]),
  ]);
}

/** The compiled module's entry points. */
export interface PageHasher {
  /** Low 32 bits of XXH64 of the 4096 bytes at byte `ptr` of `memory` (as int32; `>>> 0` for the uint32). */
  readonly page: (ptr: number) => number;
  /** The same for token t's page, t != 0. */
  readonly token: (t: number) => number;
  /** The module's memory as words: words [0, 1024) are the scratch page `page(0)` hashes. */
  readonly words: Uint32Array;
}

let hasher: PageHasher | null | undefined;

/** The little of the WebAssembly JS API used here (the project's lib settings carry no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** Compiles the module, or returns null where this engine refuses it. */
export function compilePageHasher(simd: boolean): PageHasher | null {
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wa === undefined) return null;
  try {
    const instance = new wa.Instance(new wa.Module(xxh64WasmBytes(simd)), {});
    const e = instance.exports as unknown as {
      memory: { buffer: ArrayBuffer };
      page: (ptr: number) => number;
      token: (t: number) => number;
    };
    return { page: e.page, token: e.token, words: new Uint32Array(e.memory.buffer, 0, 1024) };
  } catch {
    return null; // no SIMD, or WebAssembly disabled by policy
  }
}

/**
 * The WebAssembly page hasher, compiled on first use (with SIMD where the
 * engine has it); null where WebAssembly is unavailable, or when the
 * environment sets KSM_SIM_NO_WASM=1 (to measure or test the TypeScript
 * version).
 */
export function pageHasher(): PageHasher | null {
  if (hasher !== undefined) return hasher;
  const off = typeof process === "object" && process.env?.KSM_SIM_NO_WASM === "1";
  hasher = off ? null : (compilePageHasher(true) ?? compilePageHasher(false));
  return hasher;
}
