/**
 * A scenario names VMAs; the kernel may split one into several (a madvise on
 * part of it). A region is what the scenario calls a VMA: its pages from
 * `start`, whichever kernel VMAs now cover them.
 */
import type { Mm, Vma } from "@ksm-sim/mm";

export interface Region {
  readonly name: string;
  /** First page number. */
  readonly start: number;
  readonly pages: number;
}

/** The pieces of `region` covering its pages [from, from+count): (vma, first page in the vma, pages). */
export function piecesOf(
  mm: Mm,
  region: Region,
  from: number,
  count: number,
): { vma: Vma; page: number; count: number }[] {
  const lo = region.start + from;
  const hi = lo + count;
  const out: { vma: Vma; page: number; count: number }[] = [];
  for (const vma of mm.vmas) {
    if (vma.end <= lo || vma.start >= hi) continue;
    const s = Math.max(lo, vma.start);
    const e = Math.min(hi, vma.end);
    out.push({ vma, page: s - vma.start, count: e - s });
  }
  return out;
}
