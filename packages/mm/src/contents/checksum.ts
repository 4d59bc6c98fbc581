/**
 * KSM's page checksum (`calc_checksum` in mm/ksm.c): XXH64 of the 4096
 * bytes, seed 0, low 32 bits. A function of the bytes alone, so both content
 * modes give the same value for the same page.
 */
import { fillTokenWords } from "./fmix.js";
import { xxh64PageLow32 } from "./xxh64.js";
import { pageHasher } from "./xxh64-wasm.js";

const scratch = new Uint32Array(1024);

/** Checksum of 4096 bytes (any alignment; copies into an aligned scratch page). */
export function pageChecksum(bytes: Uint8Array): number {
  if (bytes.length !== 4096) throw new RangeError(`bytes: must be 4096 bytes, got ${bytes.length}`);
  new Uint8Array(scratch.buffer).set(bytes);
  return xxh64PageLow32(scratch, 0);
}

/**
 * Checksum of token t's page, computed from its bytes (see
 * {@link TokenChecksumMemo} for the memoised form). The WebAssembly hasher
 * makes the page's words as it hashes them; without it the page is written
 * into a scratch page first.
 */
export function tokenChecksum(t: number): number {
  const h = t !== 0 ? pageHasher() : null;
  if (h !== null) return h.token(t) >>> 0;
  fillTokenWords(t, scratch, 0);
  return xxh64PageLow32(scratch, 0);
}

/** Checksum of the zero page. */
export const zeroChecksum: number = tokenChecksum(0);

const MEMO_BITS = 16;

/**
 * Per-token memo of {@link tokenChecksum}: a direct-mapped cache of 2^16
 * entries in typed arrays, so it stays bounded and allocation-free however
 * many tokens a simulation writes.
 */
export class TokenChecksumMemo {
  readonly #tokens = new Uint32Array(1 << MEMO_BITS);
  readonly #sums = new Uint32Array(1 << MEMO_BITS);
  readonly #valid = new Uint8Array(1 << MEMO_BITS);
  hits = 0;
  misses = 0;

  get(t: number): number {
    const slot = Math.imul(t, 0x9e3779b1) >>> (32 - MEMO_BITS);
    if (this.#valid[slot] === 1 && this.#tokens[slot] === t) {
      this.hits++;
      return this.#sums[slot]!;
    }
    this.misses++;
    const sum = tokenChecksum(t);
    this.#tokens[slot] = t;
    this.#sums[slot] = sum;
    this.#valid[slot] = 1;
    return sum;
  }
}
