/** The unstable tree: pages not yet merged, searched and filled in one descent per scanned page. */
import { followPage, getRef, PG_ANON } from "@ksm-sim/mm";
import { setUnstable } from "@ksm-sim/rmap";
import { IndexRbTree, NIL } from "@ksm-sim/tree-rbtree";
import type { KsmState } from "./engine.js";
import { findMergeableVma } from "./merge.js";
import { UnstableDescent } from "./unstable-descent.js";

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

/**
 * unstable_tree_search_insert: the rmap_item of an identical page in the
 * unstable tree (its page, with a reference, in `result.treePfn`), or 0 after
 * linking rmap_item `id` where the walk ended (pages_unshared++), or 0 when
 * the walk was abandoned.
 */
export function unstableTreeSearchInsert(k: KsmState, id: number, pfn: number, result: { treePfn: number }): number {
  let d = k.unstableDescent;
  if (d === null) {
    d = new UnstableDescent(k);
    k.unstableDescent = d;
  }
  const nid = k.getKpfnNid(pfn);
  const tree = k.unstableRoots[nid]!;
  d.begin(pfn, nid);
  const indexed = tree instanceof IndexRbTree ? tree : null;
  // the rbtree backend's walk runs on its slots; other backends walk through Tree.descend
  const found = indexed !== null ? d.walkIx(indexed) : (tree.descend(d.fn)?.value ?? NIL);
  d.end();
  if (found !== NIL) {
    if (d.outcome !== 1) return 0;
    result.treePfn = d.treePfn;
    return found;
  }
  setUnstable(k.items, id, k.list.scan.seqnr, nid);
  if (indexed !== null) {
    indexed.arena.reserve(id);
    const slot = indexed.linkIndex(id);
    indexed.slots.s[4 * slot + 3] = d.hint; // the inserted page's (see UnstableDescent.walkIx)
  } else {
    tree.link(k.itemNode(id));
    d.linkedWithHint(id, d.hint); // the inserted page's (see UnstableDescent.visitGeneric)
  }
  // ksmd's reference the only one: after its put_page, walks must meet this page the kernel's way (visitWithRefs)
  if (k.machine.frames.refcount[pfn]! <= 1) k.treeTrusted = false;
  k.pagesUnshared++;
  return 0;
}
