/**
 * What the indexed trees of one group share, by value (KSM: the `rb_node`
 * the kernel embeds in each rmap_item, numbered by the item's id): the one
 * handle of each value (made only when asked for), which tree holds it (a
 * stamp, two bytes a value: 127 trees a group, 511 epochs), and the storage of the nodes, value v's node
 * at node v (the group's own, or its user's). A value is linked in at most
 * one tree of the group at a time, so the trees share the storage.
 */
import type { TreeNode } from "../types.js";
import { type NodeStorage, reserveNode } from "./node-storage.js";

/** Values must be below this. */
export const MAX_VALUE = 2 ** 30;
/** Trees in one group (a tree's serial is below this). */
export const MAX_GROUP_TREES = 1 << 7;
/** A tree's epochs run from 1 to this, then start again (see `nextEpoch`): a stamp fits in 16 bits. */
export const MAX_EPOCH = 2 ** 9 - 1;

/** The handle of value `value` in a group. */
export class ValueHandle implements TreeNode<number> {
  constructor(readonly value: number) {}
}

export class ValueArena {
  /**
   * Per value: the stamp of the tree and epoch that linked it,
   * `epoch * MAX_GROUP_TREES + serial` (0: never linked). A tree holds the
   * value while the stamp is its current one; a clear moves the epoch, so
   * every stamp of the tree goes stale at once.
   */
  stamp: Uint16Array;
  /** The nodes of the group's trees, value v's at node v. */
  readonly nodeStore: NodeStorage;
  /** Whether `nodeStore` is the user's (it grows it; a value beyond it cannot be linked), or the group's own (grown on link). */
  readonly external: boolean;
  /** Each tree's current epoch, by serial. */
  readonly treeEpochs: number[] = [0];
  private readonly handles: (ValueHandle | undefined)[] = [];
  private nextSerial = 1;
  private made = 0;

  constructor(storage?: NodeStorage, capacity = 1024) {
    this.stamp = new Uint16Array(capacity);
    this.external = storage !== undefined;
    this.nodeStore = storage ?? { s: new Int32Array(4 * capacity) };
  }

  /** How many handle objects the group has made (by-value operations make none). */
  get handlesMade(): number {
    return this.made;
  }

  /** A serial for a new tree of this group. */
  serial(): number {
    if (this.nextSerial >= MAX_GROUP_TREES)
      throw new RangeError(`indexed tree: at most ${MAX_GROUP_TREES - 1} trees in one group`);
    return this.nextSerial++;
  }

  /** The stamp of tree `serial` in its epoch `epoch`. */
  static stampOf(serial: number, epoch: number): number {
    return epoch * MAX_GROUP_TREES + serial;
  }

  /**
   * The epoch after `epoch` for tree `serial`, forgetting the tree's old
   * stamps when the epochs start again, so that an old stamp can never match
   * a new epoch (O(values) once in 511 clears: KSM clears its unstable trees
   * once a full scan).
   */
  nextEpoch(serial: number, epoch: number): number {
    if (epoch < MAX_EPOCH) return epoch + 1;
    const st = this.stamp;
    for (let v = 0; v < st.length; v++) if (st[v]! % MAX_GROUP_TREES === serial) st[v] = 0;
    return 1;
  }

  /** The one handle of `value`, making room for it. */
  handle(value: number): ValueHandle {
    this.reserve(value);
    let h = this.handles[value];
    if (h === undefined) {
      h = new ValueHandle(value);
      this.handles[value] = h;
      this.made++;
    }
    return h;
  }

  /** The handle of `value` if one was made, else undefined (makes none). */
  handleIfMade(value: number): ValueHandle | undefined {
    return this.handles[value];
  }

  /** Make room for `value` without making its handle; a value that is no small non-negative integer is refused. */
  reserve(value: number): void {
    if (value >>> 0 === value && value < this.stamp.length) return; // an integer in range
    if (!Number.isInteger(value) || value < 0 || value >= MAX_VALUE) {
      throw new RangeError(`indexed tree: value must be an integer from 0 to ${MAX_VALUE - 1}, got ${String(value)}`);
    }
    let n = this.stamp.length;
    while (n <= value) n = n < 1 << 16 ? n * 2 : n + Math.ceil(n / 8); // an eighth more once large: little unused room
    const stamp = new Uint16Array(n);
    stamp.set(this.stamp);
    this.stamp = stamp;
  }

  /** Make room for value `value`'s node: the group's own storage grows; the user's must hold it already. */
  reserveNode(value: number): void {
    if (!this.external) reserveNode(this.nodeStore, value);
    else if (value >= this.nodeStore.s.length >> 2) {
      throw new RangeError(
        `indexed tree: value ${value} has no node in the storage it was given (it holds ${this.nodeStore.s.length >> 2})`,
      );
    }
  }

  /** Whether `value` is linked in any tree of the group (its tree may have been cleared since). */
  heldByAny(value: number): boolean {
    const s = this.stamp[value]!;
    return s !== 0 && ((s / MAX_GROUP_TREES) | 0) === this.treeEpochs[s % MAX_GROUP_TREES];
  }
}
