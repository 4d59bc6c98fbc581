/** The rbtree backend: trees whose shapes are exactly those Linux lib/rbtree.c builds. */
import type { IndexedTree, NodeStorage, TreeBackend } from "@ksm-sim/tree";
import { IndexRbTree } from "./indexed-tree.js";
import { RbTree } from "./tree.js";

export const rbtreeBackend: TreeBackend = Object.freeze({
  name: "rbtree",
  flags: Object.freeze({ kernelShape: true, identity: "intrusive", persistent: false, walk: true } as const),
  create: <T>() => new RbTree<T>(),
  createIndexed: (group?: IndexedTree, storage?: NodeStorage) => {
    if (group !== undefined && !(group instanceof IndexRbTree))
      throw new TypeError("rbtree: createIndexed's group must be a tree this backend's createIndexed made");
    return new IndexRbTree(group, storage);
  },
});
