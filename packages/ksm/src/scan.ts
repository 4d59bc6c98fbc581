/** ksmd's walk: scan_get_next_rmap_item and ksm_do_scan. */
import { followPage, getRef, isKsmPage, lruAddDrainAll, nextPresentAnon, putRef, VM_MERGEABLE } from "@ksm-sim/mm";
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

/** Where scanGetNextRmapItem leaves the page it found (ksmd holds a reference). */
export const scanned = { pfn: -1 };

/**
 * getNextRmapItem's `onStale` callback, made once instead of one closure per
 * scanned page (a hot-path allocation): it removes from the trees of
 * `staleOwner`, which scanGetNextRmapItem sets just for each call.
 */
let staleOwner: KsmState | null = null;
function removeStale(id: number): void {
  removeRmapItemFromTree(staleOwner!, id);
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
  const items = k.items;
  const m = k.machine;
  if (list.isEmpty()) return 0;
  let slot: MmSlot = scan.mmSlot;
  if (slot === list.head) {
    advisorStartScan(k);
    k.tracer.startScan(scan.seqnr, items.ksmRmapItems);
    lruAddDrainAll(m);
    if (!k.knobs.mergeAcrossNodes) {
      for (const node of [...k.migrateNodes]) {
        const pfn = ksmGetFolio(k, node, GetFolio.NOLOCK);
        if (pfn >= 0) folioPutUnlock(k, pfn, false);
      }
    }
    // root_unstable_tree[nid] = RB_ROOT for nid < ksm_nr_node_ids; roots past that are unused until reset, so reset them all
    for (const root of k.unstableRoots) root.clear();
    k.treeTrusted = true; // empty trees; each node is checked as it is linked
    slot = slot.next;
    scan.mmSlot = slot;
    if (slot === list.head) return 0;
    rewindCursor(list);
  }
  for (;;) {
    const mm = k.mmOf(slot.mm);
    const exiting = ksmTestExit(mm);
    if (!exiting) {
      const vmas = mm.vmas;
      for (let v = 0; v < vmas.length; v++) {
        const vma = vmas[v]!;
        if (vma.end <= scan.address) continue;
        if ((vma.flags & VM_MERGEABLE) === 0) continue;
        if (scan.address < vma.start) scan.address = vma.start;
        if (vma.anonVma === 0) scan.address = vma.end;
        while (scan.address < vma.end) {
          const page = nextPresentAnon(vma, scan.address - vma.start);
          if (page < 0) {
            scan.address = vma.end;
            break;
          }
          scan.address = vma.start + page;
          const pfn = followPage(vma, page);
          getRef(m, pfn);
          staleOwner = k;
          const id = getNextRmapItem(list, slot, scan.address, removeStale);
          staleOwner = null; // keep no engine alive from this module
          advanceLinkTo(list, id);
          if (shouldSkipRmapItem(items, id, isKsmPage(m, pfn), k.knobs.smartScan)) {
            k.pagesSkipped++;
            removeRmapItemFromTree(k, id);
            putRef(m, pfn);
            scan.address++;
            continue;
          }
          scan.address++;
          scanned.pfn = pfn;
          return id;
        }
      }
    } else {
      rewindCursor(list);
    }
    staleOwner = k; // no closure over k here: V8 would allocate its context on every call of this function
    removeTrailingRmapItems(list, removeStale);
    staleOwner = null;
    const next = slot.next;
    scan.mmSlot = next;
    if (scan.address === 0) unregisterSlot(k, slot, mm);
    slot = next;
    if (slot === list.head) break;
    rewindCursor(list);
  }
  advisorStopScan(k);
  k.tracer.stopScan(scan.seqnr, items.ksmRmapItems);
  scan.seqnr++;
  return 0;
}

/** ksm_do_scan: up to `n` pages; stops at the end of a full scan. Returns the pages scanned. */
export function ksmDoScan(k: KsmState, n: number): number {
  const m = k.machine;
  if (m.seq !== k.trustedSeq) k.treeTrusted = false; // something else ran since the last batch
  let done = 0;
  while (done < n) {
    const id = scanGetNextRmapItem(k);
    if (id === 0) break;
    const pfn = scanned.pfn;
    cmpAndMergePage(k, pfn, id);
    putRef(m, pfn);
    k.pagesScanned++;
    done++;
  }
  k.trustedSeq = m.seq;
  return done;
}
