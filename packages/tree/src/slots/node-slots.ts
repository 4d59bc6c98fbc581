/**
 * A tree's nodes, packed: four int32 per node in one array, slots handed out
 * in link order from 0 (erased slots are reused), so a tree of n nodes lives
 * in the first n slots however scattered its values, and `reset()` frees
 * them all at once. The layout a SlotTree reads:
 *
 *   s[4n]     left child   (a slot, NO_NODE: none)
 *   s[4n + 1] right child
 *   s[4n + 2] the backend's own word (a parent pointer and colour, a balance, ...)
 *   s[4n + 3] the hint the tree's user keeps with the node (TreeWalk)
 *
 * One cache line holds four nodes. A slot is the node's TreeWalk handle.
 */

/** Nodes in one tree must be below this (room for a parent shifted left by one in an int32). */
export const MAX_NODES = 2 ** 30;

export class NodeSlots {
  s = new Int32Array(4 * 256);
  /** Slots below this were handed out since the last reset. */
  used = 0;
  /** Per slot: the reset epoch in which it was handed out and not yet released (0: free). */
  private live = new Int32Array(256);
  private epoch = 1;
  private readonly free: number[] = [];

  /** Slots the arrays hold now (they grow on `take`). */
  get capacity(): number {
    return this.s.length >> 2;
  }

  /** A free slot. */
  take(): number {
    let n = this.free.pop();
    if (n === undefined) {
      n = this.used++;
      if (n >= this.capacity) this.grow();
    }
    this.live[n] = this.epoch;
    return n;
  }

  /** Slot `n` is no longer linked. */
  release(n: number): void {
    this.live[n] = 0;
    this.free.push(n);
  }

  /** Whether slot `n` was handed out and not released since the last reset. */
  isTaken(n: number): boolean {
    return n >= 0 && n < this.used && this.live[n] === this.epoch;
  }

  /** Every slot is free again (O(1)). */
  reset(): void {
    this.used = 0;
    this.free.length = 0;
    this.epoch = (this.epoch + 1) | 0 || 1;
  }

  private grow(): void {
    if (this.capacity * 2 > MAX_NODES) throw new RangeError(`tree: more than ${MAX_NODES} nodes in one tree`);
    const s = new Int32Array(this.s.length * 2);
    s.set(this.s);
    this.s = s;
    const live = new Int32Array(this.capacity);
    live.set(this.live);
    this.live = live;
  }
}
