/**
 * Physical frames as a struct of arrays indexed by pfn (no object per
 * frame): the fields of `struct folio` that mm and KSM look at, in 14 bytes
 * a frame. The arrays grow on demand up to the topology's page count,
 * doubling up to 2^20 frames and by a quarter above, so a large machine
 * carries at most 25% of slack; a listener (the page contents) grows with
 * them.
 *
 * `refcount` and `mapcount` are 16 bits each, clamped: from 1 to 65534 they
 * are the count; 0 stands for 0 (or, on a broken machine, less) and 65535
 * for 65535 or more, the exact count then living in a side table (a KSM page
 * mapped by 100 000 processes). So comparing them with small constants
 * (`> 0`, `<= 1`, `=== 0`) reads them as they are; everything that needs the
 * count itself, or changes it, goes through the methods.
 */

/** The raw value standing for "this count or more": the exact count is in the side table. */
const BIG = 0xffff;
/** Frames below which the arrays double when they grow; above, they grow by a quarter. */
const DOUBLING_FRAMES = 1 << 20;

export class FrameTable {
  /** Frames the arrays hold now. */
  capacity = 0;
  /**
   * Page references, clamped to 16 bits (see above; the count is `ref(pfn)`):
   * one per mapping PTE, the swap cache's, one per pin, one per batch slot,
   * plus transient ones.
   */
  refcount = new Uint16Array(0);
  /** PTEs mapping the frame (`folio_mapcount`), clamped to 16 bits (the count is `mapCount(pfn)`). */
  mapcount = new Uint16Array(0);
  /** PG_* flags */
  flags = new Uint8Array(0);
  /**
   * `folio->mapping` without its low bits: the anon_vma id of an anon frame,
   * the stable node id of a KSM frame (0: none). A free frame's mapping links
   * its node's free list (free-lists.ts), as the buddy allocator links free
   * pages through `page->lru`; no one reads it before the frame's flags say
   * ANON or KSM.
   */
  mapping = new Int32Array(0);
  /** `folio->index` (the linear page index the anon frame was faulted at, below 2^35): its low 32 bits... */
  indexLo = new Uint32Array(0);
  /** ...and the bits above (`index(pfn)` puts them together). */
  indexHi = new Uint8Array(0);
  /** Exact refcounts of the frames whose `refcount` entry is clamped. */
  readonly #bigRefs = new Map<number, number>();
  /** Exact mapcounts of the frames whose `mapcount` entry is clamped. */
  readonly #bigMaps = new Map<number, number>();

  constructor(
    /** The topology's page count: no pfn reaches it. */
    readonly limit: number,
    private readonly onGrow: (capacity: number) => void,
  ) {}

  /** page_ref_count: the frame's references. */
  ref(pfn: number): number {
    const r = this.refcount[pfn]!;
    return (r !== 0 && r !== BIG) || this.#bigRefs.size === 0 ? r : (this.#bigRefs.get(pfn) ?? r);
  }

  /** set_page_count. */
  setRef(pfn: number, n: number): void {
    setCount(this.refcount, this.#bigRefs, pfn, n);
  }

  /** One reference more (folio_get). */
  incRef(pfn: number): void {
    const r = this.refcount[pfn]!;
    if (r < BIG - 1 && (r !== 0 || this.#bigRefs.size === 0)) this.refcount[pfn] = r + 1;
    else this.setRef(pfn, this.ref(pfn) + 1);
  }

  /** One reference less; returns the count left. */
  decRef(pfn: number): number {
    const r = this.refcount[pfn]!;
    if (r !== 0 && r !== BIG) {
      this.refcount[pfn] = r - 1;
      return r - 1;
    }
    const n = this.ref(pfn) - 1;
    this.setRef(pfn, n);
    return n;
  }

  /** folio_mapcount: the PTEs mapping the frame. */
  mapCount(pfn: number): number {
    const r = this.mapcount[pfn]!;
    return (r !== 0 && r !== BIG) || this.#bigMaps.size === 0 ? r : (this.#bigMaps.get(pfn) ?? r);
  }

  setMapCount(pfn: number, n: number): void {
    setCount(this.mapcount, this.#bigMaps, pfn, n);
  }

  /** One mapping more. */
  incMapCount(pfn: number): void {
    const r = this.mapcount[pfn]!;
    if (r < BIG - 1 && (r !== 0 || this.#bigMaps.size === 0)) this.mapcount[pfn] = r + 1;
    else this.setMapCount(pfn, this.mapCount(pfn) + 1);
  }

  /** One mapping less; returns the count left. */
  decMapCount(pfn: number): number {
    const r = this.mapcount[pfn]!;
    if (r !== 0 && r !== BIG) {
      this.mapcount[pfn] = r - 1;
      return r - 1;
    }
    const n = this.mapCount(pfn) - 1;
    this.setMapCount(pfn, n);
    return n;
  }

  /** Frames whose counts are in the side tables now (for tests and memory reports). */
  get bigCounts(): number {
    return this.#bigRefs.size + this.#bigMaps.size;
  }

  /** `folio->index`. */
  index(pfn: number): number {
    return this.indexHi[pfn]! * 2 ** 32 + this.indexLo[pfn]!;
  }

  /** Set `folio->index` (an integer from 0 to 2^40 - 1). */
  setIndex(pfn: number, index: number): void {
    this.indexLo[pfn] = index >>> 0;
    this.indexHi[pfn] = index < 2 ** 32 ? 0 : Math.floor(index / 2 ** 32);
  }

  /** Make `pfn` addressable. */
  ensure(pfn: number): void {
    if (pfn < this.capacity) return;
    const c = this.capacity;
    const grown = c < DOUBLING_FRAMES ? c * 2 : c + Math.ceil(c / 4);
    const capacity = Math.min(this.limit, Math.max(pfn + 1, grown, 1024));
    const grow = <T extends Uint16Array | Uint32Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old as never);
      return next;
    };
    this.refcount = grow(this.refcount, (n) => new Uint16Array(n));
    this.mapcount = grow(this.mapcount, (n) => new Uint16Array(n));
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
    this.mapping = grow(this.mapping, (n) => new Int32Array(n));
    this.indexLo = grow(this.indexLo, (n) => new Uint32Array(n));
    this.indexHi = grow(this.indexHi, (n) => new Uint8Array(n));
    this.capacity = capacity;
    this.onGrow(capacity);
  }
}

/** Store count `n` of frame `pfn`: in the array when it fits (1..65534, or 0), clamped there with the exact value in `big` otherwise. */
function setCount(counts: Uint16Array, big: Map<number, number>, pfn: number, n: number): void {
  if (n >= 0 && n < BIG) {
    if (big.size !== 0) big.delete(pfn);
    counts[pfn] = n;
    return;
  }
  counts[pfn] = n < 0 ? 0 : BIG;
  big.set(pfn, n);
}
