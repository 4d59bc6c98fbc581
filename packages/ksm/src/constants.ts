/** Constants of mm/ksm.c (Linux 6.18, x86-64). */

/** ksm_run bits. */
export const KSM_RUN_STOP = 0;
export const KSM_RUN_MERGE = 1;
export const KSM_RUN_UNMERGE = 2;
export const KSM_RUN_OFFLINE = 4;

/** `rmap_hlist_len` of a chain head (kernel STABLE_NODE_CHAIN). */
export const STABLE_NODE_CHAIN = -1024;

/** Sizes that enter the profit figures. */
export const PAGE_SIZE = 4096;
export const RMAP_ITEM_SIZE = 64;

/** Kernel errno values, as trace events print them. */
export const ERRNO_VALUE = { EFAULT: -14, EBUSY: -16, ENOMEM: -12, EINVAL: -22 } as const;
