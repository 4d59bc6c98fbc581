/**
 * Settled stable trees (no kernel counterpart: the kernel visits every node
 * of every descent). A stable-tree descent steps past a node by hints alone
 * where the node's page is alive with nothing to do and its hint is that
 * page's (StableDescent.takesShortcut). That holds for a node until the
 * stable generation moves (WalkTrust.stableGen: anything that may change
 * whether a stable node's page is alive, a node's rmap_hlist_len as far as
 * is_page_sharing_candidate goes, or a chain's dups) or chain_prune's
 * cutoff does. So once every node of a tree is found to take it, in one
 * generation and cutoff, every descent of that tree in the same generation
 * and cutoff may chase by hints down to the first node whose hint is the
 * searched page's, and take the kernel's visit from there: the same nodes,
 * compares and outcome. A tree is checked only after enough descents in
 * one generation to pay for the check (a quarter of its size, again as
 * often while it is found unsettled), and only
 * where the clock stands still within a descent (no KsmClock) and walks may
 * be trusted at all (KsmOptions.trustedWalks).
 */
import type { TreeWalk } from "@ksm-sim/tree";
import type { StableDescent } from "./stable-descent.js";
import type { StableNode } from "./stable-node.js";

/** Descents in one generation before a tree is checked, at least. */
const MIN_STREAK = 16;

/** The state of one tree for one kind of descent (stable_tree_search prunes chains, stable_tree_insert does not). */
class Settle {
  /** The generation and cutoff in which every node took the shortcut (gen -1: none). */
  gen = -1;
  cutoff = 0;
  /** The generation and cutoff of the descents being counted, and how many. */
  streakGen = -1;
  streakCutoff = 0;
  streak = 0;
  /** Nodes in the tree at the last check. */
  size = 0;
}

export class SettledStableTrees {
  private readonly byKey: Settle[] = [];
  private stack = new Int32Array(64);

  /** Whether descent `d` (its root, prune, cutoff set) of the tree walked by `w` may chase by hints from the root. */
  holds(d: StableDescent, w: TreeWalk<StableNode>): boolean {
    const trust = d.k.trust;
    if (!d.clockStill || !trust.enabled) return false;
    const key = 2 * d.root + (d.prune ? 1 : 0);
    const s = this.byKey[key] ?? (this.byKey[key] = new Settle());
    const gen = trust.stableGen;
    if (s.gen === gen && s.cutoff === d.cutoff) return true;
    if (s.streakGen !== gen || s.streakCutoff !== d.cutoff) {
      s.streakGen = gen;
      s.streakCutoff = d.cutoff;
      s.streak = 0;
      return false;
    }
    if (++s.streak < Math.max(MIN_STREAK, s.size >> 2)) return false;
    s.streak = 0; // a tree found unsettled is checked again after as many descents more
    if (!this.allTakeShortcut(d, w, s)) return false;
    s.gen = gen;
    s.cutoff = d.cutoff;
    return true;
  }

  /** Every node of the tree takes the shortcut (a depth-first walk of it); counts the nodes into `s.size`. */
  private allTakeShortcut(d: StableDescent, w: TreeWalk<StableNode>, s: Settle): boolean {
    let top = 0;
    let n = 0;
    const root = w.rootNode();
    if (root >= 0) this.stack[top++] = root;
    while (top > 0) {
      const node = this.stack[--top]!;
      n++;
      if (!d.takesShortcut(w, node)) {
        s.size = n;
        return false;
      }
      if (top + 2 > this.stack.length) {
        const grown = new Int32Array(2 * this.stack.length);
        grown.set(this.stack);
        this.stack = grown;
      }
      const l = w.leftOf(node);
      const r = w.rightOf(node);
      if (l >= 0) this.stack[top++] = l;
      if (r >= 0) this.stack[top++] = r;
    }
    s.size = n;
    return true;
  }
}
