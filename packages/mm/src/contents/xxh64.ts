/**
 * XXH64 (xxHash, 64-bit) in 32-bit halves: no BigInt, no allocation. The
 * kernel's KSM checksum (`calc_checksum`) is `xxhash(addr, PAGE_SIZE, 0)`
 * cut to 32 bits; on 64-bit machines xxhash() is xxh64.
 *
 * A 64-bit value is a pair (hi, lo) of uint32s. The helpers below leave their
 * result in the module's register array R (hi, lo), so nothing is
 * allocated, not even a boxed number.
 */
import { pageHasher } from "./xxh64-wasm.js";

/** The result registers (hi, lo) of the helpers: a typed array, so storing a uint32 never boxes a number. */
const R = new Uint32Array(2);

// PRIME64_1..5 as (hi, lo)
const P1H = 0x9e3779b1;
const P1L = 0x85ebca87;
const P2H = 0xc2b2ae3d;
const P2L = 0x27d4eb4f;
const P3H = 0x165667b1;
const P3L = 0x9e3779f9;
const P4H = 0x85ebca77;
const P4L = 0xc2b2ae63;
const P5H = 0x27d4eb2f;
const P5L = 0x165667c5;
const P1L0 = P1L & 0xffff;
const P1L1 = P1L >>> 16;
const P2L0 = P2L & 0xffff;
const P2L1 = P2L >>> 16;

/** (ah:al) * (bh:bl) mod 2^64 → R. The low product is split into 16-bit limbs so every step is exact in doubles. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const mid = a1 * b0 + a0 * b1 + (p00 >>> 16); // < 2^34
  R[1] = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  R[0] = (a1 * b1 + Math.floor(mid / 65536) + Math.imul(al, bh) + Math.imul(ah, bl)) >>> 0;
}

/** (ah:al) + (bh:bl) mod 2^64 → R. */
function add64(ah: number, al: number, bh: number, bl: number): void {
  const lo = al + bl;
  R[1] = lo >>> 0;
  R[0] = (ah + bh + (lo > 0xffffffff ? 1 : 0)) >>> 0;
}

/** rotl64(h:l, r) for 0 < r < 32 → R. */
function rotl64(h: number, l: number, r: number): void {
  R[0] = ((h << r) | (l >>> (32 - r))) >>> 0;
  R[1] = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** XXH64_round: acc = rotl(acc + input * P2, 31) * P1 → R. */
function round(ah: number, al: number, ih: number, il: number): void {
  mul64(ih, il, P2H, P2L);
  add64(ah, al, R[0]!, R[1]!);
  rotl64(R[0]!, R[1]!, 31);
  mul64(R[0]!, R[1]!, P1H, P1L);
}

/** XXH64_mergeRound: acc = (acc ^ round(0, val)) * P1 + P4 → R. */
function mergeRound(ah: number, al: number, vh: number, vl: number): void {
  round(0, 0, vh, vl);
  mul64((ah ^ R[0]!) >>> 0, (al ^ R[1]!) >>> 0, P1H, P1L);
  add64(R[0]!, R[1]!, P4H, P4L);
}

/** XXH64_avalanche → R. */
function avalanche(h: number, l: number): void {
  l = (l ^ (h >>> 1)) >>> 0; // h ^= h >> 33
  mul64(h, l, P2H, P2L);
  h = R[0]!;
  l = (R[1]! ^ ((R[1]! >>> 29) | (R[0]! << 3))) >>> 0; // h ^= h >> 29
  h = (h ^ (h >>> 29)) >>> 0;
  mul64(h, l, P3H, P3L);
  R[1] = (R[1]! ^ R[0]!) >>> 0; // h ^= h >> 32
}

/** The end of the stripes: h = rotl(v1,1) + rotl(v2,7) + rotl(v3,12) + rotl(v4,18), then the four merge rounds → R. */
function merge4(
  v1h: number,
  v1l: number,
  v2h: number,
  v2l: number,
  v3h: number,
  v3l: number,
  v4h: number,
  v4l: number,
): void {
  rotl64(v1h, v1l, 1);
  let hh = R[0]!;
  let hl = R[1]!;
  rotl64(v2h, v2l, 7);
  add64(hh, hl, R[0]!, R[1]!);
  hh = R[0]!;
  hl = R[1]!;
  rotl64(v3h, v3l, 12);
  add64(hh, hl, R[0]!, R[1]!);
  hh = R[0]!;
  hl = R[1]!;
  rotl64(v4h, v4l, 18);
  add64(hh, hl, R[0]!, R[1]!);
  mergeRound(R[0]!, R[1]!, v1h, v1l);
  mergeRound(R[0]!, R[1]!, v2h, v2l);
  mergeRound(R[0]!, R[1]!, v3h, v3l);
  mergeRound(R[0]!, R[1]!, v4h, v4l);
}

/**
 * The 32-byte stripes of XXH64 over `words[at .. at + count*8)` (little-endian
 * 64-bit lanes as pairs of words), then the merge: leaves the hash state
 * (before the length and tail) in R. `seed` < 2^32.
 */
function stripes(words: Uint32Array, at: number, count: number, seed: number): void {
  // v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1 (= seed + 2^64 - P1)
  add64(0, seed, P1H, P1L);
  add64(R[0]!, R[1]!, P2H, P2L);
  let v1h = R[0]!;
  let v1l = R[1]!;
  add64(0, seed, P2H, P2L);
  let v2h = R[0]!;
  let v2l = R[1]!;
  let v3h = 0;
  let v3l = seed;
  add64(0, seed, ~P1H >>> 0, -P1L >>> 0); // 2^64 - P1 (P1L is not 0, so no carry into the high half)
  let v4h = R[0]!;
  let v4l = R[1]!;
  const end = at + count * 8;
  for (let i = at; i < end; i += 8) {
    round(v1h, v1l, words[i + 1]!, words[i]!);
    v1h = R[0]!;
    v1l = R[1]!;
    round(v2h, v2l, words[i + 3]!, words[i + 2]!);
    v2h = R[0]!;
    v2l = R[1]!;
    round(v3h, v3l, words[i + 5]!, words[i + 4]!);
    v3h = R[0]!;
    v3l = R[1]!;
    round(v4h, v4l, words[i + 7]!, words[i + 6]!);
    v4h = R[0]!;
    v4l = R[1]!;
  }
  merge4(v1h, v1l, v2h, v2l, v3h, v3l, v4h, v4l);
}

/**
 * Low 32 bits of XXH64 (seed 0) of one 4096-byte page held as 1024 native
 * (little-endian) words from `words[at]`: the kernel's `calc_checksum`.
 * Runs in the WebAssembly hasher (xxh64-wasm.ts: the words are copied into
 * its scratch page, a memcpy) where WebAssembly is available, else in
 * {@link xxh64PageLow32Ts}; both give the same value.
 */
export function xxh64PageLow32(words: Uint32Array, at: number): number {
  const h = pageHasher();
  if (h === null) return xxh64PageLow32Ts(words, at);
  h.words.set(at === 0 && words.length === 1024 ? words : words.subarray(at, at + 1024));
  return h.page(0) >>> 0;
}

/**
 * {@link xxh64PageLow32} in TypeScript alone: the fallback without
 * WebAssembly, and the reference the tests hold the WebAssembly version to.
 * Allocation-free. The 128 stripes run with every 64-bit step written out on
 * local int32 halves (wrapping adds, Math.imul on 16-bit limbs for the high
 * words), so the JIT keeps them in machine words; only the final merge uses
 * the helpers.
 */
export function xxh64PageLow32Ts(words: Uint32Array, at: number): number {
  // v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1 (seed 0), as int32 halves
  add64(P1H, P1L, P2H, P2L);
  let v1h = R[0]! | 0;
  let v1l = R[1]! | 0;
  let v2h = P2H | 0;
  let v2l = P2L | 0;
  let v3h = 0;
  let v3l = 0;
  let v4h = ~P1H;
  let v4l = -P1L | 0;
  let il = 0;
  let ih = 0;
  let a0 = 0;
  let a1 = 0;
  let p01 = 0;
  let p10 = 0;
  let mid = 0;
  let tl = 0;
  let th = 0;
  let rh = 0;
  let rl = 0;
  const end = at + 1024;
  for (let i = at; i < end; i += 8) {
    // v1 = rotl(v1 + lane * P2, 31) * P1
    il = words[i + 0]!;
    ih = words[i + 1]!;
    a0 = il & 0xffff;
    a1 = il >>> 16;
    p01 = Math.imul(a0, P2L1);
    p10 = Math.imul(a1, P2L0);
    mid = (Math.imul(a0, P2L0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    th =
      (Math.imul(a1, P2L1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(il, P2H) + Math.imul(ih, P2L)) | 0;
    tl = (Math.imul(il, P2L) + v1l) | 0;
    th = (th + v1h + (tl >>> 0 < v1l >>> 0 ? 1 : 0)) | 0;
    rh = (th << 31) | (tl >>> 1);
    rl = (tl << 31) | (th >>> 1);
    a0 = rl & 0xffff;
    a1 = rl >>> 16;
    p01 = Math.imul(a0, P1L1);
    p10 = Math.imul(a1, P1L0);
    mid = (Math.imul(a0, P1L0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    v1h =
      (Math.imul(a1, P1L1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(rl, P1H) + Math.imul(rh, P1L)) | 0;
    v1l = Math.imul(rl, P1L);
    // v2 = rotl(v2 + lane * P2, 31) * P1
    il = words[i + 2]!;
    ih = words[i + 3]!;
    a0 = il & 0xffff;
    a1 = il >>> 16;
    p01 = Math.imul(a0, P2L1);
    p10 = Math.imul(a1, P2L0);
    mid = (Math.imul(a0, P2L0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    th =
      (Math.imul(a1, P2L1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(il, P2H) + Math.imul(ih, P2L)) | 0;
    tl = (Math.imul(il, P2L) + v2l) | 0;
    th = (th + v2h + (tl >>> 0 < v2l >>> 0 ? 1 : 0)) | 0;
    rh = (th << 31) | (tl >>> 1);
    rl = (tl << 31) | (th >>> 1);
    a0 = rl & 0xffff;
    a1 = rl >>> 16;
    p01 = Math.imul(a0, P1L1);
    p10 = Math.imul(a1, P1L0);
    mid = (Math.imul(a0, P1L0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    v2h =
      (Math.imul(a1, P1L1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(rl, P1H) + Math.imul(rh, P1L)) | 0;
    v2l = Math.imul(rl, P1L);
    // v3 = rotl(v3 + lane * P2, 31) * P1
    il = words[i + 4]!;
    ih = words[i + 5]!;
    a0 = il & 0xffff;
    a1 = il >>> 16;
    p01 = Math.imul(a0, P2L1);
    p10 = Math.imul(a1, P2L0);
    mid = (Math.imul(a0, P2L0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    th =
      (Math.imul(a1, P2L1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(il, P2H) + Math.imul(ih, P2L)) | 0;
    tl = (Math.imul(il, P2L) + v3l) | 0;
    th = (th + v3h + (tl >>> 0 < v3l >>> 0 ? 1 : 0)) | 0;
    rh = (th << 31) | (tl >>> 1);
    rl = (tl << 31) | (th >>> 1);
    a0 = rl & 0xffff;
    a1 = rl >>> 16;
    p01 = Math.imul(a0, P1L1);
    p10 = Math.imul(a1, P1L0);
    mid = (Math.imul(a0, P1L0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    v3h =
      (Math.imul(a1, P1L1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(rl, P1H) + Math.imul(rh, P1L)) | 0;
    v3l = Math.imul(rl, P1L);
    // v4 = rotl(v4 + lane * P2, 31) * P1
    il = words[i + 6]!;
    ih = words[i + 7]!;
    a0 = il & 0xffff;
    a1 = il >>> 16;
    p01 = Math.imul(a0, P2L1);
    p10 = Math.imul(a1, P2L0);
    mid = (Math.imul(a0, P2L0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    th =
      (Math.imul(a1, P2L1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(il, P2H) + Math.imul(ih, P2L)) | 0;
    tl = (Math.imul(il, P2L) + v4l) | 0;
    th = (th + v4h + (tl >>> 0 < v4l >>> 0 ? 1 : 0)) | 0;
    rh = (th << 31) | (tl >>> 1);
    rl = (tl << 31) | (th >>> 1);
    a0 = rl & 0xffff;
    a1 = rl >>> 16;
    p01 = Math.imul(a0, P1L1);
    p10 = Math.imul(a1, P1L0);
    mid = (Math.imul(a0, P1L0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    v4h =
      (Math.imul(a1, P1L1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(rl, P1H) + Math.imul(rh, P1L)) | 0;
    v4l = Math.imul(rl, P1L);
  }
  merge4(v1h >>> 0, v1l >>> 0, v2h >>> 0, v2l >>> 0, v3h >>> 0, v3l >>> 0, v4h >>> 0, v4l >>> 0);
  add64(R[0]!, R[1]!, 0, 4096);
  avalanche(R[0]!, R[1]!);
  return R[1]!;
}

function readU32(bytes: Uint8Array, i: number): number {
  return (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
}

/**
 * XXH64 of any byte string with a seed below 2^32, as 16 hex digits. For
 * tests and tools (it copies the input into aligned words); pages use
 * {@link xxh64PageLow32}.
 */
export function xxh64Hex(bytes: Uint8Array, seed = 0): string {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed: must be a uint32, got ${seed}`);
  const len = bytes.length;
  let p = 0;
  let hh: number;
  let hl: number;
  if (len >= 32) {
    const n = len >>> 5;
    const words = new Uint32Array(n * 8);
    for (let i = 0; i < n * 8; i++) words[i] = readU32(bytes, i * 4);
    stripes(words, 0, n, seed);
    hh = R[0]!;
    hl = R[1]!;
    p = n * 32;
  } else {
    add64(0, seed, P5H, P5L);
    hh = R[0]!;
    hl = R[1]!;
  }
  add64(hh, hl, Math.floor(len / 2 ** 32) >>> 0, len >>> 0);
  hh = R[0]!;
  hl = R[1]!;
  for (; p + 8 <= len; p += 8) {
    round(0, 0, readU32(bytes, p + 4), readU32(bytes, p));
    rotl64((hh ^ R[0]!) >>> 0, (hl ^ R[1]!) >>> 0, 27);
    mul64(R[0]!, R[1]!, P1H, P1L);
    add64(R[0]!, R[1]!, P4H, P4L);
    hh = R[0]!;
    hl = R[1]!;
  }
  if (p + 4 <= len) {
    mul64(0, readU32(bytes, p), P1H, P1L);
    rotl64((hh ^ R[0]!) >>> 0, (hl ^ R[1]!) >>> 0, 23);
    mul64(R[0]!, R[1]!, P2H, P2L);
    add64(R[0]!, R[1]!, P3H, P3L);
    hh = R[0]!;
    hl = R[1]!;
    p += 4;
  }
  for (; p < len; p++) {
    mul64(0, bytes[p]!, P5H, P5L);
    rotl64((hh ^ R[0]!) >>> 0, (hl ^ R[1]!) >>> 0, 11);
    mul64(R[0]!, R[1]!, P1H, P1L);
    hh = R[0]!;
    hl = R[1]!;
  }
  avalanche(hh, hl);
  return R[0]!.toString(16).padStart(8, "0") + R[1]!.toString(16).padStart(8, "0");
}
