/**
 * Free frames, per node: a LIFO stack of freed pfns (like the per-CPU page
 * lists, the most recently freed frame is reused first) over a high-water
 * mark below which every frame has been handed out once. Frames above the
 * mark are free without being on the stack, so a machine of 10^7 frames
 * costs nothing until they are used. The stack is linked through the free
 * frames' own `mapping` (as the buddy allocator links free pages through
 * `page->lru`), so it costs no memory of its own. Offline nodes allocate
 * nothing.
 */
import type { Topology } from "@ksm-sim/numa";
import type { FrameTable } from "./frame-table.js";

/** The end of a free stack. */
const NIL = -1;

export class FreeLists {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Next never-used pfn per node. */
  readonly hwm: Float64Array;
  /** The top of each node's stack of freed pfns (-1: empty); each links to the one below in its `mapping`. */
  readonly heads: Int32Array;
  /** Freed pfns on each node's stack. */
  readonly sizes: Int32Array;
  /** 1 for a node whose memory was hot-removed. */
  readonly offline: Uint8Array;

  constructor(
    topology: Topology,
    /** The frames whose `mapping` links the stacks. */
    private readonly frames: FrameTable,
  ) {
    const n = topology.nodes;
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.hwm = new Float64Array(n);
    this.heads = new Int32Array(n).fill(NIL);
    this.sizes = new Int32Array(n);
    this.offline = new Uint8Array(n);
    for (let node = 0; node < n; node++) {
      const r = topology.pfnRange(node);
      this.starts[node] = r.start;
      this.ends[node] = r.end;
      this.hwm[node] = r.start;
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
    const head = this.heads[node]!;
    if (head !== NIL) {
      this.heads[node] = this.frames.mapping[head]!;
      this.sizes[node]!--;
      return head;
    }
    const next = this.hwm[node]!;
    if (next >= this.ends[node]!) return -1;
    this.hwm[node] = next + 1;
    return next;
  }

  /** Give `pfn` of `node` back (a frame the table holds; its `mapping` becomes the link). */
  push(node: number, pfn: number): void {
    this.frames.mapping[pfn] = this.heads[node]!;
    this.heads[node] = pfn;
    this.sizes[node]!++;
  }

  /**
   * The freed pfns of `node`'s stack, bottom first (the next one pop takes is
   * last): at most `sizes[node]` of them, fewer if a link leaves the node's
   * range or ends early (a broken list; checkInvariants says so).
   */
  stack(node: number): number[] {
    const out: number[] = [];
    const start = this.starts[node]!;
    const hwm = this.hwm[node]!;
    let pfn = this.heads[node]!;
    for (let i = 0; i < this.sizes[node]! && pfn >= start && pfn < hwm; i++) {
      out.push(pfn);
      pfn = this.frames.mapping[pfn]!;
    }
    return out.reverse();
  }
}
