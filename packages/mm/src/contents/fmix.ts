/**
 * Token pages (scenario format): token 0 is the zero page; token t != 0 is the
 * 4096 bytes whose little-endian 32-bit word i is fmix32((fmix32(t) + i) mod 2^32).
 * A token page's memcmp order is the unsigned order of bswap32(word 0), its
 * "order key": distinct tokens have distinct word 0 (fmix32 is a bijection),
 * and the zero page has key 0, the smallest. The key is itself a bijection of
 * the token, so the token mode stores only keys and recovers tokens by
 * inverting fmix32.
 */

/** MurmurHash3's 32-bit finaliser (a bijection of [0, 2^32)). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The inverse of {@link fmix32}: 0xa5cb9243 and 0x7ed1b41d are the inverses of its multipliers mod 2^32. */
export function fmix32Inverse(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7ed1b41d);
  h ^= (h >>> 13) ^ (h >>> 26);
  h = Math.imul(h, 0xa5cb9243);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Byte-swaps a 32-bit word: the big-endian reading of its little-endian bytes. */
export function bswap32(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

/** The order key of token t: bswap32 of its word 0 (0 for the zero page). */
export function tokenOrderKey(t: number): number {
  return bswap32(fmix32(fmix32(t)));
}

/** The token whose order key is `key` (inverse of {@link tokenOrderKey}). */
export function tokenOfOrderKey(key: number): number {
  return fmix32Inverse(fmix32Inverse(bswap32(key)));
}

/** Word i of token t (t != 0). */
export function tokenWord(t: number, i: number): number {
  return fmix32((fmix32(t) + i) >>> 0);
}

/** Writes the 1024 words of token t's page into `out` from word `at` (zeros for token 0). */
export function fillTokenWords(t: number, out: Uint32Array, at: number): void {
  if (t === 0) {
    out.fill(0, at, at + 1024);
    return;
  }
  const base = fmix32(t);
  for (let i = 0; i < 1024; i++) out[at + i] = fmix32((base + i) >>> 0);
}

/** Is `t` a token, an integer in [0, 2^32)? */
export function isToken(t: unknown): t is number {
  return typeof t === "number" && Number.isInteger(t) && t >= 0 && t <= 0xffffffff;
}

/**
 * The token's 4096 bytes, little-endian as the format defines them (a new
 * Uint8Array; for tests and tools, not for hot paths).
 */
export function tokenPage(t: number): Uint8Array {
  const bytes = new Uint8Array(4096);
  if (t === 0) return bytes;
  const view = new DataView(bytes.buffer);
  const base = fmix32(t);
  for (let i = 0; i < 1024; i++) view.setUint32(i * 4, fmix32((base + i) >>> 0), true);
  return bytes;
}
