/** Tree backends by name, for the --backend option. */
import type { TreeBackend } from "@ksm-sim/tree";
import { bintreesBackend } from "@ksm-sim/tree-bintrees";
import { functionalRedBlackTreeBackend } from "@ksm-sim/tree-functional-red-black-tree";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";

export const BACKENDS: Readonly<Record<string, TreeBackend>> = {
  rbtree: rbtreeBackend,
  "functional-red-black-tree": functionalRedBlackTreeBackend,
  bintrees: bintreesBackend,
};
