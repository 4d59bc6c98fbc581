/**
 * Free frames, per node: a LIFO stack of freed pfns (like the per-CPU page
 * lists, the most recently freed frame is reused first) over a high-water
 * mark below which every frame has been handed out once. Frames above the
 * mark are free without being on the stack, so a machine of 10^7 frames
 * costs nothing until they are used. Offline nodes allocate nothing.
 */
import type { Topology } from "@ksm-sim/numa";

export class FreeLists {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Next never-used pfn per node. */
  readonly hwm: Float64Array;
  /** Freed pfns per node; `sizes[node]` of them are valid. */
  stacks: Int32Array[];
  readonly sizes: Int32Array;
  /** 1 for a node whose memory was hot-removed. */
  readonly offline: Uint8Array;

  constructor(topology: Topology) {
    const n = topology.nodes;
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.hwm = new Float64Array(n);
    this.stacks = [];
    this.sizes = new Int32Array(n);
    this.offline = new Uint8Array(n);
    for (let node = 0; node < n; node++) {
      const r = topology.pfnRange(node);
      this.starts[node] = r.start;
      this.ends[node] = r.end;
      this.hwm[node] = r.start;
      this.stacks.push(new Int32Array(16));
    }
  }

  /** Free frames of `node` (0 when it is offline). */
  available(node: number): number {
    if (this.offline[node] === 1) return 0;
    return this.sizes[node]! + (this.ends[node]! - this.hwm[node]!);
  }

  /** Take a free frame of `node`: the last freed one, else the next never used; -1 when none. */
  pop(node: number): number {
    if (this.offline[node] === 1) return -1;
    const size = this.sizes[node]!;
    if (size > 0) {
      this.sizes[node] = size - 1;
      return this.stacks[node]![size - 1]!;
    }
    const next = this.hwm[node]!;
    if (next >= this.ends[node]!) return -1;
    this.hwm[node] = next + 1;
    return next;
  }

  /** Give `pfn` of `node` back. */
  push(node: number, pfn: number): void {
    const size = this.sizes[node]!;
    let stack = this.stacks[node]!;
    if (size === stack.length) {
      const bigger = new Int32Array(stack.length * 2);
      bigger.set(stack);
      this.stacks[node] = stack = bigger;
    }
    stack[size] = pfn;
    this.sizes[node] = size + 1;
  }
}
