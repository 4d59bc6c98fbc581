/** The rbtree backend: trees whose shapes are exactly those Linux lib/rbtree.c builds. */
import type { Tree, TreeBackend } from "@ksm-sim/tree";
import { IndexRbTree } from "./indexed/tree.js";
import { RbTree } from "./tree.js";

export const rbtreeBackend: TreeBackend = Object.freeze({
  name: "rbtree",
  flags: Object.freeze({ kernelShape: true, identity: "intrusive", persistent: false } as const),
  create: <T>() => new RbTree<T>(),
  createIndexed: (group?: Tree<number>) => new IndexRbTree(group instanceof IndexRbTree ? group : undefined),
});

/** The rbtree backend (a factory for symmetry with backends that take options). */
export function rbtree(): TreeBackend {
  return rbtreeBackend;
}
