/** page_address_in_vma, the check write_protect_page and replace_page start with. */
import { PG_ANON, PG_KSM } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import type { Vma } from "../space/vma.js";

/**
 * pageAddressInVma (kernel page_address_in_vma): the page number at which
 * `vma` maps frame `pfn` by its index, or -1 (the kernel's -EFAULT): a KSM
 * frame (its mapping holds no anon_vma, so folio_anon_vma() is NULL), an
 * anon frame of another anon_vma tree than the VMA's, or an index outside
 * the VMA.
 */
export function pageAddressInVma(m: Machine, pfn: number, vma: Vma): number {
  const f = m.frames;
  const flags = f.flags[pfn]!;
  if ((flags & PG_KSM) !== 0) return -1;
  if ((flags & PG_ANON) !== 0) {
    const anonVma = f.mapping[pfn]!;
    if (vma.anonVma === 0 || anonVma === 0 || m.anonVmas.root(anonVma) !== m.anonVmas.root(vma.anonVma)) return -1;
  }
  const addr = f.index(pfn);
  return addr >= vma.start && addr < vma.end ? addr : -1;
}
