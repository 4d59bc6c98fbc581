/** Sizes and address-space limits of x86-64 Linux with 4 KiB pages. */

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 4096;
/** 32-bit words in a page. */
export const PAGE_WORDS = 1024;

/** A VMA has at most 2^28 pages (1 TiB); its page table costs memory only where it is touched. */
export const MAX_VMA_PAGES = 2 ** 28;

/**
 * The scenario format's default address rule: mmaps take slots of
 * MMAP_STRIDE bytes (2^20 pages) from MMAP_BASE up, in mmap order, a VMA of
 * p pages ceil(p / 2^20) of them (see {@link mmapSlots}); with VMAs of at
 * most 2^20 pages the k-th mmap of a process lands at 2^40 + k * 2^32 bytes.
 */
export const MMAP_BASE = 2 ** 40;
export const MMAP_STRIDE = 2 ** 32;
/** Pages of one default-address slot: 2^20. */
export const MMAP_SLOT_PAGES = 2 ** 20;

/** TASK_SIZE of x86-64 with 4-level paging: user addresses lie below 2^47 - 4096. */
export const TASK_SIZE = 2 ** 47 - PAGE_SIZE;

/** FOLIO_BATCH_SIZE of include/linux/pagevec.h (PAGEVEC_SIZE was 14 in 2013). */
export const DEFAULT_BATCH_SIZE = 31;
