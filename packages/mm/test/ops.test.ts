import { describe, expect, it } from "vitest";
import {
  ContentShadow,
  getRef,
  isKsmZeroPte,
  ksmStableNodeOf,
  MmError,
  PG_ANON_EXCLUSIVE,
  PG_FREE,
  PG_KSM,
  PG_SWAPCACHE,
  PTE_SWAP,
  PTE_WRITE,
  pteKind,
  ptePayload,
  putRef,
  replacePage,
  setKsm,
  trylockPage,
  unlockPage,
  vmaPlacement,
  writeProtectPage,
  ZERO_PFN,
} from "../src/index.js";
import { machine, ok, pfn, pte, recordingHooks } from "./helpers.js";

const isFree = (m: ReturnType<typeof machine>, p: number) => (m.frames.flags[p]! & PG_FREE) !== 0;

describe("spawn, mmap, write, read", () => {
  it("places the k-th mmap at 2^40 + k * 2^32 and faults nothing", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 64);
    const stack = m.mmap(a, "stack", 8);
    expect(heap.address).toBe(2 ** 40);
    expect(stack.address).toBe(2 ** 40 + 2 ** 32);
    expect(heap.table).toBeNull();
    expect(m.read(a, heap, 3)).toBe(0);
    ok(m);
  });

  it("a write faults a new exclusive frame, writable and dirty, in the lru_add batch", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 4);
    m.write(a, heap, 2, 77);
    const p = pfn(heap, 2);
    expect(m.read(a, heap, 2)).toBe(77);
    expect(pte(heap, 2) & PTE_WRITE).toBe(PTE_WRITE);
    expect(m.frames.mapcount[p]).toBe(1);
    expect(m.frames.refcount[p]).toBe(2); // the mapping + the lru_add batch
    expect(m.frames.flags[p]! & PG_ANON_EXCLUSIVE).toBe(PG_ANON_EXCLUSIVE);
    expect(m.frames.index(p)).toBe(heap.start + 2);
    expect(m.frames.mapping[p]).toBe(heap.anonVma);
    m.write(a, heap, 2, 78); // in place
    expect(pfn(heap, 2)).toBe(p);
    expect(m.read(a, heap, 2)).toBe(78);
    ok(m);
  });

  it("writing token 0 makes an ordinary anon page, not the zero page", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 4);
    m.write(a, heap, 0, 0);
    expect(pfn(heap, 0)).toBeGreaterThanOrEqual(0);
    expect(m.contents.isZero(pfn(heap, 0))).toBe(true);
    ok(m);
  });

  it("writeRange writes {from, period} patterns", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 8);
    m.writeRange(a, heap, 1, 6, { from: 10, period: 3 });
    expect([...Array(8).keys()].map((i) => m.read(a, heap, i))).toEqual([0, 10, 11, 12, 10, 11, 12, 0]);
    m.writeRange(a, heap, 0, 2, { from: 100 });
    expect([m.read(a, heap, 0), m.read(a, heap, 1)]).toEqual([100, 101]);
    ok(m);
  });
});

describe("fork and copy-on-write", () => {
  it("fork then write in parent and child: each COW keeps the original frame for the other", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 4);
    m.write(a, heap, 0, 1);
    const b = m.fork(a, "B");
    const bheap = b.vmaNamed("heap")!;
    const orig = pfn(heap, 0);
    expect(pfn(bheap, 0)).toBe(orig);
    expect(m.frames.mapcount[orig]).toBe(2);
    expect(pte(heap, 0) & PTE_WRITE).toBe(0);
    expect(pte(bheap, 0) & PTE_WRITE).toBe(0);
    expect(m.frames.flags[orig]! & PG_ANON_EXCLUSIVE).toBe(0);
    expect(bheap.anonVma).not.toBe(heap.anonVma);
    expect(m.anonVmas.root(bheap.anonVma)).toBe(m.anonVmas.root(heap.anonVma));
    ok(m);

    m.write(a, heap, 0, 2); // the parent copies
    expect(pfn(heap, 0)).not.toBe(orig);
    expect(pfn(bheap, 0)).toBe(orig);
    expect(m.frames.mapcount[orig]).toBe(1);
    ok(m);

    m.write(b, bheap, 0, 3); // the child is the only user left: reuses in place
    expect(pfn(bheap, 0)).toBe(orig);
    expect(m.read(a, heap, 0)).toBe(2);
    expect(m.read(b, bheap, 0)).toBe(3);
    expect(m.frames.mapping[orig]).toBe(bheap.anonVma); // folio_move_anon_rmap
    ok(m);
  });

  it("write after the child exits reuses the frame in place, no copy", () => {
    const m = machine();
    const hooks = recordingHooks();
    m.setHooks(hooks);
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 4);
    m.write(a, heap, 0, 1);
    const b = m.fork(a, "B");
    const orig = pfn(heap, 0);
    m.exit(b);
    expect(hooks.calls).toContain("exit B users=0");
    const hwm = m.freeLists.hwm[0];
    m.write(a, heap, 0, 5);
    expect(pfn(heap, 0)).toBe(orig);
    expect(m.freeLists.hwm[0]).toBe(hwm);
    expect(m.read(a, heap, 0)).toBe(5);
    expect(() => m.read(b, b.vmas[0]!, 0)).toThrow(MmError);
    ok(m);
  });

  it("fork copies VMAs, counters and MERGE_ANY, then calls ksmFork", () => {
    const m = machine();
    const hooks = recordingHooks();
    m.setHooks(hooks);
    const a = m.spawn("A");
    m.mmap(a, "heap", 4);
    a.flags = 3;
    a.ksmZeroPages = 2;
    const b = m.fork(a, "B");
    expect(b.flags).toBe(2);
    expect(b.ksmZeroPages).toBe(2);
    expect(b.mmapCount).toBe(1);
    expect(b.vmas.map((v) => [v.name, v.start])).toEqual([["heap", a.vmas[0]!.start]]);
    expect(hooks.calls.at(-1)).toBe("fork A B");
    expect(m.mmap(b, "more", 1).address).toBe(2 ** 40 + 2 ** 32);
  });

  it("places mmaps without an address in slots of 2^20 pages from 2^40: ceil(pages / 2^20) each, a child going on", () => {
    const m = machine();
    const a = m.spawn("A");
    expect(m.mmap(a, "one", 2 ** 20).address).toBe(2 ** 40);
    expect(m.mmap(a, "fixed", 1, { address: 2 ** 42 }).address).toBe(2 ** 42); // takes a slot too
    expect(m.mmap(a, "big", 2 ** 21 + 1).address).toBe(2 ** 40 + 2 * 2 ** 32);
    expect(m.mmap(a, "small", 1).address).toBe(2 ** 40 + 5 * 2 ** 32);
    expect(a.mmapSlot).toBe(6);
    const b = m.fork(a, "B");
    expect(b.mmapSlot).toBe(6);
    expect(m.mmap(b, "next", 1).address).toBe(2 ** 40 + 6 * 2 ** 32);
    // a process can map at most 2^47 - 2^40 bytes by the default rule
    const c = m.spawn("C");
    for (let i = 0; i < 126; i++) m.mmap(c, `v${i}`, 2 ** 28);
    expect(() => m.mmap(c, "last", 2 ** 28)).toThrow(
      "reaches past TASK_SIZE (2^47 - 4096) (the default address of slot 32256: by the default rule, mmaps from 2^40 up, a process maps at most 2^47 - 2^40 bytes; give an address)",
    );
    expect(m.mmap(c, "last", 2 ** 28 - 2 ** 20).address).toBe(2 ** 47 - 2 ** 40);
  });
});

describe("swap", () => {
  it("swap-out of a page shared by parent and child, then swap-in by one and the other", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 4);
    m.write(a, heap, 0, 9);
    const b = m.fork(a, "B");
    const bheap = b.vmaNamed("heap")!;
    const frame = pfn(heap, 0);
    const r = m.swapout(a, heap, 0, 1);
    expect(r).toEqual({ frames: 1, ptes: 2, skipped: 0 });
    expect(pteKind(pte(heap, 0))).toBe(PTE_SWAP);
    expect(pte(bheap, 0)).toBe(pte(heap, 0));
    const slot = ptePayload(pte(heap, 0));
    expect(m.swap.count[slot]).toBe(2);
    expect(m.swap.cache[slot]).toBe(frame);
    expect(m.frames.flags[frame]! & PG_SWAPCACHE).toBe(PG_SWAPCACHE);
    expect(m.frames.mapcount[frame]).toBe(0);
    expect(m.frames.refcount[frame]).toBe(1);
    expect(m.read(a, heap, 0)).toBe(9);
    ok(m);

    m.swapin(a, heap, 0, 1);
    expect(pfn(heap, 0)).toBe(frame);
    expect(pte(heap, 0) & PTE_WRITE).toBe(0); // shared: not exclusive
    expect(m.swap.count[slot]).toBe(1);
    ok(m);
    m.swapin(b, bheap, 0, 1);
    expect(pfn(bheap, 0)).toBe(frame);
    expect(m.frames.mapcount[frame]).toBe(2);
    expect(m.swap.count[slot]).toBe(0);
    expect(m.swap.cache[slot]).toBe(frame); // still cached (SWAP_HAS_CACHE)
    ok(m);

    m.write(a, heap, 0, 10); // COW for A
    expect(pfn(heap, 0)).not.toBe(frame);
    m.write(b, bheap, 0, 11); // B reuses: the swap cache is dropped first
    expect(pfn(bheap, 0)).toBe(frame);
    expect(m.frames.flags[frame]! & PG_SWAPCACHE).toBe(0);
    expect(m.swap.inUse).toBe(0);
    expect([m.read(a, heap, 0), m.read(b, bheap, 0)]).toEqual([10, 11]);
    ok(m);
  });

  it("an exclusive page swaps back in writable; a freed swap cache reads back from the slot", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 2);
    m.write(a, heap, 0, 4);
    m.write(a, heap, 1, 5);
    const frame = pfn(heap, 0);
    m.swapout(a, heap);
    expect(m.shrinkSwapCache()).toBe(2);
    expect(isFree(m, frame)).toBe(true);
    expect(m.read(a, heap, 0)).toBe(4);
    ok(m);
    m.swapin(a, heap, 0, 1);
    expect(m.read(a, heap, 0)).toBe(4);
    expect(pte(heap, 0) & PTE_WRITE).toBe(PTE_WRITE);
    expect(m.vmEvents.pswpin).toBe(1);
    ok(m);
    m.write(a, heap, 1, 6); // write fault on a swap entry: swapped in and written
    expect(m.read(a, heap, 1)).toBe(6);
    // Both slots stay with their cached frames: page 0 was a read fault, and page 1's
    // new frame still had the lru_add batch's reference, so should_try_to_free_swap said no.
    expect(m.swap.inUse).toBe(2);
    ok(m);
    m.munmap(a, heap);
    expect(m.swap.inUse).toBe(0);
    m.drainDeferred();
    ok(m);
  });

  it("the last swap entry zapped frees an unmapped cached frame", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 1);
    m.write(a, heap, 0, 4);
    const frame = pfn(heap, 0);
    m.swapout(a, heap);
    m.madviseDontneed(a, heap);
    expect(isFree(m, frame)).toBe(true);
    expect(m.swap.inUse).toBe(0);
    ok(m);
  });

  it("ksmMightNeedToCopy can ask for a copy (ksm_swpin_copy)", () => {
    const m = machine();
    const hooks = recordingHooks(() => true);
    m.setHooks(hooks);
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 1);
    m.write(a, heap, 0, 4);
    const frame = pfn(heap, 0);
    m.swapout(a, heap);
    m.swapin(a, heap);
    expect(hooks.calls).toContain(`might-copy ${frame}`);
    expect(pfn(heap, 0)).not.toBe(frame);
    expect(m.vmEvents.ksmSwpinCopy).toBe(1);
    expect(pte(heap, 0) & PTE_WRITE).toBe(PTE_WRITE);
    expect(m.read(a, heap, 0)).toBe(4);
    ok(m);
  });
});

describe("pins and per-CPU batches", () => {
  it("pin then munmap: the frame lingers on the pin's reference and is freed on unpin", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 2);
    m.write(a, heap, 0, 3);
    const frame = pfn(heap, 0);
    expect(m.pin(a, heap, 0, 2, "gup")).toBe(1); // page 1 was never touched: zero page, nothing to pin
    expect(m.frames.refcount[frame]).toBe(3);
    m.munmap(a, heap);
    expect(isFree(m, frame)).toBe(false);
    expect(m.frames.refcount[frame]).toBe(1);
    expect(m.frames.mapcount[frame]).toBe(0);
    ok(m);
    expect(m.unpin("gup")).toBe(1);
    expect(isFree(m, frame)).toBe(true);
    ok(m);
  });

  it("deferred free: the last unmap parks the frame, intact, until drained", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 1);
    m.write(a, heap, 0, 3);
    const frame = pfn(heap, 0);
    m.drainDeferred();
    getRef(m, frame); // make it a KSM page as KSM does: the keyhole must survive while parked
    expect(writeProtectPage(m, heap, 0, frame)).not.toBe(-1);
    setKsm(m, frame, 42);
    putRef(m, frame);
    m.madviseDontneed(a, heap);
    expect(isFree(m, frame)).toBe(false);
    expect(m.frames.refcount[frame]).toBe(1);
    expect(m.frames.flags[frame]! & PG_KSM).toBe(PG_KSM);
    expect(m.frames.mapping[frame]).toBe(42);
    expect(m.contents.readToken(frame)).toBe(3);
    ok(m);
    m.drainDeferred();
    expect(isFree(m, frame)).toBe(true);
    expect(ksmStableNodeOf(m, frame)).toBe(-1); // no longer KSM; its mapping now links the free list
    expect(m.frames.mapping[frame]).not.toBe(42);
    ok(m);
  });

  it("without deferred freeing the frame goes at once; a full batch drains itself", () => {
    const m = machine({ deferredFree: false });
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 40);
    m.write(a, heap, 0, 3);
    const frame = pfn(heap, 0);
    m.madviseDontneed(a, heap, 0, 1);
    expect(isFree(m, frame)).toBe(true);
    const m2 = machine({ batchSize: 4 });
    const b = m2.spawn("B");
    const bh = m2.mmap(b, "heap", 8);
    m2.writeRange(b, bh, 0, 3, 1);
    expect(m2.lruAddBatch.length).toBe(3);
    m2.write(b, bh, 3, 1);
    expect(m2.lruAddBatch.length).toBe(0);
    expect(m2.frames.refcount[pfn(bh, 0)]).toBe(1);
    ok(m2);
  });

  it("lru_add batch: the extra reference fails write_protect_page until a drain", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 1);
    m.write(a, heap, 0, 3);
    const frame = pfn(heap, 0);
    expect(getRef(m, frame)).toBe(true);
    expect(m.frames.refcount[frame]).toBe(3);
    expect(writeProtectPage(m, heap, 0, frame)).toBe(-1);
    expect(pte(heap, 0) & PTE_WRITE).toBe(PTE_WRITE); // unchanged
    m.drainDeferred();
    expect(m.frames.refcount[frame]).toBe(2);
    const orig = writeProtectPage(m, heap, 0, frame);
    expect(orig).toBeGreaterThan(0);
    expect(orig & PTE_WRITE).toBe(0);
    expect(m.frames.flags[frame]! & PG_ANON_EXCLUSIVE).toBe(0);
    putRef(m, frame);
    ok(m);
  });
});

describe("migration and hot-remove", () => {
  const twoNodes = { topology: { nodes: 2, pagesPerNode: 1024 } };

  it("migrates a page shared after fork once; both map the new frame, contents intact", () => {
    const m = machine(twoNodes);
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 2, { node: 0 });
    m.write(a, heap, 0, 12);
    m.write(a, heap, 1, 13);
    const b = m.fork(a, "B");
    const bheap = b.vmaNamed("heap")!;
    const old = pfn(heap, 0);
    expect(m.migrate(a, heap, 0, 1, 1)).toBe("ok");
    const moved = pfn(heap, 0);
    expect(m.topology.nodeOfPfn(moved)).toBe(1);
    expect(pfn(bheap, 0)).toBe(moved);
    expect(m.frames.mapcount[moved]).toBe(2);
    expect(isFree(m, old)).toBe(true);
    expect([m.read(a, heap, 0), m.read(b, bheap, 0), m.read(a, heap, 1)]).toEqual([12, 12, 13]);
    expect(m.vmEvents.pgmigrateSuccess).toBe(1);
    expect(vmaPlacement(m, bheap)).toEqual({ nodes: [1, 1], other: 0 });
    ok(m);
  });

  it("a pinned page does not migrate: EBUSY", () => {
    const m = machine(twoNodes);
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 1);
    m.write(a, heap, 0, 12);
    const frame = pfn(heap, 0);
    m.pin(a, heap, 0, 1, "p");
    expect(m.migrate(a, heap, 0, 1, 1)).toBe("EBUSY");
    expect(pfn(heap, 0)).toBe(frame);
    m.unpin("p");
    expect(m.migrate(a, heap, 0, 1, 1)).toBe("ok");
    ok(m);
  });

  it("a KSM frame's migration tells KSM", () => {
    const m = machine(twoNodes);
    const hooks = recordingHooks();
    m.setHooks(hooks);
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 1);
    m.write(a, heap, 0, 12);
    m.drainDeferred();
    const frame = pfn(heap, 0);
    getRef(m, frame);
    trylockPage(m, frame);
    expect(writeProtectPage(m, heap, 0, frame)).not.toBe(-1);
    setKsm(m, frame, 5);
    unlockPage(m, frame);
    putRef(m, frame);
    expect(m.migrate(a, heap, 0, 1, 1)).toBe("ok");
    expect(hooks.calls).toContain(`migrate-ksm ${frame}->${pfn(heap, 0)}`);
    expect(m.frames.mapping[pfn(heap, 0)]).toBe(5);
    ok(m);
  });

  it("offlines a node: every frame moves off it, then allocation avoids it", () => {
    const m = machine(twoNodes);
    const hooks = recordingHooks();
    m.setHooks(hooks);
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 4, { policy: "preferred:1" });
    m.writeRange(a, heap, 0, 4, { from: 1 });
    m.swapout(a, heap, 3, 1); // a frame that lives only in the swap cache moves too
    expect(vmaPlacement(m, heap)).toEqual({ nodes: [0, 3], other: 1 });
    expect(vmaPlacement(m, heap, 1, 2)).toEqual({ nodes: [0, 2], other: 0 }); // a range of the VMA
    expect(vmaPlacement(m, heap, 3, 1, vmaPlacement(m, heap, 0, 1))).toEqual({ nodes: [0, 1], other: 1 }); // summed
    m.pin(a, heap, 0, 1, "p");
    expect(m.offlineNode(1)).toBe("EBUSY");
    expect(m.freeLists.offline[1]).toBe(0);
    ok(m);
    m.unpin("p");
    expect(m.offlineNode(1)).toBe("ok");
    expect(hooks.calls).toContain("offline 1024-2048");
    expect(vmaPlacement(m, heap)).toEqual({ nodes: [3, 0], other: 1 });
    m.swapin(a, heap);
    m.write(a, heap, 0, 99);
    expect(vmaPlacement(m, heap).nodes).toEqual([4, 0]);
    expect([0, 1, 2, 3].map((i) => m.read(a, heap, i))).toEqual([99, 2, 3, 4]);
    ok(m);
  });
});

describe("primitives KSM uses", () => {
  /** Two processes with the same page, drained so only mappings hold references. */
  function twins() {
    const m = machine();
    const hooks = recordingHooks();
    m.setHooks(hooks);
    const a = m.spawn("A");
    const b = m.spawn("B");
    const ah = m.mmap(a, "heap", 2);
    const bh = m.mmap(b, "heap", 2);
    m.write(a, ah, 0, 21);
    m.write(b, bh, 0, 21);
    m.write(b, bh, 1, 0);
    m.drainDeferred();
    return { m, hooks, a, b, ah, bh };
  }

  /** try_to_merge_one_page, as KSM does it, for `page` of `vma` onto `kpfn`. */
  function merge(
    m: ReturnType<typeof machine>,
    vma: Parameters<typeof writeProtectPage>[1],
    page: number,
    kpfn: number,
  ) {
    const p = pfn(vma, page);
    getRef(m, p);
    expect(trylockPage(m, p)).toBe(true);
    const orig = writeProtectPage(m, vma, page, p);
    expect(orig).toBeGreaterThanOrEqual(0);
    const done = replacePage(m, vma, page, kpfn, orig);
    unlockPage(m, p);
    putRef(m, p);
    return done;
  }

  it("writeProtectPage fails while a pin holds the page", () => {
    const { m, a, ah } = twins();
    const p = pfn(ah, 0);
    m.pin(a, ah, 0, 1, "dio");
    getRef(m, p);
    expect(writeProtectPage(m, ah, 0, p)).toBe(-1);
    m.unpin("dio");
    expect(writeProtectPage(m, ah, 0, p)).not.toBe(-1);
    expect(writeProtectPage(m, ah, 0, p + 1)).toBe(-1); // the PTE maps another frame
    putRef(m, p);
    ok(m);
  });

  it("replacePage maps a KSM-like frame read-only and frees the old frame", () => {
    const { m, a, b, ah, bh } = twins();
    const k = pfn(ah, 0);
    getRef(m, k);
    trylockPage(m, k);
    expect(writeProtectPage(m, ah, 0, k)).not.toBe(-1);
    setKsm(m, k, 1);
    unlockPage(m, k);
    putRef(m, k);
    const old = pfn(bh, 0);
    expect(merge(m, bh, 0, k)).toBe(true);
    expect(pfn(bh, 0)).toBe(k);
    expect(isFree(m, old)).toBe(true);
    expect(m.frames.mapcount[k]).toBe(2);
    expect(m.frames.refcount[k]).toBe(2);
    expect(pte(bh, 0) & PTE_WRITE).toBe(0);
    expect([m.read(a, ah, 0), m.read(b, bh, 0)]).toEqual([21, 21]);
    ok(m);

    // A write to a KSM page always copies (cow_ksm), even with the same bytes.
    m.write(a, ah, 0, 21);
    expect(pfn(ah, 0)).not.toBe(k);
    expect(m.vmEvents.cowKsm).toBe(1);
    expect(m.frames.mapcount[k]).toBe(1);
    // ... even for its last mapper: KSM folios are never reused.
    m.write(b, bh, 0, 21);
    expect(m.vmEvents.cowKsm).toBe(2);
    m.drainDeferred();
    expect(isFree(m, k)).toBe(true);
    ok(m);
  });

  it("replacePage to the zero page: a KSM zero PTE; writing it tells KSM", () => {
    const { m, hooks, b, bh } = twins();
    const old = pfn(bh, 1);
    expect(merge(m, bh, 1, ZERO_PFN)).toBe(true);
    expect(isKsmZeroPte(pte(bh, 1))).toBe(true);
    expect(isFree(m, old)).toBe(true);
    expect(m.read(b, bh, 1)).toBe(0);
    ok(m);
    m.write(b, bh, 1, 0);
    expect(hooks.calls).toContain("zero-unmapped B");
    expect(pfn(bh, 1)).toBeGreaterThanOrEqual(0);
    ok(m);
  });

  it("replacePage fails when the PTE changed since write protection", () => {
    const { m, ah, bh } = twins();
    const p = pfn(bh, 0);
    getRef(m, p);
    const orig = writeProtectPage(m, bh, 0, p);
    expect(replacePage(m, bh, 0, pfn(ah, 0), orig ^ 8)).toBe(false);
    expect(pfn(bh, 0)).toBe(p);
    putRef(m, p);
    ok(m);
  });

  it("munmap and exit of KSM zero pages call ksmZeroPageUnmapped", () => {
    const { m, hooks, b, bh } = twins();
    merge(m, bh, 1, ZERO_PFN);
    const c = m.fork(b, "C");
    expect(isKsmZeroPte(pte(c.vmaNamed("heap")!, 1))).toBe(true);
    m.exit(c);
    m.munmap(b, bh);
    expect(hooks.calls.filter((s) => s.startsWith("zero-unmapped"))).toEqual(["zero-unmapped C", "zero-unmapped B"]);
    ok(m);
  });
});

describe("madvise and the content shadow", () => {
  it("MERGEABLE and UNMERGEABLE go to KSM's hook; without KSM they fail with EINVAL", () => {
    const m = machine();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 8);
    expect(m.madviseMergeable(a, heap)).toBe("EINVAL");
    const hooks = recordingHooks();
    m.setHooks(hooks);
    expect(m.madviseMergeable(a, heap, 2, 3)).toBe("ok");
    expect(m.madviseUnmergeable(a, heap)).toBe("ok");
    expect(hooks.calls).toEqual(["madvise A heap mergeable 2 3", "madvise A heap unmergeable 0 8"]);
  });

  it("ContentShadow notices a wrong page", () => {
    const m = machine();
    const shadow = new ContentShadow();
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 2);
    m.write(a, heap, 0, 5);
    shadow.write(a, heap, 0, 5);
    ok(m, shadow);
    m.contents.writeToken(pfn(heap, 0), 6); // corrupt behind the process's back
    expect(shadow.verify(m)).toEqual(['vma "heap" of process "A" page 0: reads token 6, expected token 5']);
  });
});
