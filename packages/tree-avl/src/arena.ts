/**
 * What the indexed trees of one group share, by value: the one handle of
 * each value (made only when asked for), which tree holds it, under which
 * of that tree's epochs, and its slot there. The nodes themselves live in
 * each tree's slots. A value is linked in at most one tree of the group at
 * a time.
 */
import type { TreeNode } from "@ksm-sim/tree";

/** Values must be below this. */
export const MAX_VALUE = 2 ** 30;

/** The handle of value `value`. */
export class AvlIxNode implements TreeNode<number> {
  constructor(readonly value: number) {}
}

export class AvlArena {
  /** Per value: the serial of the tree that last linked it (0: none). */
  owner: Int32Array;
  /** Per value: that tree's epoch when it linked it. */
  epoch: Int32Array;
  /** Per value: its slot in that tree. */
  slotOf: Int32Array;
  /** Each tree's current epoch, by serial. */
  readonly treeEpochs: number[] = [0];
  private readonly handles: (AvlIxNode | undefined)[] = [];
  private nextSerial = 1;
  private made = 0;

  constructor(capacity = 1024) {
    this.owner = new Int32Array(capacity);
    this.epoch = new Int32Array(capacity);
    this.slotOf = new Int32Array(capacity);
  }

  /** Handles made so far (by-value operations make none). */
  get handlesMade(): number {
    return this.made;
  }

  /** A serial for a new tree of this group. */
  serial(): number {
    return this.nextSerial++;
  }

  /** The one handle of `value`, made on first request. */
  handle(value: number): AvlIxNode {
    this.reserve(value);
    let h = this.handles[value];
    if (h === undefined) {
      h = new AvlIxNode(value);
      this.handles[value] = h;
      this.made++;
    }
    return h;
  }

  /** Whether `node` is this group's handle (never makes one). */
  isHandle(node: TreeNode<number>): boolean {
    const v = node.value;
    return typeof v === "number" && this.handles[v] === node;
  }

  /** Make room for `value` without making its handle; a RangeError naming the value if it is not 0 to MAX_VALUE-1. */
  reserve(value: number): void {
    if (value >>> 0 === value && value < this.owner.length) return; // an integer in range
    if (!Number.isInteger(value) || value < 0 || value >= MAX_VALUE) {
      throw new RangeError(`avl (indexed): value must be an integer from 0 to ${MAX_VALUE - 1}, got ${String(value)}`);
    }
    let n = this.owner.length * 2;
    while (n <= value) n *= 2;
    this.owner = grown(this.owner, n);
    this.epoch = grown(this.epoch, n);
    this.slotOf = grown(this.slotOf, n);
  }

  /** Whether `value` is linked in any tree of the group (its owner may have been cleared since). */
  heldByAny(value: number): boolean {
    const owner = this.owner[value]!;
    return owner !== 0 && this.epoch[value] === this.treeEpochs[owner];
  }
}

function grown(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
