/** Splitting a VMA, as madvise does when it changes the flags of part of one. */
import { fail } from "../errors.js";
import type { Machine } from "../machine.js";
import { Vma } from "../space/vma.js";

/**
 * splitVma (kernel __split_vma): `vma` keeps its pages below `at` (a page
 * offset, 0 < at < pages) and a new VMA, with the same name, flags, anon_vma
 * and policy, takes the rest along with their PTEs. Returns the new upper VMA.
 */
export function splitVma(m: Machine, vma: Vma, at: number): Vma {
  if (!Number.isInteger(at) || at <= 0 || at >= vma.pages) {
    fail("EINVAL", `${vma.describe()}: split at page ${at}, which is not inside its ${vma.pages} pages`);
  }
  const mm = vma.mm;
  const upper = new Vma(m.nextVmaId++, mm, vma.name, vma.start + at, vma.pages - at, vma.flags, vma.policy);
  upper.anonVma = vma.anonVma;
  if (vma.table !== null) {
    upper.table = vma.table.slice(at, vma.pages - at);
    vma.table = vma.table.slice(0, at);
  }
  vma.pages = at;
  mm.vmas.splice(mm.vmas.indexOf(vma) + 1, 0, upper);
  return upper;
}

/**
 * The VMA covering exactly pages [start, start+count) of `vma`, splitting it
 * at either end as needed (kernel vma_modify: what madvise does before
 * changing flags on part of a VMA).
 */
export function isolateVmaRange(m: Machine, vma: Vma, start: number, count: number): Vma {
  m.seq++; // a KSM primitive: moves seq itself (see Machine.seq)
  let piece = vma;
  if (start > 0) piece = splitVma(m, piece, start);
  if (count < piece.pages) splitVma(m, piece, count);
  return piece;
}
