import { BytesContents } from "./bytes-contents.js";
import type { ContentMode, PageContents } from "./page-contents.js";
import { TokenContents } from "./token-contents.js";

/**
 * Makes an empty store of the given mode; `arenaPages` (a power of two) sizes
 * the bytes mode's arenas and `limit` (the most pages it will hold) trims the
 * last one.
 */
export function createContents(
  mode: ContentMode,
  capacity = 0,
  arenaPages = 65536,
  limit = Number.POSITIVE_INFINITY,
): PageContents {
  return mode === "tokens" ? new TokenContents(capacity) : new BytesContents(capacity, arenaPages, limit);
}
