/**
 * One tree's nodes, packed: slots handed out in link order from 0 (erased
 * slots are reused), so a tree of n nodes lives in the first n slots however
 * scattered its values are, and `clear()` frees them all at once. Four
 * int32 per slot (the layout is in ./node.ts), one cache line holding four
 * nodes. A slot is the node's handle for TreeWalk.
 */
import { MAX_NODES } from "./node.js";

export class RbSlots {
  s = new Int32Array(4 * 256);
  /** Slots below this were handed out since the last reset. */
  used = 0;
  private readonly free: number[] = [];

  /** Slots the array holds now (it grows on `take`). */
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
    return n;
  }

  /** Slot `n` is no longer linked. */
  release(n: number): void {
    this.free.push(n);
  }

  /** Every slot is free again. */
  reset(): void {
    this.used = 0;
    this.free.length = 0;
  }

  private grow(): void {
    if (this.capacity * 2 > MAX_NODES) throw new RangeError(`rbtree: more than ${MAX_NODES} nodes in one tree`);
    const s = new Int32Array(this.s.length * 2);
    s.set(this.s);
    this.s = s;
  }
}
