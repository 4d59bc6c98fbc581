/** fork: the child shares every page copy-on-write. */
import { fail, show } from "../errors.js";
import { PG_ANON_EXCLUSIVE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import { Mm } from "../space/mm-struct.js";
import { PageTable } from "../space/page-table.js";
import { PTE_PAGE, PTE_SWAP, PTE_SWP_EXCLUSIVE, PTE_WRITE, pteKind, ptePayload } from "../space/pte.js";
import { Vma } from "../space/vma.js";
import { MMF_VM_MERGE_ANY } from "../space/vma-flags.js";
import { checkMm } from "./validate.js";

/**
 * copyPteRange (kernel copy_pte_range): the child's page table is a copy of
 * the parent's. A mapped frame gains a mapping and a reference and stops
 * being exclusive, and both PTEs lose WRITE (COW); a swap entry gains a swap
 * count and both lose their exclusive mark; zero-page PTEs (KSM's too) are
 * copied as they are.
 */
export function copyPteRange(m: Machine, src: Vma, dst: Vma): void {
  const from = src.table;
  if (from === null) return;
  const to = new PageTable(from.pages);
  const f = m.frames;
  for (let i = from.nextMapped(0); i >= 0; i = from.nextMapped(i + 1)) {
    let pte = from.get(i);
    const kind = pteKind(pte);
    if (kind === PTE_PAGE) {
      const pfn = ptePayload(pte);
      f.incRef(pfn);
      f.incMapCount(pfn);
      f.flags[pfn]! &= ~PG_ANON_EXCLUSIVE;
      pte = (pte & ~PTE_WRITE) >>> 0;
      from.set(i, pte);
    } else if (kind === PTE_SWAP) {
      m.swap.count[ptePayload(pte)]!++;
      pte = (pte & ~PTE_SWP_EXCLUSIVE) >>> 0;
      from.set(i, pte);
    }
    to.set(i, pte);
  }
  dst.table = to;
}

/**
 * fork (dup_mm + dup_mmap): a child with copies of the parent's VMAs (flags
 * included; each with a new anon_vma under the parent's root) and page
 * tables, the parent's mm_struct fields copied (MMF_VM_MERGE_ANY is the only
 * KSM flag inherited; the KSM counters are copied and KSM's ksmFork hook
 * fixes them), then KSM's ksmFork hook.
 */
export function fork(m: Machine, parent: Mm, childName?: string): Mm {
  checkMm(m, parent);
  if (childName !== undefined && (typeof childName !== "string" || childName === "")) {
    fail("EINVAL", `child name: must be a non-empty string, got ${show(childName)}`);
  }
  const id = m.nextMmId++;
  const child = new Mm(id, childName ?? `mm${id}`, parent.cpuNode);
  child.flags = parent.flags & MMF_VM_MERGE_ANY;
  child.ksmMergingPages = parent.ksmMergingPages;
  child.ksmRmapItems = parent.ksmRmapItems;
  child.ksmZeroPages = parent.ksmZeroPages;
  child.mmapCount = parent.mmapCount;
  child.mmapSlot = parent.mmapSlot;
  for (const vma of parent.vmas) {
    const copy = new Vma(m.nextVmaId++, child, vma.name, vma.start, vma.pages, vma.flags, vma.policy);
    if (vma.anonVma !== 0) {
      copy.anonVma = m.anonVmas.create(m.anonVmas.root(vma.anonVma));
      copyPteRange(m, vma, copy);
    }
    child.vmas.push(copy);
  }
  m.mms.set(id, child);
  m.hooks.ksmFork(child, parent);
  return child;
}
