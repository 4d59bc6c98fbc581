/**
 * The tokens whose page has a special KSM checksum, among all 2^32: those
 * whose checksum is 0 (a first visit finds such a page "unchanged", as
 * rmap_item->oldchecksum starts at 0) and those whose checksum equals the
 * zero page's (use_zero_pages tries the zero-page merge). With these known,
 * token mode decides every checksum test KSM makes without hashing a page
 * except where two different tokens must be told apart by their checksums
 * (see TokenContents.keyChecksum). Found by tools/token-checksums, which
 * hashes every token page (its result is in tools/token-checksums/result.txt).
 */

/** Whether the lists below come from a scan of every token (else token mode hashes to decide). */
export const SPECIAL_TOKENS_COMPLETE = true;

/** Tokens whose page's checksum is 0. */
export const ZERO_CHECKSUM_TOKENS: readonly number[] = Object.freeze([2300248556]);

/** Tokens whose page's checksum is the zero page's. */
export const ZERO_PAGE_CHECKSUM_TOKENS: readonly number[] = Object.freeze([]);
