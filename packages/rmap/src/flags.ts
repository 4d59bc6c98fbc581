/** mm/ksm.c `SEQNR_MASK`: low 8 bits of `ksm_scan.seqnr` when the item entered the unstable tree. */
export const SEQNR_MASK = 0x0ff;
/** mm/ksm.c `UNSTABLE_FLAG`: the item is a node of an unstable tree. */
export const UNSTABLE_FLAG = 0x100;
/** mm/ksm.c `STABLE_FLAG`: the item is listed from a stable node. */
export const STABLE_FLAG = 0x200;
/** mm/ksm.c `KSM_FLAG_MASK`: every flag bit kept in the low bits of `rmap_item->address`. */
export const KSM_FLAG_MASK = SEQNR_MASK | UNSTABLE_FLAG | STABLE_FLAG;
