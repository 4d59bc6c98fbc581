/** The AVL backend: trees of another family than the kernel's red-black trees, with the walk and indexed trees. */
import type { IndexedTree, NodeStorage, TreeBackend } from "@ksm-sim/tree";
import { IndexAvlTree } from "./indexed-tree.js";
import { AvlTree } from "./tree.js";

export const avlBackend: TreeBackend = Object.freeze({
  name: "avl",
  flags: Object.freeze({ kernelShape: false, identity: "intrusive", persistent: false, walk: true } as const),
  create: <T>() => new AvlTree<T>(),
  createIndexed: (group?: IndexedTree, storage?: NodeStorage) => {
    if (group !== undefined && !(group instanceof IndexAvlTree)) {
      const got = (group as object).constructor?.name ?? typeof group;
      throw new TypeError(`avl: createIndexed's group must be a tree avlBackend.createIndexed made, got ${got}`);
    }
    return new IndexAvlTree(group, storage);
  },
});
