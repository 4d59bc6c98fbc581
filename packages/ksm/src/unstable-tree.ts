/** The unstable tree: pages not yet merged, searched and filled in one descent per scanned page. */
import { setUnstable } from "@ksm-sim/rmap";
import { NO_NODE } from "@ksm-sim/tree";
import type { KsmState } from "./engine.js";
import { UnstableDescent } from "./unstable-descent.js";

/** The engine's descent state, made once. */
function newDescent(k: KsmState): UnstableDescent {
  const d = new UnstableDescent(k);
  k.unstableDescent = d;
  return d;
}

/**
 * unstable_tree_search_insert: the rmap_item of an identical page in the
 * unstable tree (its page, with a reference, in `k.twinPfn`), or 0 after
 * linking rmap_item `id` where the walk ended (pages_unshared++), or 0 when
 * the walk was abandoned.
 */
export function unstableTreeSearchInsert(k: KsmState, id: number, pfn: number): number {
  const d = k.unstableDescent ?? newDescent(k);
  const nid = k.getKpfnNid(pfn);
  const tree = k.unstableRoots[nid]!;
  d.begin(pfn, nid);
  const w = tree.walk;
  const found = w !== undefined ? d.walk(w) : (tree.descend(d.fn)?.value ?? NO_NODE);
  d.end();
  if (found !== NO_NODE) {
    if (d.outcome !== 1) return 0;
    k.twinPfn = d.treePfn;
    return found;
  }
  setUnstable(k.items, id, k.list.scan.seqnr, nid);
  const node = k.linkUnstable(nid, id);
  // the inserted page's hint (see UnstableDescent.decide)
  if (w !== undefined) w.setHint(node, d.hint);
  else d.linkedWithHint(id, d.hint);
  // ksmd's reference the only one: after its put_page, walks must meet this page the kernel's way
  if (k.machine.frames.refcount[pfn]! <= 1) k.trust.loseUnstable();
  k.pagesUnshared++;
  return 0;
}
