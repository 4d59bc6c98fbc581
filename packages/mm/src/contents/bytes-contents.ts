/**
 * Bytes mode: real 4 KiB per page in large arenas (never one Buffer per
 * page), allocated when first touched. Compare is Buffer.compare over
 * ranges (memcmp); checksum is XXH64 over the arena's words, read in place
 * where the arena is WebAssembly memory (see {@link hashedArena}).
 */
import { bswap32, fillTokenWords, tokenOfOrderKey, tokenWord } from "./fmix.js";
import type { PageContents, PageValue } from "./page-contents.js";
import { xxh64PageLow32 } from "./xxh64.js";
import { hashedArena } from "./xxh64-wasm.js";

const ZERO_PAGE = Buffer.alloc(4096);
/** memcmpKey(0): the head of an all-zero page. */
const ZERO_HEAD = -0x80000000;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The memcmp order of a little-endian word as a signed int32: its byte swap
 * (the big-endian reading) with the sign bit flipped, so that signed order is
 * the unsigned order of the swap. All int32 arithmetic: no uint32 above 2^31
 * is made, which V8 would box in a heap number.
 */
function memcmpKey(w: number): number {
  return (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | ((w >>> 24) & 0xff)) ^ 0x80000000;
}

export class BytesContents implements PageContents {
  readonly mode = "bytes";
  readonly arenaShift: number;
  readonly #mask: number;
  readonly arenas: (Buffer | undefined)[] = [];
  readonly #words: (Uint32Array | undefined)[] = [];
  /** Per arena, the WebAssembly hasher over it (arena byte offset → checksum), or null when it is a plain ArrayBuffer. */
  readonly #hashers: (((ptr: number) => number) | null)[] = [];
  sums: Uint32Array;
  sumValid: Uint8Array;
  /**
   * memcmpKey of each page's first word, kept by every write below (nothing
   * else writes the arenas): most compares are decided by it without
   * touching the pages' 4 KiB, which are cold in a large machine. Pages past
   * its length (not yet grown) are read from their arena.
   */
  heads: Int32Array;

  /**
   * `arenaPages` must be a power of two (default 65536 pages = 256 MiB per
   * arena); `limit` (the most pages ever addressed) trims the last arena.
   */
  constructor(
    capacity = 0,
    arenaPages = 65536,
    readonly limit = Number.POSITIVE_INFINITY,
  ) {
    if (!LITTLE_ENDIAN) throw new Error("bytes mode needs a little-endian host");
    if (!Number.isInteger(arenaPages) || arenaPages < 1 || (arenaPages & (arenaPages - 1)) !== 0) {
      throw new RangeError(`arenaPages: must be a power of two, got ${arenaPages}`);
    }
    this.arenaShift = Math.log2(arenaPages);
    this.#mask = arenaPages - 1;
    this.sums = new Uint32Array(capacity);
    this.sumValid = new Uint8Array(capacity);
    this.heads = new Int32Array(capacity).fill(ZERO_HEAD);
  }

  grow(capacity: number): void {
    if (capacity <= this.sums.length) return;
    const sums = new Uint32Array(capacity);
    sums.set(this.sums);
    const valid = new Uint8Array(capacity);
    valid.set(this.sumValid);
    this.sums = sums;
    this.sumValid = valid;
    const heads = new Int32Array(capacity);
    heads.set(this.heads);
    heads.fill(ZERO_HEAD, this.heads.length); // a page never written is all zero
    this.heads = heads;
  }

  /** memcmpKey of page i's first word. */
  head(i: number): number {
    if (i < this.heads.length) return this.heads[i]!;
    return memcmpKey(this.#wordsOf(i)[(i & this.#mask) * 1024]! | 0);
  }

  /** Keep heads[i] after a write to page i. */
  #setHead(i: number): void {
    if (i < this.heads.length) this.heads[i] = memcmpKey(this.#wordsOf(i)[(i & this.#mask) * 1024]! | 0);
  }

  /** The arena holding page i, created (zeroed) on first use. */
  arena(i: number): Buffer {
    const a = i >>> this.arenaShift;
    const arena = this.arenas[a];
    if (arena !== undefined) return arena;
    const pages = Math.min(this.#mask + 1, this.limit - a * (this.#mask + 1));
    const hashed = hashedArena(pages * 4096);
    const ab = hashed === null ? new ArrayBuffer(pages * 4096) : hashed.buffer;
    this.arenas[a] = Buffer.from(ab, 0, pages * 4096);
    this.#words[a] = new Uint32Array(ab, 0, pages * 1024);
    this.#hashers[a] = hashed === null ? null : hashed.page;
    return this.arenas[a];
  }

  #wordsOf(i: number): Uint32Array {
    this.arena(i);
    return this.#words[i >>> this.arenaShift]!;
  }

  /** Byte offset of page i in its arena. */
  offset(i: number): number {
    return (i & this.#mask) * 4096;
  }

  writeToken(i: number, t: number): void {
    fillTokenWords(t, this.#wordsOf(i), (i & this.#mask) * 1024);
    this.#setHead(i);
    this.sumValid[i] = 0;
  }

  writeBytes(i: number, bytes: Uint8Array): void {
    this.arena(i).set(bytes, this.offset(i));
    this.#setHead(i);
    this.sumValid[i] = 0;
  }

  zero(i: number): void {
    const off = this.offset(i);
    this.arena(i).fill(0, off, off + 4096);
    this.#setHead(i);
    this.sumValid[i] = 0;
  }

  copy(dst: number, src: number): void {
    this.copyFrom(dst, this, src);
  }

  copyFrom(dst: number, from: PageContents, src: number): void {
    if (!(from instanceof BytesContents)) throw new TypeError("copyFrom: stores of different modes");
    const so = from.offset(src);
    from.arena(src).copy(this.arena(dst), this.offset(dst), so, so + 4096);
    this.#setHead(dst);
    this.sums[dst] = from.sums[src]!;
    this.sumValid[dst] = from.sumValid[src]!;
  }

  compare(a: number, b: number): number {
    // Most compares (tree descents) meet different pages that differ in the
    // first word: decide those here from the heads, where memcmp order of a
    // little-endian word is the unsigned order of its byte swap;
    // Buffer#compare (memcmp, but a native call with argument checks) does
    // the rest.
    const ha = this.head(a);
    const hb = this.head(b);
    if (ha !== hb) return ha < hb ? -1 : 1;
    const oa = this.offset(a);
    const ob = this.offset(b);
    return this.arena(a).compare(this.arena(b), ob, ob + 4096, oa, oa + 4096);
  }

  orderHint(i: number): number {
    return (this.head(i) ^ 0x80000000) >>> 2; // bswap32(word 0) >>> 2
  }

  isZero(i: number): boolean {
    if (this.head(i) !== ZERO_HEAD) return false;
    const off = this.offset(i);
    return this.arena(i).compare(ZERO_PAGE, 0, 4096, off, off + 4096) === 0;
  }

  checksum(i: number): number {
    return this.sumValid[i] === 1 ? this.sums[i]! : this.#computeChecksum(i); // the hit path small enough to inline
  }

  #computeChecksum(i: number): number {
    const words = this.#wordsOf(i);
    const hash = this.#hashers[i >>> this.arenaShift]!;
    const sum = hash !== null ? hash((i & this.#mask) * 4096) >>> 0 : xxh64PageLow32(words, (i & this.#mask) * 1024);
    this.sums[i] = sum;
    this.sumValid[i] = 1;
    return sum;
  }

  readToken(i: number): number {
    const words = this.#wordsOf(i);
    const at = (i & this.#mask) * 1024;
    const w0 = words[at]!;
    if (w0 === 0) return this.isZero(i) ? 0 : -1;
    const t = tokenOfOrderKey(bswap32(w0));
    for (let k = 1; k < 1024; k++) if (words[at + k] !== tokenWord(t, k)) return -1;
    return t;
  }

  read(i: number): PageValue {
    const t = this.readToken(i);
    if (t >= 0) return t;
    const out = new Uint8Array(4096);
    this.readInto(i, out);
    return out;
  }

  readInto(i: number, out: Uint8Array, at = 0): void {
    const off = this.offset(i);
    out.set(this.arena(i).subarray(off, off + 4096), at);
  }

  drop(i: number): void {
    this.sumValid[i] = 0;
  }
}
