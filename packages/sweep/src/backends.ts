/** The tree backends and content modes a sweep may vary, by name. */
import type { TreeBackend } from "@ksm-sim/tree";
import { bintreesBackend } from "@ksm-sim/tree-bintrees";
import { functionalRedBlackTreeBackend } from "@ksm-sim/tree-functional-red-black-tree";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";

export const BACKEND_NAMES = ["rbtree", "functional-red-black-tree", "bintrees"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export const CONTENT_MODES = ["tokens", "bytes"] as const;
export type ContentMode = (typeof CONTENT_MODES)[number];

export const BACKENDS: Readonly<Record<BackendName, TreeBackend>> = {
  rbtree: rbtreeBackend,
  "functional-red-black-tree": functionalRedBlackTreeBackend,
  bintrees: bintreesBackend,
};
