/**
 * Token mode: each page is one token, stored as its order key
 * (bswap32 of word 0, a bijection of the token). Comparing two pages is
 * comparing two uint32s, and that is exactly memcmp order of the real bytes.
 * A page's checksum key is its order key: KSM's checksum tests are decided
 * from the token (special-tokens.ts), and a token page is hashed only when
 * two different tokens must be told apart by their checksums (memoised per
 * token).
 */
import { TokenChecksumMemo, zeroChecksum } from "./checksum.js";
import { fillTokenWords, tokenOfOrderKey, tokenOrderKey } from "./fmix.js";
import type { PageContents, PageValue } from "./page-contents.js";
import { SPECIAL_TOKENS_COMPLETE, ZERO_CHECKSUM_TOKENS, ZERO_PAGE_CHECKSUM_TOKENS } from "./special-tokens.js";

/** Order keys of the tokens whose checksum is 0, and of those whose checksum is the zero page's. */
const ZERO_CHECKSUM_KEYS = new Set(ZERO_CHECKSUM_TOKENS.map(tokenOrderKey));
const ZERO_PAGE_CHECKSUM_KEYS = new Set(ZERO_PAGE_CHECKSUM_TOKENS.map(tokenOrderKey));

export class TokenContents implements PageContents {
  readonly mode = "tokens";
  /** Order key per page: bswap32(word 0); 0 is the zero page. */
  keys: Uint32Array;
  readonly memo = new TokenChecksumMemo();

  constructor(capacity = 0) {
    this.keys = new Uint32Array(capacity);
  }

  grow(capacity: number): void {
    if (capacity <= this.keys.length) return;
    const keys = new Uint32Array(capacity);
    keys.set(this.keys);
    this.keys = keys;
  }

  writeToken(i: number, t: number): void {
    this.keys[i] = tokenOrderKey(t);
  }

  writeBytes(_i: number, _bytes: Uint8Array): void {
    throw new TypeError("content: raw bytes need the bytes content mode (this machine stores tokens)");
  }

  zero(i: number): void {
    this.keys[i] = 0;
  }

  copy(dst: number, src: number): void {
    this.keys[dst] = this.keys[src]!;
  }

  copyFrom(dst: number, from: PageContents, src: number): void {
    if (!(from instanceof TokenContents)) throw new TypeError("copyFrom: stores of different modes");
    this.keys[dst] = from.keys[src]!;
  }

  compare(a: number, b: number): number {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }

  orderHint(i: number): number {
    return this.keys[i]! >>> 2;
  }

  isZero(i: number): boolean {
    return this.keys[i] === 0;
  }

  checksum(i: number): number {
    return this.keyChecksum(this.keys[i]!);
  }

  checksumKey(i: number): number {
    return this.keys[i]!;
  }

  keyChecksum(key: number): number {
    return key === 0 ? zeroChecksum : this.memo.get(tokenOfOrderKey(key));
  }

  keyChecksumIs(key: number, value: number): boolean {
    if (SPECIAL_TOKENS_COMPLETE) {
      if (value === 0) return ZERO_CHECKSUM_KEYS.has(key);
      if (value === zeroChecksum) return key === 0 || ZERO_PAGE_CHECKSUM_KEYS.has(key);
    }
    return this.keyChecksum(key) === value;
  }

  readToken(i: number): number {
    return tokenOfOrderKey(this.keys[i]!);
  }

  read(i: number): PageValue {
    return this.readToken(i);
  }

  readInto(i: number, out: Uint8Array, at = 0): void {
    const words = new Uint32Array(1024);
    fillTokenWords(this.readToken(i), words, 0);
    out.set(new Uint8Array(words.buffer), at);
  }

  drop(_i: number): void {}

  /** The order key of page i (memcmp order of the bytes as one uint32). */
  orderKey(i: number): number {
    return this.keys[i]!;
  }
}
