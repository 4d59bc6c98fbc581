/**
 * The public API of @ksm-sim/mm. Every runtime export keeps one rule about
 * `Machine.seq` (test/seq.test.ts enumerates them and holds each to it):
 *
 * - operations (spawn, mmap, write, fork, swapout, migrate, ...) are the
 *   methods of `Machine` (`createMachine`); each moves seq;
 * - the free functions either only read (they leave the machine and seq as
 *   they were) or are the primitives KSM drives (getRef, putRef,
 *   trylockPage, unlockPage, setKsm, markDirty, writeProtectPage,
 *   replacePage, unshareFault, isolateVmaRange, lruAddDrainAll), which
 *   move seq themselves;
 * - the stores behind a machine's fields (FrameTable, FreeLists, SwapSpace,
 *   BytesContents, Mm, Vma, ...) are exported as types: those fields are
 *   for reading, and writing them directly is no supported path (TokenContents
 *   stays a value for @ksm-sim/ksm's floor bench, which builds a bare store).
 */
export { ContentShadow } from "./check/content-shadow.js";
export { dumpMachine } from "./check/dump.js";
export { checkInvariants } from "./check/invariants.js";
export {
  DEFAULT_BATCH_SIZE,
  MAX_VMA_PAGES,
  MMAP_BASE,
  MMAP_SLOT_PAGES,
  MMAP_STRIDE,
  PAGE_SHIFT,
  PAGE_SIZE,
  PAGE_WORDS,
  TASK_SIZE,
} from "./constants.js";
export type { BytesContents } from "./contents/bytes-contents.js";
export { pageChecksum, type TokenChecksumMemo, tokenChecksum, zeroChecksum } from "./contents/checksum.js";
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
export type { ContentMode, PageContents, PageValue } from "./contents/page-contents.js";
export { describePageValue, samePageValue } from "./contents/page-contents.js";
export {
  SPECIAL_TOKENS_COMPLETE,
  ZERO_CHECKSUM_TOKENS,
  ZERO_PAGE_CHECKSUM_TOKENS,
} from "./contents/special-tokens.js";
export { TokenContents } from "./contents/token-contents.js";
export { xxh64Hex, xxh64PageLow32 } from "./contents/xxh64.js";
export { type Errno, MmError } from "./errors.js";
export type { FolioBatch } from "./frames/batch.js";
export type { FrameTable } from "./frames/frame-table.js";
export type { FreeLists } from "./frames/free-lists.js";
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
export { writeProtectPage } from "./ksm/write-protect.js";
export { createMachine, Machine, type MachineOptions, type VmEvents } from "./machine.js";
export { lruAddDrainAll } from "./ops/lru.js";
export type { MmapOptions } from "./ops/mmap.js";
export { type VmaPlacement, vmaPlacement } from "./ops/placement.js";
export type { SpawnOptions } from "./ops/spawn.js";
export { isolateVmaRange } from "./ops/split.js";
export type { SwapinResult } from "./ops/swapin.js";
export type { SwapoutResult } from "./ops/swapout.js";
export type { PageContent, RangeContent } from "./ops/write.js";
export type { AnonVmaTable } from "./space/anon-vma.js";
export type { Mm } from "./space/mm-struct.js";
export type { PageTable } from "./space/page-table.js";
export { followPage, nextMappedPte, nextPresentAnon, pteAt } from "./space/page-walk.js";
export {
  isKsmZeroPte,
  mkPagePte,
  mkSwapPte,
  PTE_DIRTY,
  PTE_FLAG_MASK,
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
export type { Vma } from "./space/vma.js";
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
export type { SwapSpace } from "./swap/swap-space.js";
