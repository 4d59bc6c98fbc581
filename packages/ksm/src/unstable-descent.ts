/**
 * One descent of unstable_tree_search_insert: the comparison the kernel's
 * `while (*new)` loop makes at each node, allocation-free. A backend whose
 * trees offer TreeWalk is walked here, node by node; others go through
 * `Tree.descend` with the same loop body.
 */
import { followPage, getRef, type Mm, PG_ANON, putRef, type Vma } from "@ksm-sim/mm";
import { NO_NODE, type TreeWalk } from "@ksm-sim/tree";
import type { KsmState } from "./engine.js";
import { findMergeableVma } from "./merge.js";

/** Descent outcome: give up without inserting. */
export const ABORT = 2;

/** The descent state, reused (no allocation per page). */
export class UnstableDescent {
  pfn = -1;
  nid = 0;
  /** 0: walking; 1: matched (treePfn holds a reference); ABORT */
  outcome = 0;
  treePfn = -1;
  /**
   * One-entry memo of find_mergeable_vma, valid for one descent only:
   * nothing in a descent maps, unmaps or exits, so an mm and address range
   * give the same answer for the whole descent. Tree items of one mm are
   * usually in one VMA, so most levels skip the Map lookup and find_vma.
   */
  private mmId = -1;
  private mm: Mm | null = null;
  /** The mergeable VMA holding [vmaStart, vmaEnd) of mm `mmId`, or null (none there). */
  private vma: Vma | null = null;
  private vmaStart = 0;
  private vmaEnd = 0;
  /** The searched page's orderHint (TreeWalk nodes keep their page's). */
  hint = 0;
  /** The page the last visit found at its item's address (-1: none). */
  seen = -1;
  /** The loop body for `Tree.descend` (backends without TreeWalk). */
  readonly fn: (treeItem: number) => number;
  /**
   * Backends without TreeWalk: each linked rmap_item's hint, by id (what a
   * TreeWalk keeps with its nodes), for the same shortcuts.
   */
  private itemHints = new Int32Array(1024);
  /** Whether this descent may steer by hints alone (KsmState.trust when it began). */
  private trusted = false;
  private check = false;

  constructor(readonly k: KsmState) {
    this.fn = (treeItem) => {
      const r = this.decide(treeItem, this.itemHints[treeItem]!);
      if (this.seen >= 0) this.itemHints[treeItem] = this.k.machine.contents.orderHint(this.seen);
      return r;
    };
  }

  /** Remember rmap_item `id`'s hint as it is linked (backends without TreeWalk). */
  linkedWithHint(id: number, hint: number): void {
    let hints = this.itemHints;
    if (id >= hints.length) {
      let n = hints.length * 2;
      while (n <= id) n *= 2;
      hints = new Int32Array(n);
      hints.set(this.itemHints);
      this.itemHints = hints;
    }
    hints[id] = hint;
  }

  /** Start a descent for page `pfn` into the tree of `nid`. */
  begin(pfn: number, nid: number): void {
    this.pfn = pfn;
    this.nid = nid;
    this.trusted = this.k.trust.trusted;
    this.check = this.k.trust.check;
    this.outcome = 0;
    this.mmId = -1;
    this.mm = null;
    this.vma = null;
    this.hint = this.k.machine.contents.orderHint(pfn);
  }

  /** Hold no mm or VMA between descents. */
  end(): void {
    this.mm = null;
    this.vma = null;
  }

  /**
   * The loop body at the node holding rmap_item `item`, whose hint is `h`:
   * the memcmp sign to steer by, or 0 with `outcome` set (1: matched,
   * ABORT: give up); `seen` is the page visited (-1 when the hints decided).
   *
   * Where `h` differs from the searched page's hint and the node's page is
   * still the one its hint describes (always so in a trusted walk: see
   * WalkTrust; checked here otherwise), the hints decide as memcmp would:
   * get_mergeable_page's reference is dropped again and memcmp orders as
   * the hints. Anything else takes the kernel's visit.
   */
  decide(item: number, h: number): number {
    if (h !== this.hint) {
      if (this.trusted) {
        if (this.check) this.k.trust.verify(this.stillHinted(item, h), item);
      } else if (!this.stillHinted(item, h)) return this.visit(item);
      this.seen = -1;
      this.k.nrCompares++; // ksmd's cost model
      return this.hint < h ? -1 : 1;
    }
    return this.visit(item);
  }

  /** Whether the node of `item` still maps, not at the searched page, a live anon page whose hint is `h`. */
  private stillHinted(item: number, h: number): boolean {
    const tp = this.mergeablePfn(item);
    const m = this.k.machine;
    return tp >= 0 && m.frames.refcount[tp]! > 0 && tp !== this.pfn && m.contents.orderHint(tp) === h;
  }

  /**
   * The kernel's loop body at the node holding `treeItem`. get_mergeable_page's
   * reference and the put_page that follows every outcome but a match cancel
   * out while the frame's refcount is above 0 (it cannot reach 0 in
   * between, and nothing reads it), so only a match takes one; a frame at
   * refcount 0 or below goes the kernel's way exactly.
   */
  private visit(treeItem: number): number {
    const treePfn = this.mergeablePfn(treeItem);
    this.seen = treePfn;
    if (treePfn < 0) {
      this.outcome = ABORT;
      return 0;
    }
    const k = this.k;
    const m = k.machine;
    const refs = m.frames.refcount[treePfn]! <= 0; // then get and put as the kernel does
    if (refs) getRef(m, treePfn);
    if (treePfn === this.pfn) {
      // don't substitute a ksm page for a forked page
      if (refs) putRef(m, treePfn);
      this.outcome = ABORT;
      return 0;
    }
    const ret = m.contents.compare(this.pfn, treePfn);
    k.nrCompares++; // ksmd's cost model
    if (ret !== 0) {
      if (refs) putRef(m, treePfn);
      return ret;
    }
    if (!k.knobs.mergeAcrossNodes && m.topology.nodeOfPfn(treePfn) !== this.nid) {
      // the twin migrated to another node: not merged, not inserted
      if (refs) putRef(m, treePfn);
      this.outcome = ABORT;
      return 0;
    }
    if (!refs) getRef(m, treePfn);
    this.outcome = 1;
    this.treePfn = treePfn;
    return 0;
  }

  /** get_mergeable_page without its reference: the anon page mapped at the item's address, or -1. */
  mergeablePfn(id: number): number {
    const k = this.k;
    const items = k.items;
    const addr = items.addressOf(id);
    const mmId = items.mmOf(id);
    if (mmId !== this.mmId || this.mm === null) {
      this.mm = k.mmOf(mmId);
      this.mmId = mmId;
      this.vma = null;
    }
    let vma = this.vma;
    if (vma === null || addr < this.vmaStart || addr >= this.vmaEnd) {
      vma = findMergeableVma(this.mm, addr);
      if (vma === null) return -1;
      this.vma = vma;
      this.vmaStart = vma.start;
      this.vmaEnd = vma.end;
    }
    const pfn = followPage(vma, addr - this.vmaStart);
    if (pfn < 0 || (k.machine.frames.flags[pfn]! & PG_ANON) === 0) return -1;
    return pfn;
  }

  /**
   * The walk of a tree that offers TreeWalk: the rmap_item it stopped at, or
   * NO_NODE with the leaf recorded for a link. A trusted walk goes down by
   * hints alone (`chase`: a bare pointer chase, one cache line a level)
   * until a node with the searched page's hint; every other node takes
   * `decide`, and a visited node keeps its page's hint.
   */
  walk(w: TreeWalk<number>): number {
    const k = this.k;
    const contents = k.machine.contents;
    const hint = this.hint;
    const chase = this.trusted && !this.check; // checked walks pass each node through decide
    let parent = NO_NODE;
    let left = false;
    let node = w.rootNode();
    while (node !== NO_NODE) {
      if (chase) {
        node = w.chase(node, hint);
        const steps = w.chaseSteps;
        if (steps > 0) {
          k.nrCompares += steps; // ksmd's cost model
          parent = w.chaseParent;
          left = w.chaseLeft;
        }
        if (node === NO_NODE) break;
      }
      const item = w.valueAt(node);
      const r = this.decide(item, w.hintAt(node));
      if (this.seen >= 0) w.setHint(node, contents.orderHint(this.seen));
      parent = node;
      if (r < 0) {
        left = true;
        node = w.leftOf(node);
      } else if (r > 0) {
        left = false;
        node = w.rightOf(node);
      } else {
        w.walkMatched();
        return item;
      }
    }
    w.walkEnded(parent, left);
    return NO_NODE;
  }
}
