/** cmp_and_merge_page: what ksmd does with each page it scans. */
import { ksmStableNodeOf, putRef } from "@ksm-sim/mm";
import { STABLE_FLAG, UNSTABLE_FLAG } from "@ksm-sim/rmap";
import type { KsmState } from "./engine.js";
import { listAddMigrate, stableNodeDupDel } from "./get-folio.js";
import { tryToMergeTwoPages, tryToMergeWithKsmPage, tryToMergeWithZeroPage } from "./merge.js";
import { removeRmapItemFromTree } from "./remove.js";
import { SEARCH_EBUSY, stableTreeAppend, stableTreeInsert, stableTreeSearch } from "./stable-tree.js";
import { unstableTreeSearchInsert } from "./unstable-tree.js";

/** remove_rmap_item_from_tree does nothing to an item without these flags: such calls are skipped. */
const IN_A_TREE = STABLE_FLAG | UNSTABLE_FLAG;

/**
 * `rmap_item->oldchecksum == checksum`, with the checksum known from its key
 * where the page contents allow (tokens: from the tokens, hashed only when
 * two different tokens meet): an item never visited has oldchecksum 0.
 */
function checksumUnchanged(k: KsmState, id: number, key: number): boolean {
  const items = k.items;
  const contents = k.machine.contents;
  if (!items.hasOldChecksum(id)) return contents.keyChecksumIs(key, 0);
  const old = items.oldchecksum[id]!;
  return old === key || contents.keyChecksum(old) === contents.keyChecksum(key);
}

/**
 * cmp_and_merge_page: first see whether page `pfn` (scanned for rmap_item
 * `id`, ksmd holding a reference) is already a KSM page of this item;
 * otherwise, unless its checksum changed since the last visit, look for an
 * identical page in the stable tree, then in the unstable tree, merging
 * where found.
 */
export function cmpAndMergePage(k: KsmState, pfn: number, id: number): void {
  const m = k.machine;
  const items = k.items;
  const nodeId = ksmStableNodeOf(m, pfn);
  const stableNode = nodeId > 0 ? (k.stableNodes.get(nodeId) ?? null) : null;
  if (stableNode !== null) {
    if (stableNode.place !== "migrate" && k.getKpfnNid(stableNode.kpfn) !== stableNode.nid) {
      stableNodeDupDel(k, stableNode);
      listAddMigrate(k, stableNode);
    }
    if (stableNode.place !== "migrate" && items.headOf(id) === stableNode.id) {
      return;
    }
  } else {
    if ((items.flags[id]! & IN_A_TREE) !== 0) removeRmapItemFromTree(k, id);
    const key = m.contents.checksumKey(pfn); // calc_checksum, as a key (PageContents.checksumKey)
    k.nrChecksums++; // ksmd's cost model
    if (!checksumUnchanged(k, id, key)) {
      k.nrNewChecksums++; // ksmd's cost model
      items.setOldChecksum(id, key);
      return;
    }
    if (tryToMergeWithZeroPage(k, id, pfn) === 0) return;
  }

  const kpfn = stableTreeSearch(k, pfn);
  if (kpfn === pfn && items.headOf(id) === (stableNode === null ? 0 : stableNode.id)) {
    putRef(m, kpfn);
    return;
  }
  if ((items.flags[id]! & IN_A_TREE) !== 0) removeRmapItemFromTree(k, id);
  if (kpfn === SEARCH_EBUSY) return;
  if (kpfn >= 0) {
    if (tryToMergeWithKsmPage(k, id, pfn, kpfn) === 0) {
      const node = k.stableNodes.get(ksmStableNodeOf(m, kpfn))!;
      stableTreeAppend(k, id, node);
    }
    putRef(m, kpfn);
    return;
  }
  const treeId = unstableTreeSearchInsert(k, id, pfn);
  if (treeId !== 0) {
    const treePfn = k.twinPfn;
    const merged = tryToMergeTwoPages(k, id, pfn, treeId, treePfn);
    putRef(m, treePfn);
    if (merged >= 0) {
      // stable_tree_insert cannot fail here (no allocation failure is modelled), so no break_cow follows
      const node = stableTreeInsert(k, merged);
      stableTreeAppend(k, treeId, node);
      stableTreeAppend(k, id, node);
    }
  }
}
