/**
 * A per-CPU folio batch of mm/swap.c (`struct folio_batch`, a pagevec in
 * 2013): up to `size` frames, each holding one page reference until the
 * batch is drained. The simulator has one CPU for user work, so one batch
 * of each kind.
 */
export class FolioBatch {
  readonly pfns: Int32Array;
  length = 0;

  constructor(readonly size: number) {
    this.pfns = new Int32Array(size);
  }

  /** Add `pfn`; true when the batch is now full and must be drained (`folio_batch_add` returned 0). */
  add(pfn: number): boolean {
    this.pfns[this.length++] = pfn;
    return this.length === this.size;
  }

  /** How many slots hold `pfn`. */
  count(pfn: number): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) if (this.pfns[i] === pfn) n++;
    return n;
  }
}
