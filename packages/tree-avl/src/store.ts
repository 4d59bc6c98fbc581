/** A tree's AvlStore: its node storage's words (which may grow) and the heights beside them, kept as long. */
import type { NodeStorage } from "@ksm-sim/tree/slots";
import type { AvlStore } from "./node.js";

/** `store` brought up to date with `nodes` (a new array after growth; heights as long as the nodes). */
export function syncStore(store: AvlStore, nodes: NodeStorage): AvlStore {
  const s = nodes.s;
  store.s = s;
  if (store.h.length < s.length >> 2) {
    const h = new Uint8Array(s.length >> 2);
    h.set(store.h);
    store.h = h;
  }
  return store;
}

/** A new store for `nodes`. */
export function newStore(nodes: NodeStorage): AvlStore {
  return { s: nodes.s, h: new Uint8Array(nodes.s.length >> 2) };
}
