/** The migrate step: move_pages(MPOL_MF_MOVE_ALL). */
import type { Errno } from "../errors.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import { pteAt } from "../space/page-walk.js";
import { PTE_PAGE, PTE_ZERO, pteKind, ptePayload } from "../space/pte.js";
import type { Vma } from "../space/vma.js";
import { drainDeferred } from "./lru.js";
import { migrateFrames } from "./migrate-frames.js";
import { framesInRange } from "./rmap.js";
import { checkNode, checkRange, checkVma } from "./validate.js";

/**
 * Moves the frames behind pages [start, start+count) to `node`, each once
 * for all its mappers (a KSM page, a page shared after fork). The per-CPU
 * batches are drained first (lru_cache_disable). Like move_pages, the result
 * is the status of the first page, in address order, that did not end on
 * `node`: ENOENT for a page with no frame (never written, swapped out),
 * EFAULT for one on the zero page, EBUSY (pinned or locked) or ENOMEM
 * (`node` full) for a frame that could not move; "ok" when every page is on
 * `node`.
 */
export function migrate(m: Machine, mm: Mm, vma: Vma, start: number, count: number, node: number): "ok" | Errno {
  checkVma(m, mm, vma);
  const n = checkRange(vma, start, count);
  checkNode(m, node);
  if (m.freeLists.offline[node] === 1) return "ENODEV"; // do_pages_move: !node_state(node, N_MEMORY)
  const s = start ?? 0;
  drainDeferred(m);
  const pfns = framesInRange(vma, s, s + n).filter((pfn) => m.topology.nodeOfPfn(pfn) !== node);
  const err = migrateFrames(m, pfns, () => node);
  for (let page = s; page < s + n; page++) {
    const pte = pteAt(vma, page);
    const kind = pteKind(pte);
    if (kind === PTE_ZERO) return "EFAULT";
    if (kind !== PTE_PAGE) return "ENOENT";
    if (m.topology.nodeOfPfn(ptePayload(pte)) !== node) return err ?? "EBUSY";
  }
  return "ok";
}
