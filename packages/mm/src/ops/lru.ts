/**
 * The per-CPU folio batches of mm/swap.c. A newly faulted frame waits in the
 * lru_add batch with an extra reference until the batch is drained (full,
 * lru_add_drain, lru_add_drain_all); a frame whose last reference an unmap
 * dropped waits in the deferred-free batch the same way, keeping its flags,
 * mapping and contents (so KSM's keyhole check still passes on it: a
 * lingering page of the 2013 bug).
 */
import type { FolioBatch } from "../frames/batch.js";
import type { Machine } from "../machine.js";
import { folioPut } from "./release.js";

/** folio_batch_move_lru / folios_put: release every reference the batch holds. */
function drainBatch(m: Machine, batch: FolioBatch): void {
  const n = batch.length;
  batch.length = 0;
  for (let i = 0; i < n; i++) folioPut(m, batch.pfns[i]!);
}

/** folio_add_lru: a new frame takes one reference in the lru_add batch (when the option is on). */
export function lruAdd(m: Machine, pfn: number): void {
  if (!m.lruAdd) return;
  m.frames.incRef(pfn);
  if (m.lruAddBatch.add(pfn)) drainBatch(m, m.lruAddBatch);
}

/** lru_add_drain: this CPU's lru_add batch. */
export function lruAddDrain(m: Machine): void {
  drainBatch(m, m.lruAddBatch);
}

/** lru_add_drain_all: every batch (Machine.drainDeferred, and migration and hot-remove first). */
export function drainDeferred(m: Machine): void {
  drainBatch(m, m.lruAddBatch);
  drainBatch(m, m.deferredBatch);
}

/**
 * lruAddDrainAll (kernel lru_add_drain_all, which KSM calls at the start of
 * each full scan): drainDeferred, for KSM, moving seq.
 */
export function lruAddDrainAll(m: Machine): void {
  m.seq++; // a KSM primitive: moves seq itself (see Machine.seq)
  drainDeferred(m);
}

/**
 * Drop the reference an unmapped PTE held (the mmu_gather / pagevec release
 * of zap_pte_range): the last reference parks the frame in the deferred
 * batch when deferred freeing is on; otherwise folio_put.
 */
export function putMappingRef(m: Machine, pfn: number): void {
  if (m.deferredFree && m.frames.ref(pfn) === 1) {
    if (m.deferredBatch.add(pfn)) drainBatch(m, m.deferredBatch);
    return;
  }
  folioPut(m, pfn);
}
