export { checkRmap } from "./check.js";
export { type ExitPlacement, type KsmEnterOptions, ksmEnter, ksmExitPlacement } from "./enter-exit.js";
export { RmapError, type RmapErrorCode } from "./errors.js";
export { KSM_FLAG_MASK, SEQNR_MASK, STABLE_FLAG, UNSTABLE_FLAG } from "./flags.js";
export { type KsmScan, MmList, MmSlot } from "./mm-list.js";
export { RmapItems } from "./rmap-items.js";
export {
  advanceLinkTo,
  getNextRmapItem,
  type RemoveItemFn,
  removeAllRmapItemsOf,
  removeTrailingRmapItems,
  rewindCursor,
  rmapItemsOfSlot,
} from "./rmap-list.js";
export { clearTreeFlags, isStable, isUnstable, setStable, setUnstable, unstableAge } from "./seqnr.js";
export { shouldSkipRmapItem, skipAge } from "./smart-scan.js";
