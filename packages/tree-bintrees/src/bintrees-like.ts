/**
 * The part of bintrees@1 this adapter uses, typed structurally (the library
 * ships no types). Checked against lib/rbtree.js and lib/treebase.js of
 * 1.0.2: `RBTree` keeps its root in `_root` (null when empty), nodes have
 * `data`, `left`, `right` (null at leaves), `size` counts items, `insert`
 * refuses duplicates, and `remove(data)` finds `data` through the comparator
 * (and may move data between internal nodes while it rebalances).
 */

/** An internal node; the adapter only reads it. */
export interface BintreesNodeLike<D> {
  readonly data: D;
  readonly left: BintreesNodeLike<D> | null;
  readonly right: BintreesNodeLike<D> | null;
}

/** An iterator: `next`/`prev` move and return the data there, or null past an end. */
export interface BintreesIteratorLike<D> {
  data(): D | null;
  next(): D | null;
  prev(): D | null;
}

/** A mutable red-black tree. */
export interface RBTreeLike<D> {
  readonly _root: BintreesNodeLike<D> | null;
  readonly size: number;
  /** False if an equal item is there already. */
  insert(data: D): boolean;
  /** False if no equal item was found. */
  remove(data: D): boolean;
  findIter(data: D): BintreesIteratorLike<D> | null;
  /** A null iterator: its first `next()` gives the first item, its first `prev()` the last. */
  iterator(): BintreesIteratorLike<D>;
}

/** `new RBTree(comparator)`. */
export type RBTreeClass = new <D>(comparator: (a: D, b: D) => number) => RBTreeLike<D>;

/** The module's export. */
export interface BintreesModule {
  readonly RBTree: RBTreeClass;
}
