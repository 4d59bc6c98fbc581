/** One descent of a stable tree (the loop of stable_tree_search and stable_tree_insert, mm/ksm.c). */
import { putRef } from "@ksm-sim/mm";
import { NO_NODE, RESTART, type Restart, type Tree, type TreeWalk } from "@ksm-sim/tree";
import { type ChainResult, pruneCutoff, settledHeadDup, stableNodeChain } from "./chain.js";
import type { KsmState } from "./engine.js";
import { ksmFolioLive } from "./get-folio.js";
import { SettledStableTrees } from "./settled-stable-tree.js";
import type { StableNode } from "./stable-node.js";

/** What StableDescent.step returns for RESTART (a memcmp sign is -1, 0 or 1). */
const STEP_RESTART = 2;

/**
 * One descent of a stable tree comparing page `pfn`; at each node,
 * `chain_prune`/`chain` finds a comparable page (pruning on the way); a
 * stale node, or a tree changed under the walk, restarts from the root.
 */
export class StableDescent {
  pfn = -1;
  root = 0;
  prune = false;
  /** The searched page's orderHint (TreeWalk nodes keep the hint of the page they last compared with). */
  private hint = 0;
  /** The page `visit` compared with (-1: none). */
  private compared = -1;
  /** Set on a content match: the node in the tree and the dup chosen. */
  readonly hit: ChainResult = { pfn: -1, held: false, dup: null, node: null as unknown as StableNode };
  private readonly out: ChainResult = { pfn: -1, held: false, dup: null, node: null as unknown as StableNode };
  /** The loop body for `Tree.descend` (backends without TreeWalk). */
  readonly fn: (node: StableNode) => number | Restart;

  constructor(readonly k: KsmState) {
    this.fn = (node) => this.visit(node);
  }

  /**
   * The loop body at `node`: the memcmp sign against its page (a regular
   * node's, or a chain's best dup's), or RESTART. Where it would change
   * nothing (a regular node whose page is alive, or a chain whose head dup
   * stable_node_dup would keep: settledHeadDup), it compares with that page
   * directly: ksm_get_folio's reference and the put after the compare
   * cancel out.
   */
  visit(node: StableNode): number | Restart {
    const dup = this.liveDup(node);
    return dup !== null ? this.compare(node, dup, dup.kpfn) : this.visitWithFolio(node);
  }

  /** The dup whose page `visit` would compare with, alive and with nothing else to do (see `visit`); else null. */
  private liveDup(node: StableNode): StableNode | null {
    const k = this.k;
    if (!node.isChain) return ksmFolioLive(k, node) ? node : null;
    // jiffies is fixed between ksmd's batches; inside one it moves with the work charged (KsmClock)
    return settledHeadDup(k, node, this.clockStill ? this.cutoff : pruneCutoff(k, this.prune));
  }

  /** Whether the clock stands still during this descent (no KsmClock), and then pruneCutoff for it. */
  clockStill = false;
  cutoff = 0;

  /** The loop body with chain_prune / chain and the page's reference as the kernel takes them. */
  private visitWithFolio(node: StableNode): number | Restart {
    const k = this.k;
    const out = this.out;
    stableNodeChain(k, node, this.root, this.prune, out);
    if (out.pfn < 0) return RESTART; // stale: rb_erase may have rebalanced the tree
    if (out.node !== node) {
      // the chain collapsed into its dup (rb_replace_node): walk again from the root
      if (out.held) putRef(k.machine, out.pfn);
      return RESTART;
    }
    const ret = this.compare(node, out.dup!, out.pfn);
    if (out.held) putRef(k.machine, out.pfn);
    return ret;
  }

  /** memcmp_pages(page, tree_page) at `node`, whose dup `dup` has its page at `pfn`. */
  private compare(node: StableNode, dup: StableNode, pfn: number): number {
    const k = this.k;
    const ret = k.machine.contents.compare(this.pfn, pfn);
    this.compared = pfn;
    k.nrCompares++; // ksmd's cost model
    k.nrStableCompares++;
    if (ret === 0) {
      this.hit.dup = dup;
      this.hit.node = node;
    }
    return ret;
  }

  /**
   * The descent of `tree`: walked here when it offers TreeWalk, else by
   * `Tree.descend`. Returns the matched entry's value, or null.
   *
   * A TreeWalk node keeps the orderHint of the page it last compared with.
   * Where the loop body would compare with a live page directly (see
   * `visit`) and that page's hint is still the node's and differs from the
   * searched page's, the hints decide the compare as memcmp would (it still
   * counts, at the same step), so the next node depends on the node's hint
   * alone while the checks run.
   */
  descend(tree: Tree<StableNode>): StableNode | null {
    const w = tree.walk;
    const k = this.k;
    this.hint = k.machine.contents.orderHint(this.pfn);
    this.clockStill = k.clock === null;
    this.cutoff = this.clockStill ? pruneCutoff(k, this.prune) : 0;
    if (w === undefined) return tree.descend(this.fn)?.value ?? null;
    restart: for (;;) {
      let parent = NO_NODE;
      let left = false;
      let node = w.rootNode();
      if (this.settled.holds(this, w)) {
        // every node takes the hint shortcut (SettledStableTrees): down by hints to the first node whose hint is the page's
        this.settledDescents++;
        node = this.settledChase(w, node);
        if (w.chaseSteps > 0) {
          k.nrCompares += w.chaseSteps; // ksmd's cost model
          k.nrStableCompares += w.chaseSteps;
          parent = w.chaseParent;
          left = w.chaseLeft;
        }
      }
      while (node !== NO_NODE) {
        const r = this.step(w, node);
        if (r === STEP_RESTART) continue restart; // kernel: goto again
        parent = node;
        if (r < 0) {
          left = true;
          node = w.leftOf(node);
        } else if (r > 0) {
          left = false;
          node = w.rightOf(node);
        } else {
          w.walkMatched();
          return w.valueAt(node);
        }
      }
      w.walkEnded(parent, left);
      return null;
    }
  }

  /** The chase of a settled tree; with checkWalks, each node passed is checked to take the shortcut (else throws). */
  private settledChase(w: TreeWalk<StableNode>, from: number): number {
    if (!this.k.trust.check) return w.chase(from, this.hint);
    let n = from;
    while (n !== NO_NODE && w.hintAt(n) !== this.hint) {
      if (!this.takesShortcut(w, n))
        throw new Error(
          `ksm: settled stable-tree walk passed stable node ${w.valueAt(n).id}, which does not take the hint shortcut`,
        );
      n = this.hint < w.hintAt(n) ? w.leftOf(n) : w.rightOf(n);
    }
    return w.chase(from, this.hint);
  }

  /**
   * Whether `step` at `node` decides by hints alone for every searched hint
   * but the node's own: its page to compare with is alive and needs nothing
   * done (liveDup), and the node's hint is that page's. Reads only.
   */
  takesShortcut(w: TreeWalk<StableNode>, node: number): boolean {
    const dup = this.liveDup(w.valueAt(node));
    return dup !== null && this.k.machine.contents.orderHint(dup.kpfn) === w.hintAt(node);
  }

  /** Descents that chased a settled tree (a statistic for tests and benchmarks). */
  settledDescents = 0;

  /** The stable trees found settled, per root and kind of descent. */
  private readonly settled = new SettledStableTrees();

  /**
   * The loop body at TreeWalk node `node`: by its hint where that decides,
   * else `visit`'s, whose page's hint the node then keeps. A number always
   * (STEP_RESTART for RESTART), so the walk's loop sees one type.
   */
  private step(w: TreeWalk<StableNode>, node: number): number {
    const k = this.k;
    const value = w.valueAt(node);
    // liveDup, written out: the walk's loop body with one call less per level
    const dup = !value.isChain
      ? ksmFolioLive(k, value)
        ? value
        : null
      : settledHeadDup(k, value, this.clockStill ? this.cutoff : pruneCutoff(k, this.prune));
    if (dup === null) return this.slowStep(w, node, value);
    const h = w.hintAt(node);
    const dupHint = k.machine.contents.orderHint(dup.kpfn);
    if (h !== this.hint && dupHint === h) {
      k.nrCompares++; // ksmd's cost model
      k.nrStableCompares++;
      return this.hint < h ? -1 : 1;
    }
    w.setHint(node, dupHint);
    return this.compare(value, dup, dup.kpfn);
  }

  /** `step` where the kernel's loop body has work to do (chain_prune, a stale node): visitWithFolio. */
  private slowStep(w: TreeWalk<StableNode>, node: number, value: StableNode): number {
    this.compared = -1;
    const r = this.visitWithFolio(value);
    if (r === RESTART) return STEP_RESTART;
    if (this.compared >= 0) w.setHint(node, this.k.machine.contents.orderHint(this.compared));
    return r;
  }
}

/** The engine's descent state, made once (call as `k.stableDescent ?? newStableDescent(k)`). */
export function newStableDescent(k: KsmState): StableDescent {
  const d = new StableDescent(k);
  k.stableDescent = d;
  return d;
}
