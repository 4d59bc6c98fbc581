/**
 * A VMA's page table: its PTEs (pte.ts) in chunks of 512, each allocated at
 * the first write of one of its entries, as the kernel allocates a page-table
 * page on the first fault below a pmd (`pte_alloc`). A table costs a 4-byte
 * directory entry per 512 pages and a 2 KiB chunk per 512-page range touched,
 * so a VMA of 2^28 pages with three pages written costs about 1 MiB, and
 * walks skip untouched ranges a chunk at a time (and 32 chunks at a time
 * through a bitmap of the touched ones).
 */

/** log2 of the PTEs per chunk (PTRS_PER_PTE = 512). */
export const PTE_CHUNK_SHIFT = 9;
const CHUNK = 1 << PTE_CHUNK_SHIFT;
const LOW = CHUNK - 1;
/** Chunks below which the storage doubles when it grows; above, it grows by a quarter. */
const DOUBLING_CHUNKS = 4096;

export class PageTable {
  /**
   * Per chunk of 512 pages, where its PTEs start in `ptes`; 0 for a chunk
   * never touched: `ptes[0..511]` is a chunk of none entries that every
   * untouched chunk reads through, and nothing writes.
   */
  readonly dir: Int32Array;
  /** The PTEs, a chunk after another (chunk 0: the shared none chunk). */
  ptes: Uint32Array;
  /** One bit per chunk: touched (dir entry not 0). */
  readonly touched: Uint32Array;
  /** Chunks in use in `ptes`, the shared one included. */
  used = 1;
  /** Entries that are not none (present, zero-page and swap PTEs): what a walk of the table can meet. */
  mapped = 0;

  constructor(
    /** Pages the table covers. */
    readonly pages: number,
  ) {
    const chunks = Math.ceil(pages / CHUNK);
    this.dir = new Int32Array(chunks);
    this.touched = new Uint32Array(Math.ceil(chunks / 32));
    this.ptes = new Uint32Array(CHUNK * Math.min(1 + chunks, 2));
  }

  /** The PTE of page `page` (0 <= page < pages). */
  get(page: number): number {
    return this.ptes[this.dir[page >>> PTE_CHUNK_SHIFT]! + (page & LOW)]!;
  }

  /** Set the PTE of page `page` (0 <= page < pages); a none entry in an untouched chunk allocates nothing. */
  set(page: number, pte: number): void {
    const c = page >>> PTE_CHUNK_SHIFT;
    let base = this.dir[c]!;
    if (base === 0) {
      if (pte === 0) return;
      base = this.#alloc(c);
    }
    const i = base + (page & LOW);
    const old = this.ptes[i]!;
    if (old === 0) {
      if (pte !== 0) this.mapped++;
    } else if (pte === 0) this.mapped--;
    this.ptes[i] = pte;
  }

  /** Chunks allocated (2 KiB each), not counting the shared none chunk. */
  get chunks(): number {
    return this.used - 1;
  }

  /**
   * The first page >= `from` and < `end` (default: all pages) whose PTE is
   * not none, or -1; untouched chunks are skipped whole.
   */
  nextMapped(from: number, end = this.pages): number {
    return this.nextWith(-1, from, end);
  }

  /**
   * The first page >= `from` and < `end` whose PTE maps a frame (a PAGE PTE),
   * or -1; untouched chunks are skipped whole.
   */
  nextPresent(from: number, end = this.pages): number {
    return this.nextWith(1, from, end); // PAGE: bit 0 (pte.ts)
  }

  /** The first page >= `from` and < `end` whose PTE has a bit of `mask` set (-1: any bit), or -1. */
  private nextWith(mask: number, from: number, end: number): number {
    const ptes = this.ptes;
    const dir = this.dir;
    if (end > this.pages) end = this.pages;
    let i = Math.max(from, 0);
    while (i < end) {
      const c = i >>> PTE_CHUNK_SHIFT;
      const base = dir[c]!;
      if (base === 0) {
        const next = this.nextTouched(c + 1);
        if (next < 0) return -1;
        i = next << PTE_CHUNK_SHIFT;
        continue;
      }
      const stop = Math.min(end, (c + 1) << PTE_CHUNK_SHIFT);
      for (; i < stop; i++) if ((ptes[base + (i & LOW)]! & mask) !== 0) return i;
    }
    return -1;
  }

  /** The first touched chunk >= `c`, or -1. */
  nextTouched(c: number): number {
    const bits = this.touched;
    let w = c >>> 5;
    if (w >= bits.length) return -1;
    let word = bits[w]! & (0xffffffff << (c & 31));
    while (word === 0) {
      if (++w >= bits.length) return -1;
      word = bits[w]!;
    }
    return (w << 5) + (31 - Math.clz32(word & -word));
  }

  /** A table of `pages` pages holding this one's entries [from, from + pages) (for splits). */
  slice(from: number, pages: number): PageTable {
    const out = new PageTable(pages);
    const end = Math.min(this.pages, from + pages);
    for (let i = this.nextMapped(from, end); i >= 0; i = this.nextMapped(i + 1, end)) out.set(i - from, this.get(i));
    return out;
  }

  #alloc(c: number): number {
    const base = this.used * CHUNK;
    if (base + CHUNK > this.ptes.length) {
      const have = this.ptes.length / CHUNK;
      const want = have < DOUBLING_CHUNKS ? have * 2 : Math.ceil(have * 1.25);
      const ptes = new Uint32Array(Math.min(want, this.dir.length + 1) * CHUNK);
      ptes.set(this.ptes.subarray(0, base));
      this.ptes = ptes;
    }
    this.used++;
    this.dir[c] = base;
    this.touched[c >>> 5]! |= 1 << (c & 31);
    return base;
  }
}
