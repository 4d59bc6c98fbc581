/** max_page_sharing: chains of dups (`__stable_node_chain`, `stable_node_dup` and friends). */
import { STABLE_NODE_CHAIN } from "./constants.js";
import type { KsmState } from "./engine.js";
import { folioPutUnlock, GetFolio, ksmFolioLive, ksmGetFolio } from "./get-folio.js";
import { ksmOops } from "./oops.js";
import type { StableNode } from "./stable-node.js";

/** __is_page_sharing_candidate */
export function isPageSharingCandidateOffset(k: KsmState, node: StableNode, offset: number): boolean {
  return node.rmapHlistLen > 0 && node.rmapHlistLen + offset < k.knobs.maxPageSharing;
}

/** is_page_sharing_candidate */
export function isPageSharingCandidate(k: KsmState, node: StableNode): boolean {
  return isPageSharingCandidateOffset(k, node, 0);
}

/** What __stable_node_chain returns besides the page: the dup chosen, and the node now in the tree (a collapsed chain is replaced by its dup). */
export interface ChainResult {
  /** pfn (with a reference taken when `held`), or -1 */
  pfn: number;
  /**
   * Whether `pfn` carries ksm_get_folio's reference. A live dup picked
   * without one carries none: the caller only compares and drops it, which
   * would leave the page as it was (see ksmFolioLive).
   */
  held: boolean;
  dup: StableNode | null;
  node: StableNode;
}

/**
 * When a prune of a chain's stale dups is due: `prune` asked for
 * (chain_prune) and not `time_before(jiffies, chain->chain_prune_time +
 * msecs_to_jiffies(ksm_stable_node_chains_prune_millisecs))`, i.e. a chain
 * last pruned at or before the jiffy returned (-Infinity without `prune`).
 */
export function pruneCutoff(k: KsmState, prune: boolean): number {
  return prune ? k.jiffies - k.pruneIntervalJiffies() : Number.NEGATIVE_INFINITY;
}

/** stable_node_dup's pick: whether `dup`, whose page is alive, beats `found` (null: none yet). */
function betterDup(k: KsmState, dup: StableNode, found: StableNode | null): boolean {
  return (
    found === null ||
    (isPageSharingCandidate(k, dup) && (!isPageSharingCandidate(k, found) || dup.rmapHlistLen > found.rmapHlistLen))
  );
}

/**
 * The chain's head dup when stable_node_dup would change nothing and pick
 * it: no prune due (see pruneCutoff), two dups or more (so the chain does
 * not collapse), and either the head alive (ksmFolioLive) and a sharing
 * candidate (so the walk picks it first and stops there) or the chain
 * settled in this generation (every dup alive, none a candidate: the walk
 * goes through them all and keeps the first). Else null. A stable-tree
 * walk that only compares may then compare with the head's page directly.
 */
export function settledHeadDup(k: KsmState, chain: StableNode, cutoff: number): StableNode | null {
  const head = chain.head;
  return head !== null &&
    chain.chainPruneTime > cutoff &&
    chain.dups.length >= 2 &&
    (chain.settledGen === k.trust.stableGen || (isPageSharingCandidate(k, head) && ksmFolioLive(k, head)))
    ? head
    : null;
}

/**
 * stable_node_dup: walk a chain's dups (pruning stale ones, all of them when
 * `prune` and the prune interval has passed), pick the best, collapse a
 * chain left with one dup, move a dup that can take more to the head, free
 * a chain left with none.
 *
 * A dup whose page is alive (ksmFolioLive) is looked at without
 * ksm_get_folio's reference: the walk would drop it again, except for the
 * dup kept, which the caller then takes (`out.held` false). A stale dup
 * leaves the chain inside ksm_get_folio, as hlist_for_each_entry_safe allows.
 */
function stableNodeDup(k: KsmState, chain: StableNode, root: number, prune: boolean, out: ChainResult): void {
  if (chain.chainPruneTime <= pruneCutoff(k, prune)) chain.chainPruneTime = k.jiffies;
  else prune = false;
  const dups = chain.dups;
  if (chain.settledGen === k.trust.stableGen && dups.length >= 2) {
    // settled (StableNode.settledGen): the walk would meet every dup alive, none a candidate, and keep the first
    out.held = false;
    out.dup = dups[0]!;
    out.pfn = dups[0]!.kpfn;
    return;
  }
  let found: StableNode | null = null;
  let held = false; // found's page carries ksm_get_folio's reference
  let settled = true; // every dup met alive and none a candidate
  for (let i = 0; i < dups.length; ) {
    const dup = dups[i]!;
    const live = ksmFolioLive(k, dup);
    if (!live) settled = false;
    if (!live && ksmGetFolio(k, dup, GetFolio.NOLOCK) < 0) {
      if (dups[i] === dup) ksmOops(k, `stable_node_dup: stale dup ${dup.id} is still in chain ${chain.id}`);
      continue; // it left the chain: dups[i] is the next one
    }
    i++;
    if (isPageSharingCandidate(k, dup)) settled = false;
    if (betterDup(k, dup, found)) {
      if (found !== null && held) folioPutUnlock(k, found.kpfn, false);
      found = dup;
      held = !live;
      if (!prune && isPageSharingCandidate(k, found)) break; // skip put_page for found candidate
      continue;
    }
    if (!live) folioPutUnlock(k, dup.kpfn, false);
  }
  out.held = held;
  if (settled && found === dups[0] && dups.length >= 2 && k.trust.enabled) chain.settledGen = k.trust.stableGen;
  const treePfn = found !== null ? found.kpfn : -1;
  if (found !== null) {
    if (dups.length === 1 && dups[0] === found) {
      k.trust.stableChanged();
      // hlist_is_singular_node: the chain collapses into its only dup
      const tree = k.stableRoots[root]!;
      dups.length = 0;
      chain.head = null;
      found.chain = null;
      found.place = "tree";
      found.root = tree;
      tree.replace(chain.treeNode!, found.treeNode!);
      k.trust.stableChanged(); // the tree's nodes changed (SettledStableTrees)
      chain.root = null;
      k.freeStableNode(chain);
      k.stableNodeChains--;
      k.stableNodeDups--;
      out.node = found;
    } else if (dups[0] !== found && isPageSharingCandidateOffset(k, found, 1)) {
      k.trust.stableChanged();
      dups.splice(dups.indexOf(found), 1);
      dups.unshift(found);
      chain.head = found;
    }
  } else {
    freeStableNodeChain(k, chain, root);
  }
  out.dup = found;
  out.pfn = treePfn;
}

/**
 * __stable_node_chain: a regular node's page, or a chain's best dup's page
 * (`chain_prune` when `prune`, `chain` otherwise). `out.node` is updated if
 * the chain collapsed.
 */
export function stableNodeChain(k: KsmState, node: StableNode, root: number, prune: boolean, out: ChainResult): void {
  out.node = node;
  if (!node.isChain) {
    out.held = true;
    out.dup = node;
    out.pfn = ksmGetFolio(k, node, GetFolio.NOLOCK);
    return;
  }
  stableNodeDup(k, node, root, prune, out);
}

/** free_stable_node_chain */
export function freeStableNodeChain(k: KsmState, chain: StableNode, root: number): void {
  k.trust.stableChanged();
  const tree = k.stableRoots[root]!;
  if (!tree.holds(chain.treeNode!))
    ksmOops(k, `free_stable_node_chain: chain ${chain.id} not in root_stable_tree[${root}]`);
  tree.erase(chain.treeNode!);
  k.trust.stableChanged(); // the tree's nodes changed (SettledStableTrees)
  chain.root = null;
  k.freeStableNode(chain);
  k.stableNodeChains--;
}

/** stable_node_chain_add_dup: at the head of the chain's list. */
export function stableNodeChainAddDup(k: KsmState, dup: StableNode, chain: StableNode): void {
  k.trust.stableChanged();
  if (!chain.isChain) ksmOops(k, `stable_node_chain_add_dup: ${chain.id} is not a chain`);
  dup.place = "dup";
  dup.chain = chain;
  dup.root = null;
  chain.dups.unshift(dup);
  chain.head = dup;
  k.stableNodeDups++;
}

/** alloc_stable_node_chain: a chain takes `dup`'s place in the tree and `dup` becomes its first dup. */
export function allocStableNodeChain(k: KsmState, dup: StableNode, root: number): StableNode {
  const chain = k.allocStableNode();
  chain.chainPruneTime = k.jiffies;
  chain.rmapHlistLen = STABLE_NODE_CHAIN;
  chain.nid = dup.nid;
  k.stableNodeChains++;
  const tree = k.stableRoots[root]!;
  tree.replace(dup.treeNode!, chain.treeNode!);
  k.trust.stableChanged(); // the tree's nodes changed (SettledStableTrees)
  chain.root = tree;
  chain.place = "tree";
  stableNodeChainAddDup(k, dup, chain);
  return chain;
}
