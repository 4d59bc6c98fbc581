/**
 * A page-table entry in one uint32, told apart by a tag of variable width in
 * its low bits (as the kernel's swap entries reuse the bits of a pte), so
 * that the pfn of a PAGE PTE and the slot of a SWAP PTE get 29 bits each:
 *
 * | kind | bit 0 | bit 1 | bit 2 | bit 3 | bit 4 | bits 3..31 |
 * | --- | --- | --- | --- | --- | --- | --- |
 * | PAGE | 1 | WRITE | DIRTY | | | pfn |
 * | SWAP | 0 | 1 | SWP_EXCLUSIVE | | | slot |
 * | ZERO | 0 | 0 | DIRTY | 1 | SPECIAL | (no payload) |
 * | NONE | 0 (the whole entry) | | | | | |
 *
 * So a machine has at most 2^29 frames (2 TiB) and 2^29 swap slots;
 * `createMachine` checks the topology against {@link PTE_MAX_PAYLOAD}. The
 * flag constants are bits of the kinds that have them (PTE_DIRTY and
 * PTE_SWP_EXCLUSIVE are the same bit, of different kinds): test a flag only
 * after the kind, and decode only through the functions below.
 *
 * A zero-page PTE is ZERO + SPECIAL, as `do_anonymous_page` maps it for a
 * read fault; KSM's zero page (`replace_page` with use_zero_pages) is
 * ZERO + SPECIAL + DIRTY, which is how `is_ksm_zero_pte` tells them apart.
 */

/** The kinds, as {@link pteKind} gives them (codes, not bits of the entry). */
export const PTE_NONE = 0;
export const PTE_PAGE = 1;
export const PTE_ZERO = 2;
export const PTE_SWAP = 3;

/** PAGE: writable. (In a SWAP PTE this bit is part of the tag.) */
export const PTE_WRITE = 1 << 1;
/** PAGE and ZERO: dirty. */
export const PTE_DIRTY = 1 << 2;
/** SWAP: pte_swp_exclusive, the swapped-out page was PageAnonExclusive (the bit DIRTY has in the other kinds). */
export const PTE_SWP_EXCLUSIVE = 1 << 2;
/** ZERO: pte_special (a zero-page PTE always has it). */
export const PTE_SPECIAL = 1 << 4;
/** The tag bit of a ZERO PTE. */
const ZERO_TAG = 1 << 3;

/** Where the pfn of a PAGE PTE and the slot of a SWAP PTE start. */
export const PTE_PAYLOAD_SHIFT = 3;
/** The flag bits of a PAGE PTE (WRITE, DIRTY): what migration keeps when it changes the pfn. */
export const PTE_FLAG_MASK = PTE_WRITE | PTE_DIRTY;
/** The largest pfn or swap slot a PTE holds: 2^29 - 1. */
export const PTE_MAX_PAYLOAD = 2 ** 29 - 1;

/** KSM's zero-page PTE: `pte_mkdirty(pte_mkspecial(pfn_pte(zero_pfn)))`. */
export const PTE_KSM_ZERO = ZERO_TAG | PTE_SPECIAL | PTE_DIRTY;
/** The ordinary zero-page PTE of a read fault. */
export const PTE_ZERO_PAGE = ZERO_TAG | PTE_SPECIAL;

export type PteKind = "none" | "page" | "zero" | "swap";

/** A PTE mapping frame `pfn` (0 to PTE_MAX_PAYLOAD) with flag bits `bits` (PTE_WRITE, PTE_DIRTY; others are ignored). */
export function mkPagePte(pfn: number, bits: number): number {
  return ((pfn << PTE_PAYLOAD_SHIFT) | 1 | (bits & PTE_FLAG_MASK)) >>> 0;
}

/** A swap PTE for `slot` (0 to PTE_MAX_PAYLOAD). */
export function mkSwapPte(slot: number, exclusive: boolean): number {
  return ((slot << PTE_PAYLOAD_SHIFT) | 2 | (exclusive ? PTE_SWP_EXCLUSIVE : 0)) >>> 0;
}

/** The kind: PTE_NONE, PTE_PAGE, PTE_ZERO or PTE_SWAP. */
export function pteKind(pte: number): number {
  return (pte & 1) !== 0 ? PTE_PAGE : (pte & 2) !== 0 ? PTE_SWAP : pte !== 0 ? PTE_ZERO : PTE_NONE;
}

/** The pfn of a PAGE PTE or the slot of a SWAP PTE (0 for NONE and ZERO). */
export function ptePayload(pte: number): number {
  return (pte & 3) !== 0 ? pte >>> PTE_PAYLOAD_SHIFT : 0;
}

/**
 * ptePfn (kernel pte_pfn behind vm_normal_page): the pfn of the anon frame a
 * PAGE PTE maps, or -1 when the PTE maps no frame (none, the zero page, KSM's
 * too, or a swap entry). Allocation-free; what followPage gives for a page.
 */
export function ptePfn(pte: number): number {
  return (pte & 1) !== 0 ? pte >>> PTE_PAYLOAD_SHIFT : -1;
}

/** is_ksm_zero_pte: the zero page placed by KSM. */
export function isKsmZeroPte(pte: number): boolean {
  return (pte & (3 | PTE_DIRTY | ZERO_TAG)) === (ZERO_TAG | PTE_DIRTY);
}

/** The kind as a word, for messages and dumps. */
export function pteKindName(pte: number): PteKind {
  return (["none", "page", "zero", "swap"] as const)[pteKind(pte)]!;
}
