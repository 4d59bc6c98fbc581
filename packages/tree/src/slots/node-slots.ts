/**
 * A HandleSlotTree's nodes (a NodeStorage, see ./node-storage.ts), handed
 * out as slots in link order from 0 (erased slots are reused), so a tree of
 * n nodes lives in the first n slots however scattered its values, and
 * `reset()` frees them all at once. A slot is the node's TreeWalk handle.
 */
import { MAX_NODES, type NodeStorage, nextNodeCapacity } from "./node-storage.js";

export { MAX_NODES };

export class NodeSlots {
  /**
   * The words, as a NodeStorage of the same shape as any `{ s }` a user
   * offers an indexed tree (a tree's walk then reads one kind of object).
   */
  readonly store: NodeStorage = { s: new Int32Array(4 * 256) };
  /** Slots below this were handed out since the last reset. */
  used = 0;
  /** Per slot: the reset epoch (mod 256) in which it was handed out and not yet released (0: free). */
  private live = new Uint8Array(256);
  private epoch = 1;
  private readonly free: number[] = [];

  /** Slots the arrays hold now (they grow on `take`). */
  get capacity(): number {
    return this.store.s.length >> 2;
  }

  /** The words (`store.s`; replaced when `take` grows them). */
  get s(): Int32Array {
    return this.store.s;
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
    if (++this.epoch > 255) {
      this.live.fill(0); // once in 255 resets: no old epoch may match a new one
      this.epoch = 1;
    }
  }

  private grow(): void {
    const cap = this.capacity;
    const next = nextNodeCapacity(cap, cap + 1);
    if (next <= cap) throw new RangeError(`tree: more than ${MAX_NODES} nodes in one tree`);
    const s = new Int32Array(4 * next);
    s.set(this.store.s);
    this.store.s = s;
    const live = new Uint8Array(next);
    live.set(this.live);
    this.live = live;
  }
}
