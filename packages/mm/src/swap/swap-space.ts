/**
 * One swap device: slots with a count of the swap PTEs that name them
 * (`swap_map`), the swap cache (slot → frame, `folio->swap` for the way
 * back) and the device's stored pages in a content store of the machine's
 * mode. A slot is in use while it has a count or a cached frame
 * (SWAP_HAS_CACHE).
 */
import { BytesContents } from "../contents/bytes-contents.js";
import { createContents } from "../contents/create.js";
import type { PageContents } from "../contents/page-contents.js";
import { PTE_MAX_PAYLOAD } from "../space/pte.js";

export class SwapSpace {
  /** Swap PTEs naming each slot. */
  count = new Int32Array(0);
  /** The frame caching each slot, or -1. */
  cache = new Int32Array(0);
  /** 1 while the slot is allocated. */
  used = new Uint8Array(0);
  /** The device's pages: what was written at swap-out (in bytes mode over the machine's content store: a swap-out copies no bytes). */
  readonly store: PageContents;
  /** pfn → slot for frames in the swap cache (`folio->swap`). */
  readonly slotOf = new Map<number, number>();
  #free: number[] = [];
  /** Next never-used slot. */
  hwm = 0;

  /** A device for a machine whose frames hold `frames`. */
  constructor(frames: PageContents) {
    this.store = frames instanceof BytesContents ? frames.sibling() : createContents(frames.mode);
  }

  /** Slots in use. */
  get inUse(): number {
    return this.hwm - this.#free.length;
  }

  /** get_swap_page: a free slot (count 0, no cache), or -1 when the device is full. */
  alloc(): number {
    let slot = this.#free.pop();
    if (slot === undefined) {
      if (this.hwm > PTE_MAX_PAYLOAD) return -1;
      slot = this.hwm++;
      if (slot >= this.count.length) this.#grow(Math.max(1024, this.count.length * 2));
    }
    this.used[slot] = 1;
    this.count[slot] = 0;
    this.cache[slot] = -1;
    this.store.drop(slot);
    return slot;
  }

  /** Release a slot whose count is 0 and which has no cached frame. */
  release(slot: number): void {
    this.used[slot] = 0;
    this.store.drop(slot); // its data is no longer needed
    this.#free.push(slot);
  }

  /** Free slots on the free stack (for dumps). */
  freeSlots(): readonly number[] {
    return this.#free;
  }

  #grow(capacity: number): void {
    const count = new Int32Array(capacity);
    count.set(this.count);
    const cache = new Int32Array(capacity).fill(-1);
    cache.set(this.cache);
    const used = new Uint8Array(capacity);
    used.set(this.used);
    this.count = count;
    this.cache = cache;
    this.used = used;
    this.store.grow(capacity);
  }
}
