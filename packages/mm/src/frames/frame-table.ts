/**
 * Physical frames as a struct of arrays indexed by pfn (no object per
 * frame): the fields of `struct folio` that mm and KSM look at. The arrays
 * grow on demand, doubling, up to the topology's page count; a listener
 * (the page contents) grows with them.
 */

export class FrameTable {
  /** Frames the arrays hold now. */
  capacity = 0;
  /** page references: one per mapping PTE, the swap cache's, one per pin, one per batch slot, plus transient ones */
  refcount = new Int32Array(0);
  /** PTEs mapping the frame (`folio_mapcount`) */
  mapcount = new Int32Array(0);
  /** PG_* flags */
  flags = new Uint8Array(0);
  /** `folio->mapping` without its low bits: the anon_vma id of an anon frame, the stable node id of a KSM frame (0: none) */
  mapping = new Int32Array(0);
  /** `folio->index`: the linear page index (virtual page number) the anon frame was faulted at */
  index = new Float64Array(0);

  constructor(
    /** The topology's page count: no pfn reaches it. */
    readonly limit: number,
    private readonly onGrow: (capacity: number) => void,
  ) {}

  /** Make `pfn` addressable. */
  ensure(pfn: number): void {
    if (pfn < this.capacity) return;
    const capacity = Math.min(this.limit, Math.max(pfn + 1, this.capacity * 2, 1024));
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old as never);
      return next;
    };
    this.refcount = grow(this.refcount, (n) => new Int32Array(n));
    this.mapcount = grow(this.mapcount, (n) => new Int32Array(n));
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
    this.mapping = grow(this.mapping, (n) => new Int32Array(n));
    this.index = grow(this.index, (n) => new Float64Array(n));
    this.capacity = capacity;
    this.onGrow(capacity);
  }
}
