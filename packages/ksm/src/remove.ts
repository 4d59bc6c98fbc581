/** Taking rmap_items out of the trees, and tearing stable nodes down (run=2, knob switches). */
import { setKsm } from "@ksm-sim/mm";
import { isUnstable, STABLE_FLAG, unstableAge } from "@ksm-sim/rmap";
import { freeStableNodeChain } from "./chain.js";
import type { KsmState } from "./engine.js";
import { folioPutUnlock, GetFolio, ksmGetFolio, removeNodeFromStableTree } from "./get-folio.js";
import { ksmOops } from "./oops.js";
import type { StableNode } from "./stable-node.js";

/**
 * remove_rmap_item_from_tree: a stable item leaves its node's list (or, if
 * the node is found stale, the whole node goes with all its items); an
 * unstable item leaves the unstable tree if it entered it during this full
 * scan (an older tree was already reset).
 */
export function removeRmapItemFromTree(k: KsmState, id: number): void {
  const items = k.items;
  const flags = items.flags[id]!;
  if ((flags & STABLE_FLAG) !== 0) {
    const node = k.stableNodes.get(items.headOf(id));
    if (node === undefined) ksmOops(k, `remove_rmap_item_from_tree: rmap_item ${id} points to a freed stable node`);
    const pfn = ksmGetFolio(k, node, GetFolio.LOCK);
    if (pfn < 0) return; // stale: the node went, taking this item with it
    hlistDel(k, node, id);
    folioPutUnlock(k, pfn, true);
    if (node.hlistFirst !== 0) k.pagesSharing--;
    else k.pagesShared--;
    k.mmOf(items.mmOf(id)).ksmMergingPages--;
    if (node.rmapHlistLen <= 0) ksmOops(k, `remove_rmap_item_from_tree: stable node ${node.id} list length underflow`);
    node.rmapHlistLen--;
    k.trust.stableChanged();
    items.setHead(id, 0);
    items.flags[id] = 0;
  } else if (isUnstable(items, id)) {
    const age = unstableAge(items, id, k.list.scan.seqnr);
    if (age > 1) ksmOops(k, `remove_rmap_item_from_tree: unstable rmap_item ${id} of age ${age}`);
    if (age === 0) {
      const nid = items.nidOf(id);
      if (!k.unstableHolds(nid, id)) ksmOops(k, `rb_erase: rmap_item ${id} is not in root_unstable_tree[${nid}]`);
      k.eraseUnstable(nid, id);
    }
    k.pagesUnshared--;
    items.flags[id] = 0;
  }
}

/** hlist_del(&rmap_item->hlist) */
function hlistDel(k: KsmState, node: StableNode, id: number): void {
  const items = k.items;
  const prev = items.hlistPrevOf(id);
  const next = items.hlistNextOf(id);
  if (prev === 0) {
    if (node.hlistFirst !== id) ksmOops(k, `hlist_del: rmap_item ${id} is not on stable node ${node.id}'s list`);
    node.hlistFirst = next;
  } else {
    items.setHlistNext(prev, next);
  }
  if (next !== 0) items.setHlistPrev(next, prev);
  items.setHlistNext(id, 0);
  items.setHlistPrev(id, 0);
}

/**
 * remove_stable_node: a node whose page is stale goes by itself; a page no
 * longer mapped (in the swap cache, pinned, in a batch) is forced out: its
 * mapping loses the node and the node is removed. A page still mapped: EBUSY.
 */
export function removeStableNode(k: KsmState, node: StableNode): "ok" | "EBUSY" {
  const pfn = ksmGetFolio(k, node, GetFolio.LOCK);
  if (pfn < 0) return "ok";
  let err: "ok" | "EBUSY" = "EBUSY";
  if (k.machine.frames.mapcount[pfn] === 0) {
    setKsm(k.machine, pfn, 0); // folio_set_stable_node(folio, NULL)
    removeNodeFromStableTree(k, node);
    err = "ok";
  }
  folioPutUnlock(k, pfn, true);
  return err;
}

/** remove_stable_node_chain: true when busy. */
function removeStableNodeChain(k: KsmState, node: StableNode, root: number): boolean {
  if (!node.isChain) return removeStableNode(k, node) !== "ok";
  for (const dup of [...node.dups]) {
    if (removeStableNode(k, dup) !== "ok") return true;
  }
  if (node.dups.length !== 0) ksmOops(k, `remove_stable_node_chain: chain ${node.id} not empty`);
  freeStableNodeChain(k, node, root);
  return false;
}

/** remove_all_stable_nodes: every tree of every nid, then migrate_nodes; EBUSY if a page is still mapped. */
export function removeAllStableNodes(k: KsmState): "ok" | "EBUSY" {
  let err: "ok" | "EBUSY" = "ok";
  for (let nid = 0; nid < k.nrNodeIds; nid++) {
    const tree = k.stableRoots[nid]!;
    while (tree.size > 0) {
      const top = rootOf(tree);
      if (removeStableNodeChain(k, top, nid)) {
        err = "EBUSY";
        break;
      }
    }
  }
  for (const node of [...k.migrateNodes]) {
    if (removeStableNode(k, node) !== "ok") err = "EBUSY";
  }
  return err;
}

/** The entry at the root of a stable tree (`rb_entry(root->rb_node, ...)`): a descent that stops at the first node. */
function rootOf(tree: import("@ksm-sim/tree").Tree<StableNode>): StableNode {
  let top: StableNode | null = null;
  tree.descend((v) => {
    top = v;
    return 0;
  });
  return top as unknown as StableNode;
}
