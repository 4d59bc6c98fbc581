/**
 * One tree's nodes, packed: slots handed out in link order from 0 (erased
 * slots are reused), so a tree of n nodes lives in the first n slots however
 * scattered its values are, and `reset()` frees them all at once. The layout
 * of a slot is in ./node.ts. A slot is the node's handle for TreeWalk.
 */
import { type AvlStore, FREED, MAX_NODES } from "./node.js";

export class AvlSlots implements AvlStore {
  /** Four int32 per slot: left, right, parent, hint. */
  s = new Int32Array(4 * 256);
  /** One byte per slot: the height of the subtree there. */
  h = new Uint8Array(256);
  /** Slots below this were handed out since the last reset. */
  used = 0;
  private readonly free: number[] = [];

  /** Slots the arrays hold now (they grow on `take`). */
  get capacity(): number {
    return this.h.length;
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
    this.s[(n << 2) + 2] = FREED;
    this.free.push(n);
  }

  /** Every slot is free again (O(1): slots at or above `used` are never read). */
  reset(): void {
    this.used = 0;
    this.free.length = 0;
  }

  /** Whether slot `n` holds a linked node (it was handed out since the last reset and not released). */
  isLinked(n: number): boolean {
    return n >= 0 && n < this.used && this.s[(n << 2) + 2] !== FREED;
  }

  private grow(): void {
    const n = this.capacity * 2;
    if (n > MAX_NODES) throw new RangeError(`avl: more than ${MAX_NODES} nodes in one tree`);
    const s = new Int32Array(4 * n);
    s.set(this.s);
    const h = new Uint8Array(n);
    h.set(this.h);
    this.s = s;
    this.h = h;
  }
}
