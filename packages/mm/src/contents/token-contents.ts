/**
 * Token mode: each page is one token, stored as its order key
 * (bswap32 of word 0, a bijection of the token). Comparing two pages is
 * comparing two uint32s, and that is exactly memcmp order of the real bytes.
 * Checksums are computed from the materialised bytes, cached per page and
 * memoised per token.
 */
import { TokenChecksumMemo } from "./checksum.js";
import { fillTokenWords, tokenOfOrderKey, tokenOrderKey } from "./fmix.js";
import type { PageContents, PageValue } from "./page-contents.js";

export class TokenContents implements PageContents {
  readonly mode = "tokens";
  /** Order key per page: bswap32(word 0); 0 is the zero page. */
  keys: Uint32Array;
  /** Cached checksum per page, valid where `sumValid` is 1. */
  sums: Uint32Array;
  sumValid: Uint8Array;
  readonly memo = new TokenChecksumMemo();

  constructor(capacity = 0) {
    this.keys = new Uint32Array(capacity);
    this.sums = new Uint32Array(capacity);
    this.sumValid = new Uint8Array(capacity);
  }

  grow(capacity: number): void {
    if (capacity <= this.keys.length) return;
    const keys = new Uint32Array(capacity);
    keys.set(this.keys);
    const sums = new Uint32Array(capacity);
    sums.set(this.sums);
    const valid = new Uint8Array(capacity);
    valid.set(this.sumValid);
    this.keys = keys;
    this.sums = sums;
    this.sumValid = valid;
  }

  writeToken(i: number, t: number): void {
    this.keys[i] = tokenOrderKey(t);
    this.sumValid[i] = 0;
  }

  writeBytes(_i: number, _bytes: Uint8Array): void {
    throw new TypeError("content: raw bytes need the bytes content mode (this machine stores tokens)");
  }

  zero(i: number): void {
    this.keys[i] = 0;
    this.sumValid[i] = 0;
  }

  copy(dst: number, src: number): void {
    this.keys[dst] = this.keys[src]!;
    this.sums[dst] = this.sums[src]!;
    this.sumValid[dst] = this.sumValid[src]!;
  }

  copyFrom(dst: number, from: PageContents, src: number): void {
    if (!(from instanceof TokenContents)) throw new TypeError("copyFrom: stores of different modes");
    this.keys[dst] = from.keys[src]!;
    this.sums[dst] = from.sums[src]!;
    this.sumValid[dst] = from.sumValid[src]!;
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
    return this.sumValid[i] === 1 ? this.sums[i]! : this.computeChecksum(i); // the hit path small enough to inline
  }

  private computeChecksum(i: number): number {
    const sum = this.memo.get(tokenOfOrderKey(this.keys[i]!));
    this.sums[i] = sum;
    this.sumValid[i] = 1;
    return sum;
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

  drop(i: number): void {
    this.sumValid[i] = 0;
  }

  /** The order key of page i (memcmp order of the bytes as one uint32). */
  orderKey(i: number): number {
    return this.keys[i]!;
  }
}
