/** The migrate step: move_pages(MPOL_MF_MOVE_ALL). */
import type { Errno } from "../errors.js";
import { fail } from "../errors.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import type { Vma } from "../space/vma.js";
import { drainDeferred } from "./lru.js";
import { migrateFrames } from "./migrate-frames.js";
import { framesInRange } from "./rmap.js";
import { checkNode, checkRange, checkVma } from "./validate.js";

/**
 * Moves the frames behind pages [start, start+count) to `node`, each once
 * for all its mappers (a KSM page, a page shared after fork). Pages with no
 * frame of their own (never written, swapped out, on the zero page) have
 * nothing to move. The per-CPU batches are drained first
 * (lru_cache_disable). "ok" when every frame ends on `node`, else the errno
 * of the first that could not (EBUSY: pinned or locked; ENOMEM: `node` is
 * full).
 */
export function migrate(m: Machine, mm: Mm, vma: Vma, start: number, count: number, node: number): "ok" | Errno {
  checkVma(m, mm, vma);
  const n = checkRange(vma, start, count);
  checkNode(m, node);
  if (m.freeLists.offline[node] === 1) fail("EINVAL", `node: node ${node} is offline`);
  const s = start ?? 0;
  drainDeferred(m);
  const pfns = framesInRange(vma, s, s + n).filter((pfn) => m.topology.nodeOfPfn(pfn) !== node);
  return migrateFrames(m, pfns, () => node) ?? "ok";
}
