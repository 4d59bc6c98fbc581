/**
 * dumpMachine: the whole machine state as plain data, for tests that prove
 * a failed operation changed nothing (compare a dump before and after).
 */
import { pageChecksum } from "../contents/checksum.js";
import { PG_FREE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import type { PageTable } from "../space/page-table.js";

const scratch = new Uint8Array(4096);

/** The checksum of a page, computed afresh (the dump changes no cache). */
function sumOf(m: Machine, pfn: number): number {
  m.contents.readInto(pfn, scratch);
  return pageChecksum(scratch);
}

/** A page table as [page, pte] pairs of its entries that are not none. */
function mappedPtes(t: PageTable): [number, number][] {
  const out: [number, number][] = [];
  for (let i = t.nextMapped(0); i >= 0; i = t.nextMapped(i + 1)) out.push([i, t.get(i)]);
  return out;
}

export function dumpMachine(m: Machine): unknown {
  const f = m.frames;
  const fl = m.freeLists;
  const hwm = Math.max(0, ...Array.from(fl.hwm));
  const frames: unknown[] = [];
  for (let pfn = 0; pfn < Math.min(hwm, f.capacity); pfn++) {
    frames.push([
      f.ref(pfn),
      f.mapCount(pfn),
      f.flags[pfn],
      f.mapping[pfn],
      f.index(pfn),
      f.flags[pfn] === PG_FREE ? null : sumOf(m, pfn),
    ]);
  }
  return {
    frames,
    free: Array.from({ length: m.topology.nodes }, (_, n) => ({
      stack: fl.stack(n),
      hwm: fl.hwm[n],
      offline: fl.offline[n],
    })),
    lruAdd: Array.from(m.lruAddBatch.pfns.subarray(0, m.lruAddBatch.length)),
    deferred: Array.from(m.deferredBatch.pfns.subarray(0, m.deferredBatch.length)),
    swap: {
      hwm: m.swap.hwm,
      count: Array.from(m.swap.count.subarray(0, m.swap.hwm)),
      cache: Array.from(m.swap.cache.subarray(0, m.swap.hwm)),
      used: Array.from(m.swap.used.subarray(0, m.swap.hwm)),
      free: [...m.swap.freeSlots()],
      slotOf: [...m.swap.slotOf].sort((a, b) => a[0] - b[0]),
    },
    mms: [...m.mms.values()].map((mm) => ({
      id: mm.id,
      name: mm.name,
      users: mm.users,
      flags: mm.flags,
      counters: [mm.ksmMergingPages, mm.ksmRmapItems, mm.ksmZeroPages, mm.mmapCount],
      vmas: mm.vmas.map((v) => ({
        id: v.id,
        name: v.name,
        start: v.start,
        pages: v.pages,
        flags: v.flags,
        anonVma: v.anonVma,
        ptes: v.table === null ? null : mappedPtes(v.table),
      })),
    })),
    pins: [...m.pins].map(([id, pfns]) => [id, Array.from(pfns)]),
    anonVmas: m.anonVmas.last,
    vmEvents: { ...m.vmEvents },
    externalRefs: m.externalRefs,
    ids: [m.nextMmId, m.nextVmaId],
  };
}
