/**
 * The distinct 4 KiB contents of a bytes-mode machine, each stored once and
 * reference counted (content-addressed): a page holds the id of its content,
 * pages with the same bytes hold the same id, and a content's storage is
 * reused once no page holds it. Id 0 is the zero page, always there and not
 * counted. Contents are found by their XXH64 (seed 0, low 32 bits: KSM's
 * `calc_checksum`, computed once per write and kept per content) in a hash
 * table, with a full compare on a match; two live ids never hold the same
 * bytes. A content written as a token remembers it, so writing the token
 * again finds it from the token's checksum alone, and reading it back needs
 * no scan of its words. The bytes live in arenas of `arenaPages` contents (never one Buffer
 * per page), made when their first id is handed out.
 */
import { tokenChecksum } from "./checksum.js";
import { bswap32, fillTokenWords, tokenOfOrderKey, tokenWord } from "./fmix.js";
import { xxh64PageLow32Ts } from "./xxh64.js";
import { pageHasher } from "./xxh64-wasm.js";

/** memcmpKey(0): the head of an all-zero page. */
export const ZERO_HEAD = -0x80000000;
/** `kinds` entry: not known whether the content is a token page. */
const UNKNOWN = 0;
/** `kinds` entry: the content is token `tokens[id]`'s page. */
const TOKEN = 1;
/** `kinds` entry: the content is no token page. */
const NOT_TOKEN = 2;

/** Ids below which the per-id arrays double when they grow; above, they grow by a quarter. */
const DOUBLING_IDS = 1 << 20;

/**
 * The memcmp order of a little-endian word as a signed int32: its byte swap
 * (the big-endian reading) with the sign bit flipped, so that signed order is
 * the unsigned order of the swap. All int32 arithmetic: no uint32 above 2^31
 * is made, which V8 would box in a heap number.
 */
export function memcmpKey(w: number): number {
  return (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | ((w >>> 24) & 0xff)) ^ 0x80000000;
}

export class ContentStore {
  readonly arenaShift: number;
  readonly #mask: number;
  /** The contents' bytes: id `id` at byte `offset(id)` of `arenas[id >>> arenaShift]`. */
  readonly arenas: Buffer[] = [];
  readonly #words: Uint32Array[] = [];
  /** Per id: the pages holding it (0 for a free id; not kept for id 0). */
  refs = new Int32Array(0);
  /** Per id: XXH64 low 32 bits of its bytes (calc_checksum). */
  sums = new Uint32Array(0);
  /** Per id: memcmpKey of its first word (most compares are decided by it). */
  heads = new Int32Array(0);
  /** Per id: whether its bytes are a token's page (UNKNOWN, TOKEN, NOT_TOKEN; a cache, filled as it is learnt). */
  kinds = new Uint8Array(0);
  /** Per id of kind TOKEN: the token. */
  tokens = new Uint32Array(0);
  /** Per id: the next id of its hash bucket, or of the free list; -1 ends either. */
  #next = new Int32Array(0);
  /** Per bucket (checksum & mask): the first id, or -1. */
  #buckets = new Int32Array(1024).fill(-1);
  /** Ids handed out so far (id 0 included): the next new one. */
  hwm = 1;
  /** Live contents, the zero page included. */
  live = 1;
  #freeHead = -1;
  /** The page `intern` adds: a writer fills it first (WebAssembly memory where the hasher reads it in place). */
  readonly scratch: Uint32Array;
  readonly scratchBytes: Buffer;
  readonly #hash: () => number;

  /** `arenaPages` (a power of two) contents per arena. */
  constructor(arenaPages = 4096) {
    if (!Number.isInteger(arenaPages) || arenaPages < 1 || (arenaPages & (arenaPages - 1)) !== 0) {
      throw new RangeError(`arenaPages: must be a power of two, got ${arenaPages}`);
    }
    this.arenaShift = Math.log2(arenaPages);
    this.#mask = arenaPages - 1;
    const hasher = pageHasher();
    this.scratch = hasher !== null ? hasher.words : new Uint32Array(1024);
    this.scratchBytes = Buffer.from(this.scratch.buffer, this.scratch.byteOffset, 4096);
    const scratch = this.scratch;
    this.#hash = hasher !== null ? () => hasher.page(0) >>> 0 : () => xxh64PageLow32Ts(scratch, 0);
    this.#growIds(1024);
    // id 0: the zero page, in the table so that zero bytes written find it
    this.arena(0);
    this.scratch.fill(0);
    this.sums[0] = this.#hash();
    this.heads[0] = ZERO_HEAD;
    this.kinds[0] = TOKEN; // token 0
    this.#next[0] = -1;
    this.#buckets[this.sums[0]! & (this.#buckets.length - 1)] = 0;
  }

  /**
   * The id of the bytes now in `scratch`, with one reference more: an id
   * already holding those bytes, or a new one. The scratch page's contents
   * are left undefined.
   */
  intern(): number {
    const sum = this.#hash();
    const scratch = this.scratchBytes;
    const mask = this.#mask;
    for (let id = this.#buckets[sum & (this.#buckets.length - 1)]!; id !== -1; id = this.#next[id]!) {
      if (this.sums[id] !== sum) continue;
      const off = (id & mask) * 4096;
      if (this.arenas[id >>> this.arenaShift]!.compare(scratch, 0, 4096, off, off + 4096) !== 0) continue;
      if (id !== 0) this.refs[id]!++;
      return id;
    }
    const id = this.#allocId();
    const off = (id & mask) * 4096;
    scratch.copy(this.arena(id), off, 0, 4096);
    this.sums[id] = sum;
    this.heads[id] = memcmpKey(this.scratch[0]! | 0);
    this.kinds[id] = UNKNOWN;
    this.#link(id, sum);
    return id;
  }

  /**
   * The id of token t's page, with one reference more: found from the
   * token's checksum (computed without writing the page out, where the
   * WebAssembly hasher runs) and, for a content not known as a token, a
   * compare of the bytes; else a new content with the token's words.
   */
  internToken(t: number): number {
    const sum = tokenChecksum(t);
    const mask = this.#mask;
    let filled = false;
    for (let id = this.#buckets[sum & (this.#buckets.length - 1)]!; id !== -1; id = this.#next[id]!) {
      if (this.sums[id] !== sum) continue;
      const kind = this.kinds[id];
      if (kind === TOKEN ? this.tokens[id] !== t : kind === NOT_TOKEN) continue;
      if (kind === UNKNOWN) {
        if (!filled) fillTokenWords(t, this.scratch, 0);
        filled = true;
        const off = (id & mask) * 4096;
        if (this.arenas[id >>> this.arenaShift]!.compare(this.scratchBytes, 0, 4096, off, off + 4096) !== 0) continue;
        this.kinds[id] = TOKEN;
        this.tokens[id] = t;
      }
      if (id !== 0) this.refs[id]!++;
      return id;
    }
    const id = this.#allocId();
    const words = this.words(id);
    const at = (id & mask) * 1024;
    fillTokenWords(t, words, at);
    this.sums[id] = sum;
    this.heads[id] = memcmpKey(words[at]! | 0);
    this.kinds[id] = TOKEN;
    this.tokens[id] = t;
    this.#link(id, sum);
    return id;
  }

  /** The token whose page content `id` is, or -1 when it is none (learnt once, then remembered). */
  tokenOf(id: number): number {
    const kind = this.kinds[id];
    if (kind === TOKEN) return id === 0 ? 0 : this.tokens[id]!;
    if (kind === NOT_TOKEN) return -1;
    const t = this.#readToken(id);
    this.kinds[id] = t >= 0 ? TOKEN : NOT_TOKEN;
    if (t >= 0) this.tokens[id] = t;
    return t;
  }

  /** Read the words of content `id` (not 0) as a token page. */
  #readToken(id: number): number {
    const words = this.words(id);
    const at = (id & this.#mask) * 1024;
    if (this.heads[id] === ZERO_HEAD) return -1; // first word 0, not the zero page: no token page
    const t = tokenOfOrderKey(bswap32(words[at]!));
    for (let k = 1; k < 1024; k++) if (words[at + k] !== tokenWord(t, k)) return -1;
    return t;
  }

  /** A new content `id` with checksum `sum` joins the table with its first reference. */
  #link(id: number, sum: number): void {
    this.refs[id] = 1;
    const b = sum & (this.#buckets.length - 1);
    this.#next[id] = this.#buckets[b]!;
    this.#buckets[b] = id;
    if (++this.live > this.#buckets.length) this.#rehash(this.#buckets.length * 2);
  }

  /** One holder more of live id `id`. */
  ref(id: number): void {
    if (id !== 0) this.refs[id]!++;
  }

  /** One holder less of `id`; the last frees it (its storage goes to the next new content). */
  unref(id: number): void {
    if (id === 0 || --this.refs[id]! > 0) return;
    const b = this.sums[id]! & (this.#buckets.length - 1);
    let at = this.#buckets[b]!;
    if (at === id) {
      this.#buckets[b] = this.#next[id]!;
    } else {
      while (this.#next[at] !== id) at = this.#next[at]!;
      this.#next[at] = this.#next[id]!;
    }
    this.#next[id] = this.#freeHead;
    this.#freeHead = id;
    this.live--;
  }

  /** The arena holding id `id`, made (zeroed) on first use. */
  arena(id: number): Buffer {
    const a = id >>> this.arenaShift;
    const arena = this.arenas[a];
    if (arena !== undefined) return arena;
    for (let k = this.arenas.length; k <= a; k++) {
      const ab = new ArrayBuffer((this.#mask + 1) * 4096);
      this.arenas.push(Buffer.from(ab));
      this.#words.push(new Uint32Array(ab));
    }
    return this.arenas[a]!;
  }

  /** The arena of `id` as words (its content from word `(id & mask) * 1024`). */
  words(id: number): Uint32Array {
    this.arena(id);
    return this.#words[id >>> this.arenaShift]!;
  }

  /** Byte offset of id `id` in its arena. */
  offset(id: number): number {
    return (id & this.#mask) * 4096;
  }

  /** memcmp sign of content a against content b. */
  compare(a: number, b: number): number {
    if (a === b) return 0;
    const ha = this.heads[a]!;
    const hb = this.heads[b]!;
    if (ha !== hb) return ha < hb ? -1 : 1;
    const oa = this.offset(a);
    const ob = this.offset(b);
    return this.arena(a).compare(this.arena(b), ob, ob + 4096, oa, oa + 4096);
  }

  /** Bytes the store holds: arenas and per-id tables. */
  get bytes(): number {
    let n = this.refs.byteLength + this.sums.byteLength + this.heads.byteLength + this.#next.byteLength;
    n += this.kinds.byteLength + this.tokens.byteLength;
    n += this.#buckets.byteLength;
    for (const a of this.arenas) n += a.byteLength;
    return n;
  }

  #allocId(): number {
    const free = this.#freeHead;
    if (free !== -1) {
      this.#freeHead = this.#next[free]!;
      return free;
    }
    const id = this.hwm++;
    if (id >= this.refs.length) {
      const n = this.refs.length;
      this.#growIds(n < DOUBLING_IDS ? n * 2 : n + Math.ceil(n / 4));
    }
    return id;
  }

  #growIds(n: number): void {
    const grow = <T extends Int32Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(n);
      next.set(old as never);
      return next;
    };
    this.refs = grow(this.refs, (k) => new Int32Array(k));
    this.sums = grow(this.sums, (k) => new Uint32Array(k));
    this.heads = grow(this.heads, (k) => new Int32Array(k));
    this.tokens = grow(this.tokens, (k) => new Uint32Array(k));
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    this.kinds = kinds;
    this.#next = grow(this.#next, (k) => new Int32Array(k));
  }

  /** Rebuild the buckets, `size` (a power of two) of them, from the live ids. */
  #rehash(size: number): void {
    const buckets = new Int32Array(size).fill(-1);
    for (let id = 0; id < this.hwm; id++) {
      if (id !== 0 && this.refs[id] === 0) continue;
      const b = this.sums[id]! & (size - 1);
      this.#next[id] = buckets[b]!;
      buckets[b] = id;
    }
    this.#buckets = buckets;
  }
}
