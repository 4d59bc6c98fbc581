/**
 * One tree's nodes, packed: slots handed out in link order from 0 (erased
 * slots are reused), so a tree of n nodes lives in the first n slots however
 * scattered its values are, and `clear()` frees them all at once. Four int32
 * per slot, one cache line holding four nodes:
 *
 *   s[4n]     rb_left   (slot, -1: none)
 *   s[4n + 1] rb_right  (slot, -1: none)
 *   s[4n + 2] __rb_parent_color: parent slot << 1 | colour (RB_RED 0, RB_BLACK 1; parent -1 for the root)
 *   s[4n + 3] a hint the tree's user keeps with the node (KSM: its page's order hint); the tree never reads it
 *
 * and vals[n], the value linked in slot n.
 */
export class IxSlots {
  s = new Int32Array(4 * 256);
  vals = new Int32Array(256);
  /** Slots below this were handed out since the last reset. */
  used = 0;
  private readonly free: number[] = [];

  /** A slot for `value`. */
  take(value: number): number {
    let n = this.free.pop();
    if (n === undefined) {
      n = this.used++;
      if (n >= this.vals.length) this.grow();
    }
    this.vals[n] = value;
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
    const s = new Int32Array(this.s.length * 2);
    s.set(this.s);
    const vals = new Int32Array(this.vals.length * 2);
    vals.set(this.vals);
    this.s = s;
    this.vals = vals;
  }
}
