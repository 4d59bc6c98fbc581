/** The keyhole: finding a stable node's KSM page without holding a reference to it. */
import { getRef, ksmStableNodeOf, PG_FREE, PG_SWAPCACHE, putRef, trylockPage, unlockPage } from "@ksm-sim/mm";
import { isStable } from "@ksm-sim/rmap";
import type { KsmState } from "./engine.js";
import { ksmOops } from "./oops.js";
import type { StableNode } from "./stable-node.js";

export enum GetFolio {
  NOLOCK = 0,
  LOCK = 1,
  TRYLOCK = 2,
}

/** Returned by ksmGetFolio(TRYLOCK) when the page lock is busy (kernel ERR_PTR(-EBUSY)). */
export const FOLIO_EBUSY = -2;

/** Whether frame `pfn` still carries node's key in its mapping (kernel: folio->mapping == node | FOLIO_MAPPING_KSM). */
function keyholeMatches(k: KsmState, pfn: number, node: StableNode): boolean {
  const f = k.machine.frames;
  return (f.flags[pfn]! & PG_FREE) === 0 && ksmStableNodeOf(k.machine, pfn) === node.id;
}

/**
 * Whether ksmGetFolio(node, NOLOCK) would return the node's page with a
 * reference that a putRef then exactly undoes (the keyhole matches and the
 * refcount is above 0): a walk that only looks may then skip both.
 */
export function ksmFolioLive(k: KsmState, node: StableNode): boolean {
  const kpfn = node.kpfn;
  if (kpfn < 0) return false;
  const f = k.machine.frames;
  return (f.flags[kpfn]! & PG_FREE) === 0 && ksmStableNodeOf(k.machine, kpfn) === node.id && f.refcount[kpfn]! > 0;
}

/**
 * ksm_get_folio: the node's page with a reference taken (and locked for
 * LOCK; the caller unlocks), -1 when the node is stale (and then removed
 * from the stable tree, with every item's counters), FOLIO_EBUSY for a busy
 * TRYLOCK. A page that is unmapped but still alive (swap cache, pinned, in a
 * per-CPU batch) passes.
 */
export function ksmGetFolio(k: KsmState, node: StableNode, flags: GetFolio): number {
  const m = k.machine;
  const kpfn = node.kpfn;
  if (kpfn >= 0 && keyholeMatches(k, kpfn, node)) {
    // folio_try_get: a frame with refcount 0 is free unless frozen in the swap cache (not modelled: never frozen).
    if (m.frames.refcount[kpfn]! > 0 || (m.frames.flags[kpfn]! & PG_SWAPCACHE) !== 0) {
      getRef(m, kpfn);
      if (flags === GetFolio.TRYLOCK) {
        if (!trylockPage(m, kpfn)) {
          putRef(m, kpfn);
          return FOLIO_EBUSY;
        }
      } else if (flags === GetFolio.LOCK) {
        trylockPage(m, kpfn); // lock_page: never contended between steps
      }
      return kpfn;
    }
  }
  removeNodeFromStableTree(k, node);
  return -1;
}

/** Drop what ksmGetFolio took. */
export function folioPutUnlock(k: KsmState, pfn: number, locked: boolean): void {
  if (locked) unlockPage(k.machine, pfn);
  putRef(k.machine, pfn);
}

/**
 * remove_node_from_stable_tree: every item on the node's list loses its
 * stable membership at once (pages_sharing for those with a successor,
 * pages_shared for the last), then the node leaves its tree, chain or the
 * migrate list and is freed.
 */
export function removeNodeFromStableTree(k: KsmState, node: StableNode): void {
  k.trust.stableChanged();
  if (node.rmapHlistLen < 0) ksmOops(k, `remove_node_from_stable_tree: stable node ${node.id} is a chain`);
  const items = k.items;
  for (let id = node.hlistFirst; id !== 0; ) {
    const next = items.hlistNextOf(id);
    if (!isStable(items, id) || items.headOf(id) !== node.id) {
      ksmOops(k, `remove_node_from_stable_tree: rmap_item ${id} on the list of stable node ${node.id} is not its`);
    }
    if (next !== 0) {
      k.pagesSharing--;
      k.tracer.removeRmapItem(node.kpfn, id, items.mmOf(id));
    } else {
      k.pagesShared--;
    }
    k.mmOf(items.mmOf(id)).ksmMergingPages--;
    node.rmapHlistLen--;
    items.flags[id] = 0; // rmap_item->address &= PAGE_MASK: flags and seqnr bits
    items.setHead(id, 0);
    items.setHlistNext(id, 0);
    items.setHlistPrev(id, 0);
    id = next;
  }
  node.hlistFirst = 0;
  k.tracer.removeKsmPage(node.kpfn);
  if (node.place === "migrate") listDelMigrate(k, node);
  else stableNodeDupDel(k, node);
  k.freeStableNode(node);
}

/** list_del(&node->list) from migrate_nodes. */
export function listDelMigrate(k: KsmState, node: StableNode): void {
  k.trust.stableChanged();
  const i = k.migrateNodes.indexOf(node);
  if (i < 0) ksmOops(k, `list_del: stable node ${node.id} is not on migrate_nodes`);
  k.migrateNodes.splice(i, 1);
}

/** list_add(&node->list, &migrate_nodes): at the head. */
export function listAddMigrate(k: KsmState, node: StableNode): void {
  k.trust.stableChanged();
  node.place = "migrate";
  node.chain = null;
  k.migrateNodes.unshift(node);
}

/** __stable_node_dup_del: unlink a dup from its chain. */
export function stableNodeDupDelFromChain(k: KsmState, dup: StableNode): void {
  k.trust.stableChanged();
  const chain = dup.chain;
  if (!dup.isDup || chain === null) ksmOops(k, `__stable_node_dup_del: stable node ${dup.id} is not a dup`);
  const i = chain.dups.indexOf(dup);
  if (i < 0) ksmOops(k, `__stable_node_dup_del: dup ${dup.id} is not in chain ${chain.id}`);
  chain.dups.splice(i, 1);
  chain.head = chain.dups[0] ?? null;
  dup.chain = null;
  k.stableNodeDups--;
}

/** stable_node_dup_del: a dup leaves its chain, a regular node leaves root_stable_tree[node->nid]. */
export function stableNodeDupDel(k: KsmState, node: StableNode): void {
  if (node.isChain) ksmOops(k, `stable_node_dup_del: stable node ${node.id} is a chain`);
  if (node.isDup) stableNodeDupDelFromChain(k, node);
  else rbEraseStable(k, node, node.nid);
}

/** rb_erase(&node->node, root_stable_tree + nid), with the oops the kernel would take if that root does not hold it. */
export function rbEraseStable(k: KsmState, node: StableNode, nid: number): void {
  const root = k.stableRoots[nid];
  if (root === undefined || !root.holds(node.treeNode!)) {
    ksmOops(
      k,
      `rb_erase: stable node ${node.id} (kpfn ${node.kpfn}) is not in root_stable_tree[${nid}]` +
        (node.root !== root ? " (it was linked into a stable tree root that is no longer in use)" : ""),
    );
  }
  root.erase(node.treeNode!);
  k.trust.stableChanged(); // the tree's nodes changed (SettledStableTrees)
  node.root = null;
}
