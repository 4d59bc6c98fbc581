/** The offline step: memory hot-remove of a whole node (offline_pages). */
import type { Errno } from "../errors.js";
import { PG_FREE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import { drainDeferred } from "./lru.js";
import { migrateFrames } from "./migrate-frames.js";
import { checkNode } from "./validate.js";

/**
 * Hot-removes `node`: drains the per-CPU batches, migrates every frame in
 * use off the node (to the nearest online node with room), and if all of
 * them moved, marks the node offline (nothing is allocated there again) and
 * runs KSM's memoryOffline hook for its pfn range. A frame that cannot move
 * (pinned, locked, no room elsewhere) makes it EBUSY: the frames already
 * moved stay moved and the node stays online, as when offline_pages gives up.
 * A node already offline gives EINVAL, as writing "offline" to the state
 * file of its memory blocks does.
 */
export function offlineNode(m: Machine, node: number): "ok" | Errno {
  checkNode(m, node);
  const fl = m.freeLists;
  if (fl.offline[node] === 1) return "EINVAL"; // state_store: device_offline() > 0 (already offline) gives -EINVAL
  drainDeferred(m);
  const start = fl.starts[node]!;
  const end = fl.ends[node]!;
  const hwm = fl.hwm[node]!;
  const f = m.frames;
  const used: number[] = [];
  for (let pfn = start; pfn < hwm; pfn++) if ((f.flags[pfn]! & PG_FREE) === 0) used.push(pfn);
  const order = m.topology.nodesByDistance(node);
  const target = () => {
    for (const n of order) if (n !== node && fl.available(n) > 0) return n;
    return -1;
  };
  if (migrateFrames(m, used, target) !== null) return "EBUSY";
  fl.offline[node] = 1;
  m.hooks.memoryOffline(start, end);
  return "ok";
}
