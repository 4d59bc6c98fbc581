/** The stable tree: search, insert and append (mm/ksm.c). */
import { getRef, ksmStableNodeOf, putRef, setKsm, unlockPage } from "@ksm-sim/mm";
import { setStable } from "@ksm-sim/rmap";
import { allocStableNodeChain, isPageSharingCandidate, stableNodeChainAddDup } from "./chain.js";
import type { KsmState } from "./engine.js";
import {
  FOLIO_EBUSY,
  GetFolio,
  ksmGetFolio,
  listAddMigrate,
  listDelMigrate,
  rbEraseStable,
  stableNodeDupDelFromChain,
} from "./get-folio.js";
import { ksmOops } from "./oops.js";
import { newStableDescent } from "./stable-descent.js";
import type { StableNode } from "./stable-node.js";

/** Returned by stableTreeSearch when the matched KSM page is locked (ERR_PTR(-EBUSY)). */
export const SEARCH_EBUSY = FOLIO_EBUSY;

/**
 * stable_tree_search: the KSM page with the same contents as `pfn`, with a
 * reference (-1 for none, SEARCH_EBUSY when that page is locked). A KSM page
 * reached through a new mapping (fork) is returned as it is; a migrated KSM
 * page's node (on migrate_nodes) is placed into the right tree here.
 */
export function stableTreeSearch(k: KsmState, pfn: number): number {
  const m = k.machine;
  const pageNodeId = ksmStableNodeOf(m, pfn);
  const pageNode = pageNodeId > 0 ? (k.stableNodes.get(pageNodeId) ?? null) : null;
  if (pageNode !== null && pageNode.place !== "migrate") {
    getRef(m, pfn); // ksm page forked
    return pfn;
  }
  const nid = k.getKpfnNid(pfn);
  const tree = k.stableRoots[nid]!;
  const d = k.stableDescent ?? newStableDescent(k);
  for (;;) {
    d.pfn = pfn;
    d.root = nid;
    d.prune = true;
    const matched = d.descend(tree);
    if (matched === null) {
      if (pageNode === null) return -1;
      listDelMigrate(k, pageNode);
      pageNode.nid = nid;
      pageNode.place = "tree";
      tree.link(pageNode.treeNode!);
      k.trust.stableChanged(); // the tree's nodes changed (SettledStableTrees)
      pageNode.root = tree;
      return sharingCandidatePage(k, pageNode, pfn);
    }
    const stableNode = d.hit.node;
    const dup = d.hit.dup as StableNode;
    if (pageNode !== null && m.frames.mapcount[pfn]! > 1) {
      // chain_append: the migrated page joins this content's chain
      const chain = dup === stableNode ? allocStableNodeChain(k, dup, nid) : stableNode;
      listDelMigrate(k, pageNode);
      pageNode.nid = nid;
      stableNodeChainAddDup(k, pageNode, chain);
      return sharingCandidatePage(k, pageNode, pfn);
    }
    if (!isPageSharingCandidate(k, dup)) return -1;
    const treePfn = ksmGetFolio(k, dup, GetFolio.TRYLOCK);
    if (treePfn === FOLIO_EBUSY) return SEARCH_EBUSY;
    if (treePfn < 0) continue; // the tree may have been rebalanced: again
    unlockPage(m, treePfn);
    if (k.getKpfnNid(dup.kpfn) !== dup.nid) {
      putRef(m, treePfn);
      return replaceMisplaced(k, stableNode, dup, pageNode, nid, pfn);
    }
    return treePfn;
  }
}

/** `out:` of stable_tree_search: the page itself if its node can take another mapping. */
function sharingCandidatePage(k: KsmState, node: StableNode, pfn: number): number {
  if (!isPageSharingCandidate(k, node)) return -1;
  getRef(k.machine, pfn);
  return pfn;
}

/** `replace:` of stable_tree_search: a misplaced dup goes to migrate_nodes; the searched page's node may take its place. */
function replaceMisplaced(
  k: KsmState,
  stableNode: StableNode,
  dup: StableNode,
  pageNode: StableNode | null,
  nid: number,
  pfn: number,
): number {
  let result = -1;
  if (dup === stableNode) {
    const tree = k.stableRoots[nid]!;
    if (pageNode !== null) {
      listDelMigrate(k, pageNode);
      pageNode.nid = nid;
      pageNode.place = "tree";
      tree.replace(dup.treeNode!, pageNode.treeNode!);
      k.trust.stableChanged(); // the tree's nodes changed (SettledStableTrees)
      pageNode.root = tree;
      dup.root = null;
      result = sharingCandidatePage(k, pageNode, pfn);
    } else {
      rbEraseStable(k, dup, nid);
    }
  } else {
    stableNodeDupDelFromChain(k, dup);
    if (pageNode !== null) {
      listDelMigrate(k, pageNode);
      pageNode.nid = nid;
      stableNodeChainAddDup(k, pageNode, stableNode);
      result = sharingCandidatePage(k, pageNode, pfn);
    }
  }
  listAddMigrate(k, dup);
  return result;
}

/**
 * stable_tree_insert: a new stable node for the KSM page `kpfn`, linked as a
 * regular node, or as a new dup when a node of the same contents exists
 * (making that node a chain first). Points the page's mapping at it.
 */
export function stableTreeInsert(k: KsmState, kpfn: number): StableNode {
  const nid = k.getKpfnNid(kpfn);
  const tree = k.stableRoots[nid]!;
  const d = k.stableDescent ?? newStableDescent(k);
  d.pfn = kpfn;
  d.root = nid;
  d.prune = false;
  const matched = d.descend(tree);
  const node = k.allocStableNode();
  node.kpfn = kpfn;
  node.rmapHlistLen = 0;
  node.nid = nid;
  if (matched === null) {
    tree.link(node.treeNode!);
    k.trust.stableChanged(); // the tree's nodes changed (SettledStableTrees)
    node.root = tree;
    node.place = "tree";
  } else {
    let chain = d.hit.node;
    if (!chain.isChain) chain = allocStableNodeChain(k, chain, nid);
    stableNodeChainAddDup(k, node, chain);
  }
  setKsm(k.machine, kpfn, node.id);
  return node;
}

/**
 * stable_tree_append: rmap_item `id` joins `node`'s list at the head; the
 * first item of a node counts as pages_shared, every later one as
 * pages_sharing.
 */
export function stableTreeAppend(k: KsmState, id: number, node: StableNode): void {
  if (node.rmapHlistLen < 0) ksmOops(k, `stable_tree_append: stable node ${node.id} is a chain`);
  // the kernel's WARN_ON_ONCE(len > max_page_sharing) unless a KSM fork bypasses it: a warning, no effect, not modelled
  // is_page_sharing_candidate changes from 0 items to 1 and at max_page_sharing (a settled chain or tree then unsettles)
  const len = ++node.rmapHlistLen;
  if (len === 1 || len === k.knobs.maxPageSharing) k.trust.stableChanged();
  const items = k.items;
  setStable(items, id, node.id);
  const first = node.hlistFirst;
  items.setHlistNext(id, first);
  items.setHlistPrev(id, 0);
  if (first !== 0) items.setHlistPrev(first, id);
  node.hlistFirst = id;
  if (first !== 0) k.pagesSharing++;
  else k.pagesShared++;
  k.mmOf(items.mmOf(id)).ksmMergingPages++;
}
