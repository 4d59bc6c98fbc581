/**
 * The only way mm tells KSM about events: the calls that mm/*.c makes into
 * mm/ksm.c. The KSM engine installs its implementation with
 * `machine.setHooks(...)`; without it mm behaves as a kernel built without
 * CONFIG_KSM. mm never imports a KSM package.
 */
import type { Errno } from "./errors.js";
import type { Mm } from "./space/mm-struct.js";
import type { Vma } from "./space/vma.js";

export type MadviseAdvice = "mergeable" | "unmergeable";

export interface KsmHooks {
  /** ksm_madvise: MADV_MERGEABLE / MADV_UNMERGEABLE on pages [start, start+count) of `vma`; mm applies nothing itself. */
  ksmMadvise(mm: Mm, vma: Vma, advice: MadviseAdvice, start: number, count: number): "ok" | Errno;
  /** ksm_fork, at the end of a successful dup_mmap. */
  ksmFork(child: Mm, parent: Mm): void;
  /** ksm_exit, from mmput before exit_mmap (mm.users is already 0). */
  ksmExit(mm: Mm): void;
  /** ksm_vma_flags at mmap: MERGE_ANY makes the new VMA mergeable (the hook may set VM_MERGEABLE). */
  vmaCreated(mm: Mm, vma: Vma): void;
  /** ksm_might_unmap_zero_page: a KSM zero-page PTE of `mm` was zapped or written (ksm_zero_pages--). */
  ksmZeroPageUnmapped(mm: Mm): void;
  /**
   * ksm_might_need_to_copy, from do_swap_page for every frame found in the
   * swap cache: "same" maps that frame, "copy" makes mm map a private copy
   * (counted in `ksm_swpin_copy`). For non-KSM frames the kernel answers
   * "same" unless the frame's index or anon_vma root differ from the
   * faulting VMA's (see `anonSwapCacheMatches`).
   */
  ksmMightNeedToCopy(pfn: number, mm: Mm, vma: Vma, page: number): "same" | "copy";
  /** folio_migrate_ksm: a KSM frame moved from `oldPfn` to `newPfn` (both locked). */
  folioMigrateKsm(newPfn: number, oldPfn: number): void;
  /** The MEM_OFFLINE notifier: frames [startPfn, endPfn) are gone. */
  memoryOffline(startPfn: number, endPfn: number): void;
}

/** mm without KSM (CONFIG_KSM=n): madvise(MERGEABLE) fails with EINVAL; everything else is a no-op. */
export const noKsmHooks: KsmHooks = Object.freeze({
  ksmMadvise: () => "EINVAL" as const,
  ksmFork: () => {},
  ksmExit: () => {},
  vmaCreated: () => {},
  ksmZeroPageUnmapped: () => {},
  ksmMightNeedToCopy: () => "same" as const,
  folioMigrateKsm: () => {},
  memoryOffline: () => {},
});
