import { BytesContents } from "./bytes-contents.js";
import type { ContentMode, PageContents } from "./page-contents.js";
import { TokenContents } from "./token-contents.js";

/**
 * Makes an empty store of the given mode; `arenaPages` (a power of two) is
 * how many distinct contents each arena of the bytes mode's content store
 * holds (16 MiB for the default 4096).
 */
export function createContents(mode: ContentMode, capacity = 0, arenaPages = 4096): PageContents {
  return mode === "tokens" ? new TokenContents(capacity) : new BytesContents(capacity, arenaPages);
}
