/**
 * What the 2013 fixes prevent, caught when it happens: after run=2 has
 * unmerged everything, no process may still map a KSM page. Linux 3.8 left
 * such mappings behind (an mm forked behind the unmerge cursor, a KSM page
 * swapped back in behind it) and oopsed later on the stale trees; the
 * simulator stops at the leak and names it.
 */
import { isKsmPage, isKsmZeroPte, type Mm, nextMappedPte, pteAt, ptePfn, VM_MERGEABLE } from "@ksm-sim/mm";
import type { KsmState } from "./engine.js";
import { ksmOops } from "./oops.js";

/**
 * The first KSM mapping in a VMA that the unmerge pass unshares (VM_MERGEABLE,
 * faulted in), as text, or null. Other VMAs may legitimately keep KSM pages:
 * a process forked before its parent registered shares the parent's pages,
 * which KSM may then merge, but it never unmerges that process.
 */
function ksmMappingOf(k: KsmState, mm: Mm): string | null {
  for (const vma of mm.vmas) {
    if ((vma.flags & VM_MERGEABLE) === 0 || vma.anonVma === 0) continue;
    for (let i = nextMappedPte(vma, 0); i >= 0; i = nextMappedPte(vma, i + 1)) {
      const pte = pteAt(vma, i);
      const pfn = ptePfn(pte);
      if (pfn >= 0 && isKsmPage(k.machine, pfn)) {
        return `KSM page pfn ${pfn} mapped at page ${i} of ${vma.describe()}`;
      }
      if (isKsmZeroPte(pte)) return `KSM zero page mapped at page ${i} of ${vma.describe()}`;
    }
  }
  return null;
}

/** After a completed unmerge pass: no registered process may still map a KSM page where the pass unshares them. */
export function checkUnmergeComplete(k: KsmState): void {
  for (const slot of k.list.slots()) {
    const mm = k.mmOf(slot.mm);
    if (mm.users === 0) continue;
    const leak = ksmMappingOf(k, mm);
    if (leak !== null) {
      ksmOops(
        k,
        `run=2 completed but ${leak}: it was mapped behind the unmerge cursor, so the pass never unshared it ` +
          "(a KSM page outliving the stable tree that tracked it)",
      );
    }
  }
}
