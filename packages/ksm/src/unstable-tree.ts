/** The unstable tree: pages not yet merged, searched and filled in one descent per scanned page. */
import { followPage, getRef, type Mm, PG_ANON, putRef, VM_MERGEABLE, type Vma } from "@ksm-sim/mm";
import { setUnstable } from "@ksm-sim/rmap";
import type { KsmState } from "./engine.js";
import { findMergeableVma } from "./merge.js";

/**
 * get_mergeable_page: the anon page now mapped at rmap_item `id`'s address,
 * with a reference, or -1 (VMA gone or no longer mergeable, mm exiting,
 * nothing or not an anon page there).
 */
export function getMergeablePage(k: KsmState, id: number): number {
  const items = k.items;
  const addr = items.address[id]!;
  const vma = findMergeableVma(k.mmOf(items.mm[id]!), addr);
  if (vma === null) return -1;
  const pfn = followPage(vma, addr - vma.start);
  if (pfn < 0 || (k.machine.frames.flags[pfn]! & PG_ANON) === 0) return -1;
  getRef(k.machine, pfn);
  return pfn;
}

const ABORT = 2; // descent outcome: give up without inserting

/** The descent state of unstable_tree_search_insert, reused (no allocation per page). */
class UnstableDescent {
  pfn = -1;
  nid = 0;
  /** 0: walking; 1: matched (treePfn holds a reference); ABORT */
  outcome = 0;
  treePfn = -1;
  /**
   * One-entry memo of getMergeablePage's lookups, valid for one descent only
   * (reset by unstableTreeSearchInsert): k.mmOf(mmId) and mm.vmaAt(addr) give
   * the same objects for the whole descent, since nothing in it maps, unmaps
   * or exits. Tree items of one mm are usually in one VMA, so most levels
   * skip the Map lookup and find_vma's search.
   */
  mmId = -1;
  mm: Mm | null = null;
  vma: Vma | null = null;
  readonly fn: (treeItem: number) => number;

  constructor(readonly k: KsmState) {
    this.fn = (treeItem) => {
      const k = this.k;
      const treePfn = this.mergeablePage(treeItem);
      if (treePfn < 0) {
        this.outcome = ABORT;
        return 0;
      }
      if (treePfn === this.pfn) {
        // don't substitute a ksm page for a forked page
        putRef(k.machine, treePfn);
        this.outcome = ABORT;
        return 0;
      }
      const ret = k.machine.contents.compare(this.pfn, treePfn);
      if (ret !== 0) {
        putRef(k.machine, treePfn);
        return ret;
      }
      if (!k.knobs.mergeAcrossNodes && k.machine.topology.nodeOfPfn(treePfn) !== this.nid) {
        // the twin migrated to another node: not merged, not inserted
        putRef(k.machine, treePfn);
        this.outcome = ABORT;
        return 0;
      }
      this.outcome = 1;
      this.treePfn = treePfn;
      return 0;
    };
  }

  /** getMergeablePage(this.k, id), with the memo above: the same result and the same reference taken. */
  mergeablePage(id: number): number {
    const k = this.k;
    const items = k.items;
    const addr = items.address[id]!;
    const mmId = items.mm[id]!;
    let mm = this.mm;
    if (mmId !== this.mmId || mm === null) {
      mm = k.mmOf(mmId);
      this.mm = mm;
      this.mmId = mmId;
      this.vma = null;
    }
    // findMergeableVma(mm, addr), with vmaAt's result memoised
    if (mm.users === 0) return -1; // ksm_test_exit
    let vma = this.vma;
    if (vma === null || addr < vma.start || addr >= vma.end) {
      vma = mm.vmaAt(addr);
      if (vma === null) return -1;
      this.vma = vma;
    }
    if ((vma.flags & VM_MERGEABLE) === 0 || vma.anonVma === 0) return -1;
    const pfn = followPage(vma, addr - vma.start);
    if (pfn < 0 || (k.machine.frames.flags[pfn]! & PG_ANON) === 0) return -1;
    getRef(k.machine, pfn);
    return pfn;
  }
}

const descents = new WeakMap<KsmState, UnstableDescent>();

/**
 * unstable_tree_search_insert: the rmap_item of an identical page in the
 * unstable tree (its page, with a reference, in `result.treePfn`), or 0 after
 * linking rmap_item `id` where the walk ended (pages_unshared++), or 0 when
 * the walk was abandoned.
 */
export function unstableTreeSearchInsert(k: KsmState, id: number, pfn: number, result: { treePfn: number }): number {
  let d = descents.get(k);
  if (d === undefined) {
    d = new UnstableDescent(k);
    descents.set(k, d);
  }
  const nid = k.getKpfnNid(pfn);
  const tree = k.unstableRoots[nid]!;
  d.pfn = pfn;
  d.nid = nid;
  d.outcome = 0;
  d.mmId = -1; // the lookup memo lives for one descent
  d.mm = null;
  d.vma = null;
  const found = tree.descend(d.fn);
  d.mm = null; // hold no mm or VMA between descents
  d.vma = null;
  if (found !== null) {
    if (d.outcome !== 1) return 0;
    result.treePfn = d.treePfn;
    return found.value;
  }
  setUnstable(k.items, id, k.list.scan.seqnr, nid);
  tree.link(k.itemNode(id));
  k.pagesUnshared++;
  return 0;
}
