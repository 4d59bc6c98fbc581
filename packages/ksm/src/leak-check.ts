/**
 * What the 2013 fixes prevent, caught when it happens: after run=2 has
 * unmerged everything, no process may still map a KSM page. Linux 3.8 left
 * such mappings behind (an mm forked behind the unmerge cursor, a KSM page
 * swapped back in behind it) and oopsed later on the stale trees; the
 * simulator stops at the leak and names it.
 */
import { isKsmPage, isKsmZeroPte, type Mm, PTE_KIND_MASK, PTE_PAGE, PTE_PAYLOAD_SHIFT } from "@ksm-sim/mm";
import type { KsmState } from "./engine.js";
import { ksmOops } from "./oops.js";

/** The first KSM mapping of `mm`, as text, or null. */
function ksmMappingOf(k: KsmState, mm: Mm): string | null {
  for (const vma of mm.vmas) {
    const ptes = vma.ptes;
    if (ptes === null) continue;
    for (let i = 0; i < ptes.length; i++) {
      const pte = ptes[i]!;
      if ((pte & PTE_KIND_MASK) === PTE_PAGE && isKsmPage(k.machine, pte >>> PTE_PAYLOAD_SHIFT)) {
        return `KSM page pfn ${pte >>> PTE_PAYLOAD_SHIFT} mapped at page ${i} of ${vma.describe()}`;
      }
      if (isKsmZeroPte(pte)) return `KSM zero page mapped at page ${i} of ${vma.describe()}`;
    }
  }
  return null;
}

/** After a completed unmerge pass: every live process must be free of KSM mappings. */
export function checkUnmergeComplete(k: KsmState): void {
  for (const mm of k.machine.mms.values()) {
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
