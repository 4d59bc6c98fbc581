// The machine

export { ContentShadow } from "./check/content-shadow.js";
export { dumpMachine } from "./check/dump.js";
// Checks
export { checkInvariants } from "./check/invariants.js";
export {
  DEFAULT_BATCH_SIZE,
  MAX_VMA_PAGES,
  MMAP_BASE,
  MMAP_STRIDE,
  PAGE_SHIFT,
  PAGE_SIZE,
  PAGE_WORDS,
  TASK_SIZE,
} from "./constants.js";
export { BytesContents } from "./contents/bytes-contents.js";
export { pageChecksum, TokenChecksumMemo, tokenChecksum, zeroChecksum } from "./contents/checksum.js";
export { createContents } from "./contents/create.js";
export {
  bswap32,
  fillTokenWords,
  fmix32,
  fmix32Inverse,
  isToken,
  tokenOfOrderKey,
  tokenOrderKey,
  tokenPage,
  tokenWord,
} from "./contents/fmix.js";
// Page contents
export type { ContentMode, PageContents, PageValue } from "./contents/page-contents.js";
export { describePageValue, samePageValue } from "./contents/page-contents.js";
export { TokenContents } from "./contents/token-contents.js";
export { xxh64Hex, xxh64PageLow32 } from "./contents/xxh64.js";
export { type Errno, MmError } from "./errors.js";
export { FolioBatch } from "./frames/batch.js";
// Frames
export { FrameTable } from "./frames/frame-table.js";
export { FreeLists } from "./frames/free-lists.js";
export {
  describeFlags,
  PG_ANON,
  PG_ANON_EXCLUSIVE,
  PG_DIRTY,
  PG_FREE,
  PG_KSM,
  PG_LOCKED,
  PG_SWAPCACHE,
  PG_UPTODATE,
} from "./frames/page-flags.js";
export { type KsmHooks, type MadviseAdvice, noKsmHooks } from "./hooks.js";
export {
  anonSwapCacheMatches,
  getRef,
  isKsmPage,
  ksmStableNodeOf,
  linearPageIndex,
  markDirty,
  pageNode,
  putRef,
  setKsm,
  trylockPage,
  unlockPage,
} from "./ksm/frame-ops.js";
export { pageAddressInVma } from "./ksm/page-address.js";
export { replacePage, ZERO_PFN } from "./ksm/replace-page.js";
export { unshareFault } from "./ksm/unshare.js";
// Primitives KSM uses
export { writeProtectPage } from "./ksm/write-protect.js";
export { createMachine, Machine, type MachineOptions, type VmEvents } from "./machine.js";
export { anonVmaPrepare, doAnonymousPage } from "./ops/anon-fault.js";
export { exit } from "./ops/exit.js";
export { copyPteRange, fork } from "./ops/fork.js";
export { drainDeferred, lruAdd, lruAddDrain, lruAddDrainAll, putMappingRef } from "./ops/lru.js";
export { madviseDontneed, madviseMergeable, madviseUnmergeable } from "./ops/madvise.js";
export { migrate } from "./ops/migrate.js";
export { migrateFrames } from "./ops/migrate-frames.js";
export { type MmapOptions, mmap } from "./ops/mmap.js";
export { detachVma, munmap } from "./ops/munmap.js";
export { offlineNode } from "./ops/offline.js";
export { pin, unpin } from "./ops/pin.js";
export { type VmaPlacement, vmaPlacement } from "./ops/placement.js";
export { read } from "./ops/read.js";
export { folioPut, freeFrame } from "./ops/release.js";
export { rmapWalk } from "./ops/rmap.js";
// Operations
export { type SpawnOptions, spawn } from "./ops/spawn.js";
export { isolateVmaRange, splitVma } from "./ops/split.js";
export { doSwapPage } from "./ops/swap-fault.js";
export { type SwapinResult, swapin } from "./ops/swapin.js";
export { type SwapoutResult, shrinkSwapCache, swapout } from "./ops/swapout.js";
export { doWpPage, wpCanReuseAnonFolio, wpPageCopy } from "./ops/wp-fault.js";
export {
  handleWriteFault,
  type PageContent,
  type RangeContent,
  write,
  writeFaultFrames,
  writeRange,
} from "./ops/write.js";
export { zapPteRange } from "./ops/zap.js";
export { AnonVmaTable } from "./space/anon-vma.js";
// Address spaces and page tables
export { Mm } from "./space/mm-struct.js";
export { followPage, nextPresentAnon, pteAt } from "./space/page-walk.js";
export {
  isKsmZeroPte,
  mkPagePte,
  mkSwapPte,
  PTE_DIRTY,
  PTE_FLAG_MASK,
  PTE_KIND_MASK,
  PTE_KSM_ZERO,
  PTE_MAX_PAYLOAD,
  PTE_NONE,
  PTE_PAGE,
  PTE_PAYLOAD_SHIFT,
  PTE_SPECIAL,
  PTE_SWAP,
  PTE_SWP_EXCLUSIVE,
  PTE_WRITE,
  PTE_ZERO,
  PTE_ZERO_PAGE,
  type PteKind,
  pteKind,
  pteKindName,
  ptePayload,
  ptePfn,
} from "./space/pte.js";
export { Vma } from "./space/vma.js";
export {
  MMF_VM_MERGE_ANY,
  MMF_VM_MERGEABLE,
  VM_ALL_FLAGS,
  VM_DONTEXPAND,
  VM_DROPPABLE,
  VM_HUGETLB,
  VM_IO,
  VM_MAYSHARE,
  VM_MERGEABLE,
  VM_MIXEDMAP,
  VM_PFNMAP,
  VM_SHARED,
  VM_SPECIAL,
} from "./space/vma-flags.js";
export { SwapSpace } from "./swap/swap-space.js";
