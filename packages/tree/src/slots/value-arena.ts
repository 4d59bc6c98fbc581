/**
 * What the indexed trees of one group share, by value (KSM: the `rb_node`
 * the kernel embeds in each rmap_item, numbered by the item's id): the one
 * handle of each value (made only when asked for), which tree holds it, and
 * its slot there. The nodes themselves live in each tree's NodeSlots. A
 * value is linked in at most one tree of the group at a time.
 */
import type { TreeNode } from "../types.js";

/** Values must be below this. */
export const MAX_VALUE = 2 ** 30;

/** The handle of value `value` in a group. */
export class ValueHandle implements TreeNode<number> {
  constructor(readonly value: number) {}
}

export class ValueArena {
  /** Per value: the serial of the tree that last linked it (0: none). */
  owner: Int32Array;
  /** Per value: that tree's epoch when it linked it. */
  epoch: Int32Array;
  /** Per value: its slot in that tree. */
  slotOf: Int32Array;
  /** Each tree's current epoch, by serial. */
  readonly treeEpochs: number[] = [0];
  private readonly handles: (ValueHandle | undefined)[] = [];
  private nextSerial = 1;
  private made = 0;

  constructor(capacity = 1024) {
    this.owner = new Int32Array(capacity);
    this.epoch = new Int32Array(capacity);
    this.slotOf = new Int32Array(capacity);
  }

  /** How many handle objects the group has made (by-value operations make none). */
  get handlesMade(): number {
    return this.made;
  }

  /** A serial for a new tree of this group. */
  serial(): number {
    return this.nextSerial++;
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
    if (value >>> 0 === value && value < this.owner.length) return; // an integer in range
    if (!Number.isInteger(value) || value < 0 || value >= MAX_VALUE) {
      throw new RangeError(`indexed tree: value must be an integer from 0 to ${MAX_VALUE - 1}, got ${String(value)}`);
    }
    let n = this.owner.length * 2;
    while (n <= value) n *= 2;
    const owner = new Int32Array(n);
    owner.set(this.owner);
    const epoch = new Int32Array(n);
    epoch.set(this.epoch);
    const slotOf = new Int32Array(n);
    slotOf.set(this.slotOf);
    this.owner = owner;
    this.epoch = epoch;
    this.slotOf = slotOf;
  }

  /** Whether `value` is linked in any tree of the group (its owner may have been cleared since). */
  heldByAny(value: number): boolean {
    const owner = this.owner[value]!;
    return owner !== 0 && this.epoch[value] === this.treeEpochs[owner];
  }
}
