/** Sizes and address-space limits of x86-64 Linux with 4 KiB pages. */

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 4096;
/** 32-bit words in a page. */
export const PAGE_WORDS = 1024;

/** A VMA has at most 2^20 pages (scenario format). */
export const MAX_VMA_PAGES = 1 << 20;

/** The k-th mmap of a process lands at 2^40 + k * 2^32 bytes (scenario format's address rule). */
export const MMAP_BASE = 2 ** 40;
export const MMAP_STRIDE = 2 ** 32;

/** TASK_SIZE of x86-64 with 4-level paging: user addresses lie below 2^47 - 4096. */
export const TASK_SIZE = 2 ** 47 - PAGE_SIZE;

/** FOLIO_BATCH_SIZE of include/linux/pagevec.h (PAGEVEC_SIZE was 14 in 2013). */
export const DEFAULT_BATCH_SIZE = 31;
