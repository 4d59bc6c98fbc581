/**
 * The part of functional-red-black-tree@1 this adapter uses, typed
 * structurally (the library ships no types). Checked against rbtree.js of
 * 1.0.1: `RBNode` has public `key`, `left`, `right` (null at leaves),
 * `RedBlackTree.root` is null when empty, `insert(k, v)` sends keys that
 * compare <= 0 to the left, and `remove(k)` finds `k` through the comparator.
 */

/** An internal node; the adapter only reads it. */
export interface FrbtNodeLike<K> {
  readonly key: K;
  readonly left: FrbtNodeLike<K> | null;
  readonly right: FrbtNodeLike<K> | null;
}

/** A position in one version of the tree. */
export interface FrbtIteratorLike<K> {
  readonly valid: boolean;
  readonly key: K | undefined;
  next(): void;
  prev(): void;
}

/** One immutable version of a tree; insert and remove return a new version. */
export interface FrbtLike<K> {
  readonly root: FrbtNodeLike<K> | null;
  readonly length: number;
  readonly begin: FrbtIteratorLike<K>;
  readonly end: FrbtIteratorLike<K>;
  insert(key: K, value: undefined): FrbtLike<K>;
  remove(key: K): FrbtLike<K>;
  find(key: K): FrbtIteratorLike<K>;
}

/** The module's export: `createTree(compare)`. */
export type CreateFrbt = <K>(compare: (a: K, b: K) => number) => FrbtLike<K>;
