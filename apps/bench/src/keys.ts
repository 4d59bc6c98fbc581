/**
 * Keys for the tree benchmark: 32-bit integers, or 4 KiB pages compared in
 * memcmp order. Pages are the scenario format's token pages (word i of token
 * t is fmix32(fmix32(t) + i), little-endian), held in large arenas.
 */

/** MurmurHash3's 32-bit finaliser. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const PAGE_SIZE = 4096;
const PAGES_PER_ARENA = 65536; // 256 MiB per arena

/** n distinct token pages (tokens 1..n) in arenas; page i is at arenas[i >> 16], offset (i & 0xffff) * 4096. */
export class PageSet {
  readonly arenas: Buffer[] = [];
  constructor(readonly count: number) {
    for (let first = 0; first < count; first += PAGES_PER_ARENA) {
      const pages = Math.min(PAGES_PER_ARENA, count - first);
      const arena = Buffer.allocUnsafe(pages * PAGE_SIZE);
      const words = new Uint32Array(arena.buffer, arena.byteOffset, pages * 1024);
      for (let p = 0; p < pages; p++) {
        const base = fmix32(first + p + 1);
        const at = p * 1024;
        for (let i = 0; i < 1024; i++) words[at + i] = fmix32((base + i) >>> 0);
      }
      // The arena's words are native-endian; the format's bytes are little-endian (true on x86-64 and arm64).
      this.arenas.push(arena);
    }
  }
  /** memcmp of page a against page b: negative, zero or positive. */
  compare(a: number, b: number): number {
    const aa = this.arenas[a >>> 16] as Buffer;
    const ab = this.arenas[b >>> 16] as Buffer;
    const oa = (a & 0xffff) * PAGE_SIZE;
    const ob = (b & 0xffff) * PAGE_SIZE;
    return aa.compare(ab, ob, ob + PAGE_SIZE, oa, oa + PAGE_SIZE);
  }
}

/** A seeded permutation of 0..n-1 (xorshift32 Fisher-Yates), so every run measures the same work. */
export function permutation(n: number, seed: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const j = s % (i + 1);
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
  return a;
}

/** Distinct 32-bit keys: a bijective hash of the index, so their order is unrelated to the index. */
export function key32(i: number): number {
  return fmix32(i + 1);
}
