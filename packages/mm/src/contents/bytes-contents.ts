/**
 * Bytes mode: real 4 KiB pages, content-addressed. Each page holds the id
 * of its content in a {@link ContentStore} (id 0, the zero page, for a page
 * never written), so every distinct content is stored once however many
 * pages hold it, and memory grows with the distinct contents, not with the
 * pages. A write hashes the page once (XXH64, which is also KSM's checksum)
 * and finds or adds its content; copies, zeroing and freeing only move ids
 * and counts. Pages with the same id compare equal without being read;
 * others compare by their first words, then by memcmp of the stored bytes.
 * The swap device's store shares the machine's content store
 * ({@link BytesContents.sibling}), so swap-out and swap-in copy no bytes.
 */
import { ContentStore } from "./content-store.js";
import type { PageContents, PageValue } from "./page-contents.js";

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export class BytesContents implements PageContents {
  readonly mode = "bytes";
  /** The distinct contents, maybe shared with other stores (the swap device's). */
  readonly store: ContentStore;
  /** Per page: the id of its content in `store` (0: the zero page). Grows on a write past its length. */
  ids: Int32Array;
  /** Cached checksum per page, valid where `sumValid` is 1 (the content's, taken from the store). */
  sums: Uint32Array;
  sumValid: Uint8Array;

  /** `arenaPages` (a power of two) contents per arena of a new store; `store` shares an existing one. */
  constructor(capacity = 0, arenaPages = 4096, store?: ContentStore) {
    if (!LITTLE_ENDIAN) throw new Error("bytes mode needs a little-endian host");
    this.store = store ?? new ContentStore(arenaPages);
    this.ids = new Int32Array(capacity);
    this.sums = new Uint32Array(capacity);
    this.sumValid = new Uint8Array(capacity);
  }

  /** An empty store of pages over the same contents (copies between the two move ids, not bytes). */
  sibling(capacity = 0): BytesContents {
    return new BytesContents(capacity, 1 << this.store.arenaShift, this.store);
  }

  grow(capacity: number): void {
    if (capacity > this.ids.length) this.#growIds(capacity);
    if (capacity <= this.sums.length) return;
    const sums = new Uint32Array(capacity);
    sums.set(this.sums);
    const valid = new Uint8Array(capacity);
    valid.set(this.sumValid);
    this.sums = sums;
    this.sumValid = valid;
  }

  /** The content id of page i (0 for a page never written). */
  idOf(i: number): number {
    return this.ids[i]! | 0; // past the length: never written, the zero page
  }

  /** Page i now holds content `id` (one reference of it already taken); its old content loses one. */
  #hold(i: number, id: number): void {
    if (i >= this.ids.length) this.#growIds(Math.max(i + 1, this.ids.length * 2, 16));
    const old = this.ids[i]!;
    this.ids[i] = id;
    this.store.unref(old);
  }

  #growIds(n: number): void {
    const ids = new Int32Array(n);
    ids.set(this.ids);
    this.ids = ids;
  }

  writeToken(i: number, t: number): void {
    this.#hold(i, this.store.internToken(t));
    this.sumValid[i] = 0;
  }

  writeBytes(i: number, bytes: Uint8Array): void {
    this.store.scratchBytes.set(bytes);
    this.#hold(i, this.store.intern());
    this.sumValid[i] = 0;
  }

  zero(i: number): void {
    this.#hold(i, 0);
    this.sumValid[i] = 0;
  }

  copy(dst: number, src: number): void {
    this.copyFrom(dst, this, src);
  }

  copyFrom(dst: number, from: PageContents, src: number): void {
    if (!(from instanceof BytesContents)) throw new TypeError("copyFrom: stores of different modes");
    const id = from.idOf(src);
    if (from.store === this.store) {
      this.store.ref(id);
      this.#hold(dst, id);
    } else {
      const fs = from.store;
      const off = fs.offset(id);
      fs.arena(id).copy(this.store.scratchBytes, 0, off, off + 4096);
      this.#hold(dst, this.store.intern());
    }
    this.sums[dst] = from.sums[src]!;
    this.sumValid[dst] = from.sumValid[src]!;
  }

  compare(a: number, b: number): number {
    return this.store.compare(this.ids[a]! | 0, this.ids[b]! | 0);
  }

  orderHint(i: number): number {
    return (this.store.heads[this.ids[i]! | 0]! ^ 0x80000000) >>> 2; // bswap32(word 0) >>> 2
  }

  isZero(i: number): boolean {
    return (this.ids[i]! | 0) === 0; // all-zero bytes are always content 0
  }

  checksum(i: number): number {
    return this.sumValid[i] === 1 ? this.sums[i]! : this.#computeChecksum(i); // the hit path small enough to inline
  }

  /** XXH64 of the page's bytes: its content's, taken when the content was written. */
  #computeChecksum(i: number): number {
    const sum = this.store.sums[this.ids[i]! | 0]!;
    this.sums[i] = sum;
    this.sumValid[i] = 1;
    return sum;
  }

  checksumKey(i: number): number {
    return this.checksum(i);
  }

  keyChecksum(key: number): number {
    return key;
  }

  keyChecksumIs(key: number, value: number): boolean {
    return key === value;
  }

  readToken(i: number): number {
    return this.store.tokenOf(this.ids[i]! | 0);
  }

  read(i: number): PageValue {
    const t = this.readToken(i);
    if (t >= 0) return t;
    const out = new Uint8Array(4096);
    this.readInto(i, out);
    return out;
  }

  readInto(i: number, out: Uint8Array, at = 0): void {
    const id = this.ids[i]! | 0;
    const off = this.store.offset(id);
    out.set(this.store.arena(id).subarray(off, off + 4096), at);
  }

  /** A freed page: its cached checksum goes, and its content loses the page (it reads as zero until written). */
  drop(i: number): void {
    this.sumValid[i] = 0;
    if (i < this.ids.length) this.#hold(i, 0);
  }
}
