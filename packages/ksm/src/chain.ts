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
   * Whether `pfn` carries ksm_get_folio's reference. A live dup picked by
   * pickLiveDup carries none: the caller only compares and drops it, which
   * would leave the page as it was (see ksmFolioLive).
   */
  held: boolean;
  dup: StableNode | null;
  node: StableNode;
}

/**
 * Snapshots of `chain.dups` for stableNodeDup's walk (ksmGetFolio may take a
 * stale dup out of the list under it, as hlist_for_each_entry_safe allows),
 * kept in one reused array instead of a new copy per visit: this runs at
 * every chain node of every stable-tree descent. Walks may nest (a stale
 * dup's removal can reach another chain), so each walk takes its own slice
 * above `dupSnapshotTop`.
 */
const dupSnapshot: (StableNode | null)[] = [];
let dupSnapshotTop = 0;

/** msecs_to_jiffies(ksm_stable_node_chains_prune_millisecs), remembered for the last knob value and HZ (it runs at every chain visit). */
let pruneMs = -1;
let pruneHz = -1;
let pruneJiffies = 0;
export function pruneIntervalJiffies(k: KsmState): number {
  const ms = k.knobs.stableNodeChainsPruneMillisecs;
  if (ms !== pruneMs || k.hz !== pruneHz) {
    pruneJiffies = k.msecsToJiffies(ms);
    pruneMs = ms;
    pruneHz = k.hz;
  }
  return pruneJiffies;
}

/**
 * stable_node_dup: walk a chain's dups (pruning stale ones, all of them when
 * `prune` and the prune interval has passed), pick the best, collapse a
 * chain left with one dup, move a dup that can take more to the head, free
 * a chain left with none.
 */
function stableNodeDup(k: KsmState, chain: StableNode, root: number, prune: boolean, out: ChainResult): void {
  if (
    !prune ||
    k.jiffies < chain.chainPruneTime + pruneIntervalJiffies(k) // time_before
  ) {
    prune = false;
  } else {
    chain.chainPruneTime = k.jiffies;
  }
  let found = pickLiveDup(k, chain, prune);
  out.held = found === null;
  if (found === null) found = pickDupWithFolios(k, chain, prune);
  const treePfn = found !== null ? found.kpfn : -1;
  if (found !== null) {
    if (chain.dups.length === 1 && chain.dups[0] === found) {
      // hlist_is_singular_node: the chain collapses into its only dup
      const tree = k.stableRoots[root]!;
      chain.dups.length = 0;
      chain.head = null;
      found.chain = null;
      found.place = "tree";
      found.root = tree;
      tree.replace(chain.treeNode!, found.treeNode!);
      chain.root = null;
      k.freeStableNode(chain);
      k.stableNodeChains--;
      k.stableNodeDups--;
      out.node = found;
    } else if (chain.dups[0] !== found && isPageSharingCandidateOffset(k, found, 1)) {
      chain.dups.splice(chain.dups.indexOf(found), 1);
      chain.dups.unshift(found);
      chain.head = found;
    }
  } else {
    freeStableNodeChain(k, chain, root);
  }
  out.dup = found;
  out.pfn = treePfn;
}

/**
 * stable_node_dup's walk when every dup it looks at is live (ksmFolioLive):
 * then each ksm_get_folio's reference is dropped again except the one of the
 * dup kept, so the walk only compares and the caller takes that one
 * reference. null (nothing done) when the walk would meet a stale dup, or a
 * chain with no dup: pickDupWithFolios does those.
 */
function pickLiveDup(k: KsmState, chain: StableNode, prune: boolean): StableNode | null {
  const dups = chain.dups;
  const max = k.knobs.maxPageSharing;
  let found: StableNode | null = null;
  let foundLen = 0;
  for (let i = 0; i < dups.length; i++) {
    const dup = dups[i]!;
    if (!ksmFolioLive(k, dup)) return null;
    const len = dup.rmapHlistLen;
    const candidate = len > 0 && len < max; // is_page_sharing_candidate
    if (found === null || (candidate && (!(foundLen > 0 && foundLen < max) || len > foundLen))) {
      found = dup;
      foundLen = len;
      if (!prune && candidate) break;
    }
  }
  return found;
}

/** stable_node_dup's walk with every ksm_get_folio as the kernel makes it (stale dups leave the chain here): the dup kept, its page referenced. */
function pickDupWithFolios(k: KsmState, chain: StableNode, prune: boolean): StableNode | null {
  let found: StableNode | null = null;
  let foundLen = 0;
  let treePfn = -1;
  // for (const dup of [...chain.dups]), over a reused snapshot (see dupSnapshot)
  const dups = chain.dups;
  const base = dupSnapshotTop;
  const n = dups.length;
  for (let i = 0; i < n; i++) dupSnapshot[base + i] = dups[i]!;
  dupSnapshotTop = base + n;
  try {
    for (let i = 0; i < n; i++) {
      const dup = dupSnapshot[base + i]!;
      const pfn = ksmGetFolio(k, dup, GetFolio.NOLOCK); // a stale dup leaves the chain here
      if (pfn < 0) continue;
      if (
        found === null ||
        (isPageSharingCandidate(k, dup) && (!isPageSharingCandidate(k, found) || dup.rmapHlistLen > foundLen))
      ) {
        if (found !== null) folioPutUnlock(k, treePfn, false);
        found = dup;
        foundLen = dup.rmapHlistLen;
        treePfn = pfn;
        if (!prune && isPageSharingCandidate(k, found)) break;
        continue;
      }
      folioPutUnlock(k, pfn, false);
    }
  } finally {
    for (let i = 0; i < n; i++) dupSnapshot[base + i] = null; // hold no freed nodes
    dupSnapshotTop = base;
  }
  return found;
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
  const tree = k.stableRoots[root]!;
  if (!tree.holds(chain.treeNode!))
    ksmOops(k, `free_stable_node_chain: chain ${chain.id} not in root_stable_tree[${root}]`);
  tree.erase(chain.treeNode!);
  chain.root = null;
  k.freeStableNode(chain);
  k.stableNodeChains--;
}

/** stable_node_chain_add_dup: at the head of the chain's list. */
export function stableNodeChainAddDup(k: KsmState, dup: StableNode, chain: StableNode): void {
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
  chain.root = tree;
  chain.place = "tree";
  stableNodeChainAddDup(k, dup, chain);
  return chain;
}
