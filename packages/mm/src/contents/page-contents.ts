/**
 * Page contents behind one interface, in two representations with the same
 * observable behaviour: `tokens` (4 bytes per frame, for scale) and `bytes`
 * (real 4 KiB pages, each distinct content stored once, for fidelity and
 * memory images).
 * Every frame's contents are addressed by its index (a pfn, or a swap slot
 * for the swap device's store).
 */

/** What a page reads as: its token when it is a token page (0 = zero page), else a copy of its bytes. */
export type PageValue = number | Uint8Array;

/** The representation: tokens (4 bytes per frame) or bytes (4 KiB per distinct content). */
export type ContentMode = "tokens" | "bytes";

export interface PageContents {
  readonly mode: ContentMode;
  /** Make room for indexes below `capacity` (never shrinks). */
  grow(capacity: number): void;
  /** Fill the page with token t's bytes. */
  writeToken(i: number, t: number): void;
  /** Fill the page with 4096 raw bytes (bytes mode only; the caller checks {@link PageContents.mode}). */
  writeBytes(i: number, bytes: Uint8Array): void;
  /** clear_page: all zero. */
  zero(i: number): void;
  /** copy_page within this store. */
  copy(dst: number, src: number): void;
  /** copy_page from another store of the same mode (swap device ↔ frames). */
  copyFrom(dst: number, from: PageContents, src: number): void;
  /** memcmp sign of page a against page b: -1, 0 or 1. Allocation-free. */
  compare(a: number, b: number): number;
  /**
   * The top 30 bits of the page's first 4 bytes read big-endian
   * (`bswap32(word 0) >>> 2`), from 0 to 2^30 - 1: two pages whose hints
   * differ compare (memcmp) as their hints do. The same value in both modes
   * for the same bytes (tokens: `keys[i] >>> 2`; bytes: from the kept first
   * word, the 4 KiB are not touched). O(1), allocation-free and a small
   * integer (a V8 Smi) for every index below the capacity grown (every frame
   * a machine has handed out): a key for searches to keep beside tree nodes
   * and to compare in hot loops, instead of reading a mode's own arrays.
   */
  orderHint(i: number): number;
  /** Is the page all zero? */
  isZero(i: number): boolean;
  /** XXH64 low 32 bits of the bytes (calc_checksum). */
  checksum(i: number): number;
  /**
   * A value that stands for page i's checksum without computing it where the
   * mode allows: what KSM keeps as an rmap_item's `oldchecksum`. Tokens: the
   * page's order key (the token itself, O(1)); bytes: the checksum. Two
   * pages' checksums are equal iff their keys are equal or
   * `keyChecksum` of the two keys are equal (two different tokens may
   * collide in 32 bits, as the kernel's checksums do).
   */
  checksumKey(i: number): number;
  /** The checksum `key` stands for (tokens: of the token's page, memoised; bytes: the key itself). */
  keyChecksum(key: number): number;
  /**
   * Whether the checksum `key` stands for is `value`. Tokens: for 0 and for
   * the zero page's checksum known without hashing, from a scan of every
   * token (special-tokens.ts); other values through keyChecksum.
   */
  keyChecksumIs(key: number, value: number): boolean;
  /** The page's token, or -1 when its bytes are no token page. */
  readToken(i: number): number;
  /** The token, or a copy of the bytes when they are no token page. */
  read(i: number): PageValue;
  /** Copy the page's 4096 bytes into `out` (from `out[at]`). */
  readInto(i: number, out: Uint8Array, at?: number): void;
  /** A freed page: forget its cached checksum (its contents no longer matter; bytes mode lets its content go, and it reads as zero until written). */
  drop(i: number): void;
}

/** Do two page values denote the same bytes? */
export function samePageValue(a: PageValue, b: PageValue): boolean {
  if (typeof a === "number" || typeof b === "number") return a === b;
  if (a.length !== b.length) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

/** A short description of a page value for messages: `token 7` or `4096 bytes`. */
export function describePageValue(v: PageValue): string {
  return typeof v === "number" ? `token ${v}` : `${v.length} bytes`;
}
