/**
 * Small frame primitives KSM uses: references, the page lock, the KSM flag
 * and mapping. Each one that changes a frame moves `Machine.seq` first, as
 * every mutating export of this package does (KSM records seq at the end of
 * each ksmd batch, so its own calls do not cost it its trusted walks).
 */
import { PG_ANON, PG_DIRTY, PG_KSM, PG_LOCKED } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import { folioPut } from "../ops/release.js";
import type { Vma } from "../space/vma.js";

/** getRef (kernel folio_get / folio_try_get): one more reference; false (nothing taken) for a free frame. */
export function getRef(m: Machine, pfn: number): boolean {
  m.seq++;
  if (m.frames.ref(pfn) <= 0) return false;
  m.frames.incRef(pfn);
  m.externalRefs++;
  return true;
}

/** putRef (kernel folio_put): drop a reference taken with getRef; the last one frees the frame. */
export function putRef(m: Machine, pfn: number): void {
  m.seq++;
  m.externalRefs--;
  folioPut(m, pfn);
}

/** trylockPage (kernel folio_trylock): take the page lock if free. */
export function trylockPage(m: Machine, pfn: number): boolean {
  m.seq++;
  const flags = m.frames.flags[pfn]!;
  if ((flags & PG_LOCKED) !== 0) return false;
  m.frames.flags[pfn] = flags | PG_LOCKED;
  return true;
}

/** unlockPage (kernel folio_unlock). */
export function unlockPage(m: Machine, pfn: number): void {
  m.seq++;
  m.frames.flags[pfn]! &= ~PG_LOCKED;
}

/**
 * setKsm (kernel folio_set_stable_node): the frame becomes a KSM page whose
 * mapping is `stableNode`. `setKsm(m, pfn, 0)` is `folio_set_stable_node(folio,
 * NULL)` (`set_page_stable_node(page, NULL)`): a KSM frame keeps its KSM flag
 * and its mapping no longer names a stable node (ksmStableNodeOf gives 0), as
 * remove_stable_node and folio_migrate_ksm leave it.
 */
export function setKsm(m: Machine, pfn: number, stableNode: number): void {
  m.seq++;
  m.frames.flags[pfn]! |= PG_KSM | PG_ANON;
  m.frames.mapping[pfn] = stableNode;
}

/** isKsmPage (kernel folio_test_ksm). */
export function isKsmPage(m: Machine, pfn: number): boolean {
  return (m.frames.flags[pfn]! & PG_KSM) !== 0;
}

/**
 * ksmStableNodeOf (kernel folio_stable_node): the stable node id a KSM frame's
 * mapping holds, 0 for none, -1 when the frame is not a KSM page. KSM's
 * keyhole check is `ksmStableNodeOf(pfn) === node`.
 */
export function ksmStableNodeOf(m: Machine, pfn: number): number {
  return (m.frames.flags[pfn]! & PG_KSM) !== 0 ? m.frames.mapping[pfn]! : -1;
}

/** markDirty (kernel folio_mark_dirty). */
export function markDirty(m: Machine, pfn: number): void {
  m.seq++;
  m.frames.flags[pfn]! |= PG_DIRTY;
}

/** linear_page_index for page `page` of `vma`: its virtual page number. */
export function linearPageIndex(vma: Vma, page: number): number {
  return vma.start + page;
}

/**
 * The non-KSM half of ksm_might_need_to_copy: a swap-cache frame may be
 * mapped as it is when it has no anon_vma, or when its index and anon_vma
 * root match the faulting VMA's page; otherwise it needs a copy.
 */
export function anonSwapCacheMatches(m: Machine, pfn: number, vma: Vma, page: number): boolean {
  const f = m.frames;
  const anonVma = f.mapping[pfn]!;
  if (anonVma === 0) return true;
  return f.index(pfn) === vma.start + page && m.anonVmas.root(anonVma) === m.anonVmas.root(vma.anonVma);
}

/** The node of frame `pfn` (pfn_to_nid). */
export function pageNode(m: Machine, pfn: number): number {
  return m.topology.nodeOfPfn(pfn);
}
