/** A process exits and its memory is released. */
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import { lruAddDrain } from "./lru.js";
import { detachVma } from "./munmap.js";
import { checkMm } from "./validate.js";
import { zapPteRange } from "./zap.js";

/**
 * mmput → __mmput: mm_users drops to 0, KSM's ksmExit hook runs (ksm_exit
 * comes before exit_mmap), then exit_mmap drains this CPU's lru batch and
 * zaps every VMA. The Mm leaves the machine; KSM may still hold it.
 */
export function exit(m: Machine, mm: Mm): void {
  checkMm(m, mm);
  mm.users = 0;
  m.hooks.ksmExit(mm);
  lruAddDrain(m);
  for (const vma of [...mm.vmas]) {
    zapPteRange(m, vma, 0, vma.pages);
    detachVma(vma);
  }
  m.mms.delete(mm.id);
}
