/** Moving frames to other nodes, each once for all its mappers (migrate_pages). */
import type { Errno } from "../errors.js";
import { PG_KSM, PG_LOCKED, PG_SWAPCACHE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import { mkPagePte, PTE_FLAG_MASK, ptePfn } from "../space/pte.js";
import { allocOnNode } from "./alloc.js";
import { freeFrame } from "./release.js";
import { rmapWalk } from "./rmap.js";

/**
 * Migrates each frame in `pfns` to the node `target(pfn)` chooses (-1:
 * none has room → ENOMEM for it). A frame with a reference its mappings
 * and the swap cache do not explain (a pin, KSM's transient one) or that is
 * locked cannot move: EBUSY (folio_migrate_mapping's refcount check). A
 * moving frame gets a new frame with its contents, flags, mapping, index
 * and counts; every PTE and its swap-cache link follow; KSM's
 * folioMigrateKsm hook runs for KSM frames; the old frame is freed.
 * Returns the first failure, or null.
 */
export function migrateFrames(m: Machine, pfns: readonly number[], target: (pfn: number) => number): Errno | null {
  const f = m.frames;
  const moved = new Map<number, number>();
  let failure: Errno | null = null;
  for (const old of pfns) {
    const explained = f.mapCount(old) + ((f.flags[old]! & PG_SWAPCACHE) !== 0 ? 1 : 0);
    if ((f.flags[old]! & PG_LOCKED) !== 0 || f.ref(old) !== explained) {
      failure ??= "EBUSY";
      m.vmEvents.pgmigrateFail++;
      continue;
    }
    const node = target(old);
    const pfn = node < 0 ? -1 : allocOnNode(m, node);
    if (pfn < 0) {
      failure ??= "ENOMEM";
      m.vmEvents.pgmigrateFail++;
      continue;
    }
    m.contents.copy(pfn, old);
    f.flags[pfn] = f.flags[old]!;
    f.mapping[pfn] = f.mapping[old]!;
    f.setIndex(pfn, f.index(old));
    f.setRef(pfn, f.ref(old));
    f.setMapCount(pfn, f.mapCount(old));
    if ((f.flags[old]! & PG_SWAPCACHE) !== 0) {
      const slot = m.swap.slotOf.get(old)!;
      m.swap.slotOf.delete(old);
      m.swap.slotOf.set(pfn, slot);
      m.swap.cache[slot] = pfn;
    }
    moved.set(old, pfn);
  }
  if (moved.size === 0) return failure;
  rmapWalk(m, moved, (vma, page, pte) => {
    vma.table!.set(page, mkPagePte(moved.get(ptePfn(pte))!, pte & PTE_FLAG_MASK));
  });
  for (const [old, pfn] of moved) {
    if ((f.flags[old]! & PG_KSM) !== 0) m.hooks.folioMigrateKsm(pfn, old);
    freeFrame(m, old);
    m.vmEvents.pgmigrateSuccess++;
  }
  return failure;
}
