/** Merging and unmerging primitives of mm/ksm.c. */
import {
  isKsmPage,
  isKsmZeroPte,
  type Mm,
  markDirty,
  PG_ANON,
  pteAt,
  ptePfn,
  replacePage,
  setKsm,
  trylockPage,
  unlockPage,
  unshareFault,
  VM_MERGEABLE,
  type Vma,
  writeProtectPage,
  ZERO_PFN,
  zeroChecksum,
} from "@ksm-sim/mm";
import { ERRNO_VALUE } from "./constants.js";
import type { KsmState } from "./engine.js";
import { removeRmapItemFromTree } from "./remove.js";

const EFAULT: number = ERRNO_VALUE.EFAULT;

/** ksm_test_exit: the mm is exiting (mm_users == 0). */
export function ksmTestExit(mm: Mm): boolean {
  return mm.users === 0;
}

/** find_mergeable_vma: the VMA at page `addr`, if still mergeable and faulted in. */
export function findMergeableVma(mm: Mm, addr: number): Vma | null {
  if (ksmTestExit(mm)) return null;
  const vma = mm.vmaAt(addr);
  if (vma === null || (vma.flags & VM_MERGEABLE) === 0 || vma.anonVma === 0) return null;
  return vma;
}

/**
 * try_to_merge_one_page: write-protect `pfn` where `vma` maps it at page
 * `addr`, then make it a KSM page (`kpfn` -1: it becomes the KSM page
 * itself) or replace it by `kpfn` / the zero page. 0 or -EFAULT.
 */
export function tryToMergeOnePage(k: KsmState, vma: Vma, addr: number, pfn: number, kpfn: number): number {
  const m = k.machine;
  if (pfn === kpfn) return 0; // ksm page forked
  if ((m.frames.flags[pfn]! & PG_ANON) === 0) return EFAULT;
  if (!trylockPage(m, pfn)) return EFAULT;
  let err = EFAULT;
  const page = addr - vma.start;
  const origPte = writeProtectPage(m, vma, page, pfn);
  if (origPte >= 0) {
    if (kpfn === -1) {
      setKsm(m, pfn, 0); // set_page_stable_node(page, NULL)
      markDirty(m, pfn);
      err = 0;
    } else if (kpfn === ZERO_PFN_MERGE ? m.contents.isZero(pfn) : m.contents.compare(pfn, kpfn) === 0) {
      k.nrCompares++; // ksmd's cost model (pages_identical)
      k.nrIdenticalCompares++;
      const target = kpfn === ZERO_PFN_MERGE ? ZERO_PFN : kpfn;
      if (replacePage(m, vma, page, target, origPte)) {
        err = 0;
        if (kpfn === ZERO_PFN_MERGE) {
          k.ksmZeroPages++; // ksm_map_zero_page
          vma.mm.ksmZeroPages++;
        }
      }
    }
  }
  unlockPage(m, pfn);
  if (err === 0) k.nrMerges++; // ksmd's cost model
  return err;
}

/** The zero page as a merge target (kernel ZERO_PAGE(addr)); distinct from "no kpage" (-1). */
export const ZERO_PFN_MERGE = -2;

/** The pfn trace events print for the shared zero page: one past the last frame. */
export function zeroPagePfn(k: KsmState): number {
  return k.machine.topology.totalPages;
}

/**
 * try_to_merge_with_ksm_page: merge rmap_item `id`'s page `pfn` with
 * `kpfn` (-1: make `pfn` the KSM page); on success the item leaves its tree
 * and records the VMA's anon_vma. Traces ksm_merge_with_ksm_page.
 */
export function tryToMergeWithKsmPage(k: KsmState, id: number, pfn: number, kpfn: number): number {
  const items = k.items;
  const mmId = items.mmOf(id);
  const mm = k.mmOf(mmId);
  let err = EFAULT;
  const vma = findMergeableVma(mm, items.addressOf(id));
  if (vma !== null) {
    err = tryToMergeOnePage(k, vma, items.addressOf(id), pfn, kpfn);
    if (err === 0) {
      removeRmapItemFromTree(k, id);
      items.setAnonVma(id, vma.anonVma);
    }
  }
  k.tracer.mergeWithKsmPage(kpfn !== -1, kpfn !== -1 ? kpfn : pfn, id, mmId, err);
  return err;
}

/**
 * try_to_merge_two_pages: the scanned page becomes the KSM page, then the
 * tree twin is replaced by it; if the second step fails the first is undone.
 * Returns the KSM page's pfn or -1.
 */
export function tryToMergeTwoPages(k: KsmState, id: number, pfn: number, treeId: number, treePfn: number): number {
  let err = tryToMergeWithKsmPage(k, id, pfn, -1);
  if (err === 0) {
    err = tryToMergeWithKsmPage(k, treeId, treePfn, pfn);
    if (err !== 0) breakCow(k, id);
  }
  return err === 0 ? pfn : -1;
}

/**
 * try_to_merge_with_zero_page: with use_zero_pages, a page whose checksum is
 * the zero page's is mapped to the shared zero page. 0 when done (merged, or
 * its VMA is gone); non-zero to go on with the trees.
 */
export function tryToMergeWithZeroPage(k: KsmState, id: number, pfn: number): number {
  const items = k.items;
  let err = EFAULT;
  // rmap_item->oldchecksum == zero_checksum (an item never visited has oldchecksum 0, never the zero page's)
  if (
    k.knobs.useZeroPages &&
    items.hasOldChecksum(id) &&
    k.machine.contents.keyChecksumIs(items.oldchecksum[id]!, zeroChecksum)
  ) {
    const mmId = items.mmOf(id);
    const vma = findMergeableVma(k.mmOf(mmId), items.addressOf(id));
    if (vma !== null) {
      err = tryToMergeOnePage(k, vma, items.addressOf(id), pfn, ZERO_PFN_MERGE);
      k.tracer.mergeOnePage(zeroPagePfn(k), id, mmId, err);
    } else {
      err = 0;
    }
  }
  return err;
}

/**
 * break_ksm: while page `addr` of `vma` maps a KSM page or a KSM zero page,
 * take an unsharing fault. "ENOMEM" when memory runs out.
 */
export function breakKsm(k: KsmState, vma: Vma, addr: number): "ok" | "ENOMEM" {
  k.trust.stableChanged(); // a KSM page may lose its last mapping
  const m = k.machine;
  const page = addr - vma.start;
  for (;;) {
    const pte = pteAt(vma, page);
    const pfn = ptePfn(pte);
    const isKsm = (pfn >= 0 && isKsmPage(m, pfn)) || isKsmZeroPte(pte);
    if (!isKsm) return "ok";
    if (unshareFault(m, vma, page) === "ENOMEM") return "ENOMEM";
  }
}

/** unmerge_ksm_pages: break_ksm over pages [start, end) of the VMA (absolute page numbers). */
export function unmergeKsmPages(k: KsmState, vma: Vma, start: number, end: number): "ok" | "ENOMEM" {
  for (let addr = start; addr < end; addr++) {
    if (ksmTestExit(vma.mm)) break;
    const err = breakKsm(k, vma, addr);
    if (err !== "ok") return err;
  }
  return "ok";
}

/** break_cow: undo a merge at rmap_item `id`'s address, if its VMA is still mergeable. */
export function breakCow(k: KsmState, id: number): void {
  const items = k.items;
  const vma = findMergeableVma(k.mmOf(items.mmOf(id)), items.addressOf(id));
  if (vma !== null) breakKsm(k, vma, items.addressOf(id));
}
