/** One descent of a stable tree (the loop of stable_tree_search and stable_tree_insert, mm/ksm.c). */
import { PG_FREE, PG_KSM, putRef, TokenContents } from "@ksm-sim/mm";
import { RESTART, type Restart, type Tree } from "@ksm-sim/tree";
import { type RbNode, RbTree } from "@ksm-sim/tree-rbtree";
import { type ChainResult, pruneIntervalJiffies, stableNodeChain } from "./chain.js";
import { STABLE_NODE_CHAIN } from "./constants.js";
import type { KsmState } from "./engine.js";
import { ksmFolioLive } from "./get-folio.js";
import type { StableNode } from "./stable-node.js";

/**
 * One descent of a stable tree comparing page `pfn`; at each node,
 * `chain_prune`/`chain` finds a comparable page (pruning on the way); a
 * stale node, or a tree changed under the walk, restarts from the root.
 */
export class StableDescent {
  pfn = -1;
  root = 0;
  prune = false;
  /** The page `visit` compared with (-1: none), whose orderHint its rbtree node then keeps. */
  private compared = -1;
  /** Set on a content match: the node in the tree and the dup chosen. */
  readonly hit: ChainResult = { pfn: -1, held: false, dup: null, node: null as unknown as StableNode };
  private readonly out: ChainResult = { pfn: -1, held: false, dup: null, node: null as unknown as StableNode };
  /** The comparison for `Tree.descend` (backends other than rbtree). */
  readonly fn: (node: StableNode) => number | Restart;

  constructor(readonly k: KsmState) {
    this.fn = (node) => this.visit(node);
  }

  /**
   * The loop body at `node`. A regular node whose page is live
   * (ksmFolioLive) is compared directly: ksm_get_folio's reference and the
   * put after the compare cancel out.
   */
  visit(node: StableNode): number | Restart {
    if (node.rmapHlistLen !== STABLE_NODE_CHAIN && ksmFolioLive(this.k, node)) {
      const ret = this.k.machine.contents.compare(this.pfn, node.kpfn);
      this.compared = node.kpfn;
      this.k.nrCompares++; // ksmd's cost model
      this.k.nrStableCompares++;
      if (ret === 0) {
        this.hit.dup = node;
        this.hit.node = node;
      }
      return ret;
    }
    return this.visitWithFolio(node);
  }

  /** The loop body with chain_prune / chain and the page's reference as the kernel takes them. */
  private visitWithFolio(node: StableNode): number | Restart {
    const out = this.out;
    stableNodeChain(this.k, node, this.root, this.prune, out);
    if (out.pfn < 0) return RESTART; // stale: rb_erase may have rebalanced the tree
    if (out.node !== node) {
      // the chain collapsed into its dup (rb_replace_node): walk again from the root
      if (out.held) putRef(this.k.machine, out.pfn);
      return RESTART;
    }
    const ret = this.k.machine.contents.compare(this.pfn, out.pfn);
    this.compared = out.pfn;
    this.k.nrCompares++; // ksmd's cost model
    this.k.nrStableCompares++;
    if (out.held) putRef(this.k.machine, out.pfn);
    if (ret === 0) {
      this.hit.dup = out.dup;
      this.hit.node = out.node;
    }
    return ret;
  }

  /**
   * The descent of `tree`: the rbtree backend's walk done here (no callback
   * per level), others by `Tree.descend`. Returns the matched entry's value,
   * or null.
   *
   * Where the loop body would change nothing and compare with a live page
   * (a regular node's, or a chain's head dup: see below), that compare is
   * made here, with no reference taken (it would be dropped again). Each rbtree node keeps the orderHint of the page
   * it last compared with: where that page's hint is still the node's and
   * differs from the searched page's, the hints decide the compare as memcmp
   * would (it still counts, at the same step), so the next node depends on
   * the node's hint alone while the checks run. Anything else takes `visit`.
   */
  descend(tree: Tree<StableNode>): StableNode | null {
    if (!(tree instanceof RbTree)) return tree.descend(this.fn)?.value ?? null;
    const rb = tree as RbTree<StableNode>;
    const k = this.k;
    const m = k.machine;
    const contents = m.contents;
    const keys = contents instanceof TokenContents ? contents.keys : null;
    const pfn = this.pfn;
    const hint = contents.orderHint(pfn);
    const chainTag = STABLE_NODE_CHAIN; // an imported binding is a cell the JIT reloads at every use
    const free = PG_FREE;
    const ksm = PG_KSM;
    restart: for (;;) {
      // reloaded after every visit: the frame arrays, the knobs, and jiffies for
      // chain_prune (-1: chain; -2: read at each chain, ksmd's batch clock moving with the compares)
      let { flags, mapping, refcount } = m.frames;
      let pruneJiffies = pruneIntervalJiffies(k);
      let maxPageSharing = k.knobs.maxPageSharing;
      let jiffies = !this.prune ? -1 : k.clock === null ? k.jiffies : -2;
      let parent: RbNode<StableNode> | null = null;
      let left = false;
      let node = rb.rbNode;
      while (node !== null) {
        const value = node.value;
        let dup: StableNode | null = value;
        if (value.rmapHlistLen === chainTag) {
          // stable_node_dup changes nothing and keeps the head dup when no prune is due (time_before),
          // the chain has two dups or more, and the head is a sharing candidate (and live, below)
          dup = null;
          if (jiffies === -1 || (jiffies === -2 ? k.jiffies : jiffies) < value.chainPruneTime + pruneJiffies) {
            const head = value.head;
            if (head !== null && head.rmapHlistLen > 0 && head.rmapHlistLen < maxPageSharing && value.dups.length >= 2)
              dup = head;
          }
        }
        const kpfn = dup !== null ? dup.kpfn : -1;
        let r: number;
        if (
          kpfn >= 0 &&
          (flags[kpfn]! & (free | ksm)) === ksm && // ksmFolioLive
          mapping[kpfn] === dup!.id &&
          refcount[kpfn]! > 0
        ) {
          const h = node.hint;
          if (h !== hint && (keys !== null ? keys[kpfn]! >>> 2 : contents.orderHint(kpfn)) === h) {
            r = hint < h ? -1 : 1;
          } else {
            r = contents.compare(pfn, kpfn);
            node.hint = contents.orderHint(kpfn);
          }
          k.nrCompares++; // ksmd's cost model
          k.nrStableCompares++;
          if (r === 0) {
            this.hit.dup = dup;
            this.hit.node = value;
          }
        } else {
          this.compared = -1;
          const v = this.visit(value);
          if (typeof v !== "number") continue restart; // RESTART (kernel: goto again)
          if (this.compared >= 0) node.hint = contents.orderHint(this.compared);
          ({ flags, mapping, refcount } = m.frames);
          pruneJiffies = pruneIntervalJiffies(k);
          maxPageSharing = k.knobs.maxPageSharing;
          if (jiffies !== -1) jiffies = k.clock === null ? k.jiffies : -2;
          r = v;
        }
        parent = node;
        if (r < 0) {
          left = true;
          node = node.left;
        } else if (r > 0) {
          left = false;
          node = node.right;
        } else {
          rb.descentMatched();
          return value;
        }
      }
      rb.descentEndedAt(parent, left);
      return null;
    }
  }
}

/** The engine's descent state, made once. */
export function descentFor(k: KsmState): StableDescent {
  let d = k.stableDescent;
  if (d === null) {
    d = new StableDescent(k);
    k.stableDescent = d;
  }
  return d;
}
