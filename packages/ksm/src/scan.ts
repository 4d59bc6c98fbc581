/** ksmd's walk: scan_get_next_rmap_item and ksm_do_scan. */
import {
  followPage,
  getRef,
  isKsmPage,
  lruAddDrainAll,
  type Mm,
  nextPresentAnon,
  putRef,
  VM_MERGEABLE,
} from "@ksm-sim/mm";
import {
  advanceLinkTo,
  getNextRmapItem,
  type MmSlot,
  removeTrailingRmapItems,
  rewindCursor,
  shouldSkipRmapItem,
} from "@ksm-sim/rmap";
import { advisorStartScan, advisorStopScan } from "./advisor.js";
import { cmpAndMergePage } from "./cmp-and-merge.js";
import type { KsmState } from "./engine.js";
import { folioPutUnlock, GetFolio, ksmGetFolio } from "./get-folio.js";
import { ksmTestExit } from "./merge.js";
import { unregisterSlot } from "./mm-slots.js";
import { removeRmapItemFromTree } from "./remove.js";

/** getNextRmapItem's `onStale` callback for this engine, made once instead of one closure per scanned page (a hot-path allocation). */
function onStale(k: KsmState): (id: number) => void {
  return k.onStale ?? makeOnStale(k); // the closure over k lives in its own function: V8 would make its context on every call of this one
}

function makeOnStale(k: KsmState): (id: number) => void {
  const fn = (id: number) => removeRmapItemFromTree(k, id);
  k.onStale = fn;
  return fn;
}

/**
 * scan_get_next_rmap_item: the next page to look at and its rmap_item (0
 * when a full scan ends or there is nothing to scan). At the start of a full
 * scan: drain per-CPU batches, prune migrate_nodes (per-node trees), reset
 * the unstable trees. At the end of each mm: drop items past the last page
 * found, and unregister an exiting mm or one with no mergeable VMA left.
 */
export function scanGetNextRmapItem(k: KsmState): number {
  const list = k.list;
  const scan = list.scan;
  if (list.isEmpty()) return 0;
  let slot: MmSlot = scan.mmSlot;
  if (slot === list.head) {
    slot = startFullScan(k);
    if (slot === list.head) return 0;
  }
  for (;;) {
    const mm = slotMm(k, slot);
    if (!ksmTestExit(mm)) {
      const id = scanMmVmas(k, slot, mm);
      if (id !== 0) return id;
    } else {
      rewindCursor(list);
    }
    removeTrailingRmapItems(list, onStale(k));
    const next = slot.next;
    scan.mmSlot = next;
    if (scan.address === 0) unregisterSlot(k, slot, mm);
    slot = next;
    if (slot === list.head) break;
    rewindCursor(list);
  }
  advisorStopScan(k);
  k.tracer.stopScan(scan.seqnr, k.items.ksmRmapItems);
  scan.seqnr++;
  return 0;
}

/** `slot->mm`: looked up once per slot (a registered slot's mm never changes). */
function slotMm(k: KsmState, slot: MmSlot): Mm {
  if (k.scanSlot !== slot) {
    k.scanSlotMm = k.mmOf(slot.mm);
    k.scanSlot = slot;
  }
  return k.scanSlotMm!;
}

/**
 * The start of a full scan in scan_get_next_rmap_item: drain per-CPU
 * batches, prune migrate_nodes (per-node trees), reset the unstable trees,
 * then move the cursor to the first mm. Returns that slot (the list head if
 * there is none).
 */
function startFullScan(k: KsmState): MmSlot {
  const list = k.list;
  const scan = list.scan;
  advisorStartScan(k);
  k.tracer.startScan(scan.seqnr, k.items.ksmRmapItems);
  lruAddDrainAll(k.machine);
  if (!k.knobs.mergeAcrossNodes) {
    for (const node of [...k.migrateNodes]) {
      const pfn = ksmGetFolio(k, node, GetFolio.NOLOCK);
      if (pfn >= 0) folioPutUnlock(k, pfn, false);
    }
  }
  // root_unstable_tree[nid] = RB_ROOT for nid < ksm_nr_node_ids; roots past that are unused until reset, so reset them all
  for (const root of k.unstableRoots) root.clear();
  k.trust.treesReset();
  const slot = list.head.next;
  scan.mmSlot = slot;
  if (slot !== list.head) rewindCursor(list);
  return slot;
}

/**
 * The VMA walk of scan_get_next_rmap_item over the cursor's mm, from
 * `ksm_scan.address`: the next present anon page not skipped, with its
 * rmap_item (0 at the end of the mm). ksmd keeps a reference on the page,
 * left in `k.scannedPfn`.
 */
function scanMmVmas(k: KsmState, slot: MmSlot, mm: Mm): number {
  const list = k.list;
  const scan = list.scan;
  const items = k.items;
  const m = k.machine;
  const smartScan = k.knobs.smartScan;
  const vmas = mm.vmas;
  if (scan.address === 0) reserveItems(k, slot, mm);
  for (let v = 0; v < vmas.length; v++) {
    const vma = vmas[v]!;
    const end = vma.end;
    if (end <= scan.address) continue;
    if ((vma.flags & VM_MERGEABLE) === 0) continue;
    const start = vma.start;
    if (scan.address < start) scan.address = start;
    if (vma.anonVma === 0) scan.address = end;
    while (scan.address < end) {
      const page = nextPresentAnon(vma, scan.address - start);
      if (page < 0) {
        scan.address = end;
        break;
      }
      const addr = start + page;
      scan.address = addr;
      const pfn = followPage(vma, page);
      getRef(m, pfn);
      const id = getNextRmapItem(list, slot, addr, onStale(k));
      advanceLinkTo(list, id);
      if (shouldSkipRmapItem(items, id, isKsmPage(m, pfn), smartScan)) {
        k.pagesSkipped++;
        removeRmapItemFromTree(k, id);
        putRef(m, pfn);
        scan.address = addr + 1;
        continue;
      }
      scan.address = addr + 1;
      k.scannedPfn = pfn;
      return id;
    }
  }
  return 0;
}

/**
 * As ksmd comes to an mm: room for an rmap_item per mapped entry of its
 * mergeable VMAs beyond the items it has, made at once (the kernel allocates
 * them one by one from a slab; here one growth of the item arrays replaces
 * the many a scan of a large mm would make).
 */
function reserveItems(k: KsmState, slot: MmSlot, mm: Mm): void {
  let mapped = 0;
  for (const vma of mm.vmas) if ((vma.flags & VM_MERGEABLE) !== 0 && vma.table !== null) mapped += vma.table.mapped;
  k.items.reserve(mapped - k.items.rmapItemsOf(slot.mm));
}

/** ksm_do_scan: up to `n` pages; stops at the end of a full scan. Returns the pages scanned. */
export function ksmDoScan(k: KsmState, n: number): number {
  const m = k.machine;
  k.trust.batchStart(m);
  let done = 0;
  while (done < n) {
    const id = scanGetNextRmapItem(k);
    if (id === 0) break;
    const pfn = k.scannedPfn;
    cmpAndMergePage(k, pfn, id);
    putRef(m, pfn);
    k.pagesScanned++;
    done++;
  }
  k.trust.batchEnd(m);
  return done;
}
