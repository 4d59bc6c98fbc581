/** A tree's AvlStore: its slot array (which grows) and the heights beside it, kept the same length. */
import type { NodeSlots } from "@ksm-sim/tree/slots";
import type { AvlStore } from "./node.js";

/** `store` brought up to date with `slots` (a new array after growth; heights as long as the slots). */
export function syncStore(store: AvlStore, slots: NodeSlots): AvlStore {
  store.s = slots.s;
  if (store.h.length < slots.capacity) {
    const h = new Uint8Array(slots.capacity);
    h.set(store.h);
    store.h = h;
  }
  return store;
}

/** A new store for `slots`. */
export function newStore(slots: NodeSlots): AvlStore {
  return { s: slots.s, h: new Uint8Array(slots.capacity) };
}
