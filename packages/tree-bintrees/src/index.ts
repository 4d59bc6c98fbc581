export { BINTREES_FLAGS, type BintreesOptions, bintreesBackend, createBintreesBackend } from "./backend.js";
export type {
  BintreesIteratorLike,
  BintreesModule,
  BintreesNodeLike,
  RBTreeClass,
  RBTreeLike,
} from "./bintrees-like.js";
export { BintreesHandle, BintreesTree } from "./tree.js";
