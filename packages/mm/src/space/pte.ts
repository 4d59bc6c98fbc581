/**
 * A page-table entry in one uint32: 2 bits of kind, 4 flag bits and a 26-bit
 * payload (a pfn for PAGE, a swap slot for SWAP). The payload limits a
 * machine to 2^26 frames (256 GiB) and 2^26 swap slots; `createMachine`
 * checks the topology against it.
 *
 * A zero-page PTE is ZERO + SPECIAL, as `do_anonymous_page` maps it for a
 * read fault; KSM's zero page (`replace_page` with use_zero_pages) is
 * ZERO + SPECIAL + DIRTY, which is how `is_ksm_zero_pte` tells them apart.
 */

export const PTE_NONE = 0;
export const PTE_PAGE = 1;
export const PTE_ZERO = 2;
export const PTE_SWAP = 3;
export const PTE_KIND_MASK = 3;

export const PTE_WRITE = 1 << 2;
export const PTE_DIRTY = 1 << 3;
export const PTE_SPECIAL = 1 << 4;
/** pte_swp_exclusive: the swapped-out page was PageAnonExclusive */
export const PTE_SWP_EXCLUSIVE = 1 << 5;

export const PTE_PAYLOAD_SHIFT = 6;
/** The flag bits (WRITE, DIRTY, SPECIAL, SWP_EXCLUSIVE). */
export const PTE_FLAG_MASK = PTE_WRITE | PTE_DIRTY | PTE_SPECIAL | PTE_SWP_EXCLUSIVE;
export const PTE_MAX_PAYLOAD = 2 ** 26 - 1;

/** KSM's zero-page PTE: `pte_mkdirty(pte_mkspecial(pfn_pte(zero_pfn)))`. */
export const PTE_KSM_ZERO = PTE_ZERO | PTE_SPECIAL | PTE_DIRTY;
/** The ordinary zero-page PTE of a read fault. */
export const PTE_ZERO_PAGE = PTE_ZERO | PTE_SPECIAL;

export type PteKind = "none" | "page" | "zero" | "swap";

/** A PTE mapping frame `pfn` with the given PTE_* flag bits. */
export function mkPagePte(pfn: number, bits: number): number {
  return ((pfn << PTE_PAYLOAD_SHIFT) | PTE_PAGE | bits) >>> 0;
}

/** A swap PTE for `slot`. */
export function mkSwapPte(slot: number, exclusive: boolean): number {
  return ((slot << PTE_PAYLOAD_SHIFT) | PTE_SWAP | (exclusive ? PTE_SWP_EXCLUSIVE : 0)) >>> 0;
}

export function pteKind(pte: number): number {
  return pte & PTE_KIND_MASK;
}

/** The pfn of a PAGE PTE or the slot of a SWAP PTE. */
export function ptePayload(pte: number): number {
  return pte >>> PTE_PAYLOAD_SHIFT;
}

/**
 * ptePfn (kernel pte_pfn behind vm_normal_page): the pfn of the anon frame a
 * PAGE PTE maps, or -1 when the PTE maps no frame (none, the zero page, KSM's
 * too, or a swap entry). Allocation-free; what followPage gives for a page.
 */
export function ptePfn(pte: number): number {
  return (pte & PTE_KIND_MASK) === PTE_PAGE ? pte >>> PTE_PAYLOAD_SHIFT : -1;
}

/** is_ksm_zero_pte: the zero page placed by KSM. */
export function isKsmZeroPte(pte: number): boolean {
  return (pte & (PTE_KIND_MASK | PTE_DIRTY)) === (PTE_ZERO | PTE_DIRTY);
}

/** The kind as a word, for messages and dumps. */
export function pteKindName(pte: number): PteKind {
  return (["none", "page", "zero", "swap"] as const)[pte & PTE_KIND_MASK]!;
}
