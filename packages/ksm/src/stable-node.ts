/**
 * `struct ksm_stable_node`: one per KSM page (a regular node or a dup inside
 * a chain), plus chain heads. Few enough to be objects. Each has a small
 * integer id, which is what a KSM frame's `mapping` holds (the keyhole).
 */
import type { TreeNode } from "@ksm-sim/tree";
import { STABLE_NODE_CHAIN } from "./constants.js";

/** Where a node sits (kernel: the `head` union): in an rbtree, on migrate_nodes, or a dup in a chain. */
export type StableNodePlace = "tree" | "migrate" | "dup" | "free";

export class StableNode {
  /** The rb_node, made once by the backend (stable trees hold StableNode values). */
  treeNode: TreeNode<StableNode> | null = null;
  place: StableNodePlace = "tree";
  /** For a regular node or a dup: first rmap_item of its hlist (0 = empty). */
  hlistFirst = 0;
  /** For a chain: its dups, head first (kernel: chain->hlist of hlist_dup). */
  readonly dups: StableNode[] = [];
  /** For a chain: `dups[0]` (null for none), kept with the list for the stable-tree walk. */
  head: StableNode | null = null;
  /** For a dup: the chain that holds it. */
  chain: StableNode | null = null;
  /** pfn of the KSM page (regular nodes and dups). */
  kpfn = -1;
  /**
   * For a chain: the stable generation (WalkTrust.stableGen) in which a walk
   * of stable_node_dup found every dup alive and none a sharing candidate,
   * so that until the generation moves the walk would pick the head dup and
   * change nothing (0: never). Kept only with KsmOptions.trustedWalks (the default).
   */
  settledGen = 0;
  /** Simulated ms of the last prune (chains only; kernel chain_prune_time in jiffies). */
  chainPruneTime = 0;
  /** Items on the hlist, or STABLE_NODE_CHAIN for a chain. */
  rmapHlistLen = 0;
  /** Which stable tree (NUMA node index) holds it. */
  nid = 0;
  /** The tree object that linked it, to detect an erase from the wrong root. */
  root: unknown = null;

  constructor(readonly id: number) {}

  get isChain(): boolean {
    return this.rmapHlistLen === STABLE_NODE_CHAIN;
  }

  get isDup(): boolean {
    return this.place === "dup";
  }
}
