/** munmap of a whole VMA. */
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import type { Vma } from "../space/vma.js";
import { lruAddDrain } from "./lru.js";
import { checkVma } from "./validate.js";
import { zapPteRange } from "./zap.js";

/** do_vmi_munmap → vms_clear_ptes: drain this CPU's lru batch, zap every PTE, remove the VMA. */
export function munmap(m: Machine, mm: Mm, vma: Vma): void {
  checkVma(m, mm, vma);
  lruAddDrain(m);
  zapPteRange(m, vma, 0, vma.pages);
  detachVma(vma);
}

/** Take the VMA out of its mm (its page table goes with it). */
export function detachVma(vma: Vma): void {
  const vmas = vma.mm.vmas;
  vmas.splice(vmas.indexOf(vma), 1);
  vma.mapped = false;
  vma.table = null;
}
