/** The content modes a sweep may vary (the machine's page contents: tokens, or real 4 KiB bytes). */

export const CONTENT_MODES = ["tokens", "bytes"] as const;
export type ContentMode = (typeof CONTENT_MODES)[number];
