/** The process side: ksm_madvise, PR_SET_MEMORY_MERGE, and the hooks mm calls. */
import {
  anonSwapCacheMatches,
  type Errno,
  isKsmPage,
  isolateVmaRange,
  type KsmHooks,
  ksmStableNodeOf,
  type MadviseAdvice,
  MMF_VM_MERGE_ANY,
  MMF_VM_MERGEABLE,
  type Mm,
  VM_DROPPABLE,
  VM_HUGETLB,
  VM_MAYSHARE,
  VM_MERGEABLE,
  VM_SHARED,
  VM_SPECIAL,
  type Vma,
} from "@ksm-sim/mm";
import { KSM_RUN_UNMERGE } from "./constants.js";
import type { KsmState } from "./engine.js";
import { unmergeKsmPages } from "./merge.js";
import { folioMigrateKsm, ksmCheckStableTree } from "./migrate.js";
import { ksmEnter, ksmExit, ksmFork } from "./mm-slots.js";
import { ksmOops } from "./oops.js";

/** vma_ksm_compatible */
export function vmaKsmCompatible(vma: Vma): boolean {
  return (vma.flags & (VM_SHARED | VM_MAYSHARE | VM_SPECIAL | VM_HUGETLB | VM_DROPPABLE)) === 0;
}

/**
 * ksm_madvise for pages [start, start+count) of `vma`, then what the madvise
 * core does with the new flags (vma_modify_flags): a change on part of a VMA
 * splits it, so VM_MERGEABLE covers exactly the range.
 */
export function ksmMadvise(
  k: KsmState,
  mm: Mm,
  vma: Vma,
  advice: MadviseAdvice,
  start: number,
  count: number,
): "ok" | Errno {
  if (advice === "mergeable") {
    if ((vma.flags & VM_MERGEABLE) !== 0) return "ok";
    if (!vmaKsmCompatible(vma)) return "ok";
    if ((mm.flags & MMF_VM_MERGEABLE) === 0) ksmEnter(k, mm);
    isolateVmaRange(k.machine, vma, start, count).flags |= VM_MERGEABLE;
    return "ok";
  }
  if ((vma.flags & VM_MERGEABLE) === 0) return "ok";
  if (vma.anonVma !== 0) {
    const err = unmergeKsmPages(k, vma, vma.start + start, vma.start + start + count);
    if (err !== "ok") return err;
  }
  isolateVmaRange(k.machine, vma, start, count).flags &= ~VM_MERGEABLE;
  return "ok";
}

/** ksm_enable_merge_any: PR_SET_MEMORY_MERGE 1. */
export function ksmEnableMergeAny(k: KsmState, mm: Mm): "ok" | Errno {
  if ((mm.flags & MMF_VM_MERGE_ANY) !== 0) return "ok";
  if ((mm.flags & MMF_VM_MERGEABLE) === 0) ksmEnter(k, mm);
  mm.flags |= MMF_VM_MERGE_ANY;
  for (const vma of mm.vmas) if (vmaKsmCompatible(vma)) vma.flags |= VM_MERGEABLE;
  return "ok";
}

/** ksm_disable_merge_any: PR_SET_MEMORY_MERGE 0. */
export function ksmDisableMergeAny(k: KsmState, mm: Mm): "ok" | Errno {
  if ((mm.flags & MMF_VM_MERGE_ANY) === 0) return "ok";
  for (const vma of mm.vmas) {
    if ((vma.flags & VM_MERGEABLE) === 0) continue;
    if (vma.anonVma !== 0) {
      const err = unmergeKsmPages(k, vma, vma.start, vma.end);
      if (err !== "ok") {
        for (const v of mm.vmas) if (vmaKsmCompatible(v)) v.flags |= VM_MERGEABLE;
        return err;
      }
    }
    vma.flags &= ~VM_MERGEABLE;
  }
  mm.flags &= ~MMF_VM_MERGE_ANY;
  return "ok";
}

/** The calls mm makes into KSM. */
export function ksmHooks(k: KsmState): KsmHooks {
  return {
    ksmMadvise: (mm, vma, advice, start, count) => ksmMadvise(k, mm, vma, advice, start, count),
    ksmFork: (child, parent) => ksmFork(k, child, parent),
    ksmExit: (mm) => ksmExit(k, mm),
    vmaCreated: (mm, vma) => {
      // ksm_vma_flags: under MERGE_ANY a new compatible VMA is mergeable (re-registering the mm if ksmd dropped it)
      if ((mm.flags & MMF_VM_MERGE_ANY) !== 0 && vmaKsmCompatible(vma)) {
        if ((mm.flags & MMF_VM_MERGEABLE) === 0) ksmEnter(k, mm);
        vma.flags |= VM_MERGEABLE;
      }
    },
    ksmZeroPageUnmapped: (mm) => {
      k.ksmZeroPages--;
      mm.ksmZeroPages--;
    },
    ksmMightNeedToCopy: (pfn, _mm, vma, page) => {
      // ksm_might_need_to_copy
      const m = k.machine;
      if (isKsmPage(m, pfn)) {
        const unmerging = (k.run & KSM_RUN_UNMERGE) !== 0;
        if (!k.fixes.copyOnSwapinWhileUnmerging) {
          // Linux 3.8: a KSM page has no anon_vma to compare, so it is mapped back as it is
          if (unmerging && k.unmergeDone && k.mms.has(_mm.id) && (vma.flags & VM_MERGEABLE) !== 0) {
            ksmOops(
              k,
              `swap-in maps KSM page pfn ${pfn} at page ${page} of ${vma.describe()} after run=2 completed ` +
                "(ksm_might_need_to_copy did not copy it)",
            );
          }
          return "same";
        }
        return ksmStableNodeOf(m, pfn) > 0 && !unmerging ? "same" : "copy";
      }
      return anonSwapCacheMatches(m, pfn, vma, page) ? "same" : "copy";
    },
    folioMigrateKsm: (newPfn, oldPfn) => folioMigrateKsm(k, newPfn, oldPfn),
    memoryOffline: (startPfn, endPfn) => ksmCheckStableTree(k, startPfn, endPfn),
  };
}
