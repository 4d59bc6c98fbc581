/**
 * One descent of unstable_tree_search_insert: the comparison the kernel's
 * `while (*new)` loop makes at each node, allocation-free, with a direct walk
 * for the rbtree backend (other backends go through `Tree.descend`).
 */
import {
  getRef,
  type Mm,
  PG_ANON,
  PTE_KIND_MASK,
  PTE_PAGE,
  PTE_PAYLOAD_SHIFT,
  putRef,
  TokenContents,
  VM_MERGEABLE,
  type Vma,
} from "@ksm-sim/mm";
import { type IndexRbTree, NIL } from "@ksm-sim/tree-rbtree";
import type { KsmState } from "./engine.js";

/** No page table (walkIx's memo before its first exact visit). */
const NO_PTES: Uint32Array = new Uint32Array(0);

/**
 * KSM_SIM_CHECK_WALKS=1 (tests): every node a trusted walk steers past by
 * its hint alone is also checked the verified way, and a node that would
 * not pass throws (the trust rule of KsmState.treeTrusted was broken).
 */
const CHECK_WALKS =
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.KSM_SIM_CHECK_WALKS === "1";

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
   * One-entry memo of get_mergeable_page's lookups, valid for one descent
   * only: k.mmOf(mmId) and mm.vmaAt(addr) give the same objects for the
   * whole descent, since nothing in it maps, unmaps or exits. Tree items of
   * one mm are usually in one VMA, so most levels skip the Map lookup and
   * find_vma's search.
   */
  mmId = -1;
  mm: Mm | null = null;
  vma: Vma | null = null;
  vmaStart = 0;
  vmaEnd = 0;
  /** Token mode: the order keys of the pages (a compare is one uint32 compare), and the searched page's key. */
  keys: Uint32Array | null = null;
  key = 0;
  /** The searched page's orderHint (rbtree nodes keep their page's, see walkIx). */
  hint = 0;
  /** The page the last visit found at its item's address (-1: none). */
  seen = -1;
  /** The comparison for `Tree.descend` (backends other than rbtree). */
  readonly fn: (treeItem: number) => number;
  /**
   * Backends other than rbtree: each linked rmap_item's order hint, by id
   * (what an IndexRbTree keeps in its slots), for trusted walks (see
   * visitGeneric).
   */
  itemHints = new Int32Array(1024);
  /** KsmState.treeTrusted when the descent began. */
  trusted = false;

  constructor(readonly k: KsmState) {
    this.fn = (treeItem) => this.visitGeneric(treeItem);
  }

  /** Remember rmap_item `id`'s hint as it is linked (backends other than rbtree). */
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

  /**
   * The loop body for `Tree.descend`: in a trusted walk (KsmState.treeTrusted)
   * a node whose hint differs from the searched page's is ordered by the
   * hints, as walkIx does; anything else takes the kernel's visit, which
   * refreshes the node's hint.
   */
  visitGeneric(treeItem: number): number {
    const h = this.itemHints[treeItem]!;
    if (this.trusted && h !== this.hint) {
      if (CHECK_WALKS) this.checkTrusted(treeItem, h);
      this.k.nrCompares++; // ksmd's cost model
      return this.hint < h ? -1 : 1;
    }
    this.seen = -1;
    const r = this.visit(treeItem);
    if (this.seen >= 0) this.itemHints[treeItem] = this.k.machine.contents.orderHint(this.seen);
    return r;
  }

  /** Start a descent for page `pfn` into the tree of `nid`. */
  begin(pfn: number, nid: number): void {
    this.pfn = pfn;
    this.nid = nid;
    this.trusted = this.k.treeTrusted;
    this.outcome = 0;
    this.mmId = -1;
    this.mm = null;
    this.vma = null;
    const contents = this.k.machine.contents;
    this.keys = contents instanceof TokenContents ? contents.keys : null;
    this.key = this.keys !== null ? this.keys[pfn]! : 0;
    this.hint = contents.orderHint(pfn);
  }

  /** Hold no mm, VMA or array between descents. */
  end(): void {
    this.mm = null;
    this.vma = null;
    this.keys = null;
  }

  /**
   * The loop body at the node holding rmap_item `treeItem`: the memcmp sign
   * to steer by, or 0 with `outcome` set (1: matched, ABORT: give up).
   * get_mergeable_page's reference and the put_page that follows every
   * outcome but a match cancel out while the frame's refcount is above 0
   * (it cannot reach 0 in between, and nothing reads it), so only a match
   * takes one; a frame at refcount 0 or below goes the kernel's way exactly.
   */
  visit(treeItem: number): number {
    const treePfn = this.mergeablePfn(treeItem);
    this.seen = treePfn;
    if (treePfn < 0) {
      this.outcome = ABORT;
      return 0;
    }
    const m = this.k.machine;
    if (m.frames.refcount[treePfn]! <= 0) return this.visitWithRefs(treePfn);
    if (treePfn === this.pfn) {
      // don't substitute a ksm page for a forked page
      this.outcome = ABORT;
      return 0;
    }
    const keys = this.keys;
    let ret: number;
    if (keys !== null) {
      const ka = this.key;
      const kb = keys[treePfn]!;
      ret = ka < kb ? -1 : ka > kb ? 1 : 0;
    } else {
      ret = m.contents.compare(this.pfn, treePfn);
    }
    this.k.nrCompares++; // ksmd's cost model
    if (ret !== 0) return ret;
    if (!this.k.knobs.mergeAcrossNodes && m.topology.nodeOfPfn(treePfn) !== this.nid) {
      // the twin migrated to another node: not merged, not inserted
      this.outcome = ABORT;
      return 0;
    }
    getRef(m, treePfn);
    this.outcome = 1;
    this.treePfn = treePfn;
    return 0;
  }

  /** visit with get_mergeable_page's getRef and every putRef made as the kernel makes them. */
  private visitWithRefs(treePfn: number): number {
    const k = this.k;
    const m = k.machine;
    getRef(m, treePfn);
    if (treePfn === this.pfn) {
      putRef(m, treePfn);
      this.outcome = ABORT;
      return 0;
    }
    const ret = m.contents.compare(this.pfn, treePfn);
    k.nrCompares++; // ksmd's cost model
    if (ret !== 0) {
      putRef(m, treePfn);
      return ret;
    }
    if (!k.knobs.mergeAcrossNodes && m.topology.nodeOfPfn(treePfn) !== this.nid) {
      putRef(m, treePfn);
      this.outcome = ABORT;
      return 0;
    }
    this.outcome = 1;
    this.treePfn = treePfn;
    return 0;
  }

  /** get_mergeable_page without its reference: the anon page mapped at the item's address, or -1. */
  mergeablePfn(id: number): number {
    const k = this.k;
    const items = k.items;
    const addr = items.address[id]!;
    const mmId = items.mm[id]!;
    let mm = this.mm;
    if (mmId !== this.mmId || mm === null) {
      mm = k.mmOf(mmId);
      this.mm = mm;
      this.mmId = mmId;
      this.vma = null;
    }
    // find_mergeable_vma(mm, addr), with vma_lookup's result memoised
    if (mm.users === 0) return -1; // ksm_test_exit
    let vma = this.vma;
    if (vma === null || addr < this.vmaStart || addr >= this.vmaEnd) {
      vma = mm.vmaAt(addr);
      if (vma === null) return -1;
      this.vma = vma;
      this.vmaStart = vma.start;
      this.vmaEnd = vma.end;
    }
    if ((vma.flags & VM_MERGEABLE) === 0 || vma.anonVma === 0) return -1;
    // followPage(vma, addr - vma.start), and PageAnon
    const ptes = vma.ptes;
    const page = addr - this.vmaStart;
    if (ptes === null || page >= ptes.length) return -1;
    const pte = ptes[page]!;
    if ((pte & PTE_KIND_MASK) !== PTE_PAGE) return -1;
    const pfn = pte >>> PTE_PAYLOAD_SHIFT;
    if ((k.machine.frames.flags[pfn]! & PG_ANON) === 0) return -1;
    return pfn;
  }

  /** KSM_SIM_CHECK_WALKS: what a trusted walk assumes of the node holding `item`, whose hint is `h`. */
  private checkTrusted(item: number, h: number): void {
    const m = this.k.machine;
    const tp = this.mergeablePfn(item);
    this.mmId = -1; // leave the descent's memo as it was
    const ok = tp >= 0 && m.frames.refcount[tp]! > 0 && tp !== this.pfn && m.contents.orderHint(tp) === h;
    if (!ok)
      throw new Error(
        `ksm: trusted unstable-tree walk passed rmap_item ${item}, whose page is not the one its hint describes`,
      );
  }

  /**
   * The rbtree backend's walk, done here on its slots (slot n's rb_left,
   * rb_right and hint at s[4n], s[4n + 1], s[4n + 3], its rmap_item at
   * vals[n]): no callback per level. Returns the rmap_item it stopped at, or
   * NIL (then `linkIndex` may follow).
   *
   * Each node keeps its page's orderHint from the last visit. Where the
   * memoised mm and VMA hold the item, its PTE maps a live anon page that is
   * not the searched one, that page's hint is still the node's and differs
   * from the searched page's, the hints decide the compare: the kernel's
   * steps give the same result (get_mergeable_page's reference is dropped
   * again, memcmp orders as the hints). The next node then depends on the
   * node's hint alone, so the processor can go down the tree while the
   * item, PTE and page of the levels above are still being checked.
   * Anything else takes the exact visit, which refreshes the hint.
   */
  walkIx(tree: IndexRbTree): number {
    const k = this.k;
    const m = k.machine;
    const { s, vals } = tree.slots;
    const address = k.items.address;
    const mmOfItem = k.items.mm;
    const flags = m.frames.flags;
    const refcount = m.frames.refcount;
    const contents = m.contents;
    const keys = this.keys;
    const pfn = this.pfn;
    const hint = this.hint;
    // imported constants as locals: an imported binding is a cell the JIT reloads and checks at every use
    const payloadShift = PTE_PAYLOAD_SHIFT;
    const kindMask = PTE_KIND_MASK;
    const kindPage = PTE_PAGE;
    const anon = PG_ANON;
    const nil = NIL;
    // The memoised mm and VMA, when they pass find_mergeable_vma's tests
    // (which nothing in a descent can change): items of mm `mmId` at pages
    // [start, end) have their PTE at ptes[addr - start]. mmId -2: none.
    let mmId = -2;
    let start = 0;
    let end = 0;
    let ptes: Uint32Array = NO_PTES;
    let compares = 0;
    let parent = nil;
    let left = false;
    let node = tree.rbNode;
    const trusted = k.treeTrusted;
    const check = CHECK_WALKS;
    while (node !== nil) {
      if (trusted) {
        // Every node still maps the page it was linked or visited with
        // (KsmState.treeTrusted), so the kernel's visit at a node whose hint
        // differs from the searched page's would find an anon page (not this
        // one) and memcmp would order as the hints do: a bare pointer chase,
        // one cache line a level, until a node with the same hint.
        let h = s[(node << 2) + 3]!;
        while (h !== hint) {
          if (check) this.checkTrusted(vals[node]!, h);
          compares++; // nrCompares, added up below
          parent = node;
          left = hint < h;
          node = s[(node << 2) + (left ? 0 : 1)]!;
          if (node === nil) break;
          h = s[(node << 2) + 3]!;
        }
        if (node === nil) break;
      }
      const b = node << 2;
      const h = s[b + 3]!;
      const item = vals[node]!;
      if (h !== hint) {
        const addr = address[item]!;
        if (mmOfItem[item] === mmId && addr >= start && addr < end) {
          const pte = ptes[addr - start]!;
          const tp = pte >>> payloadShift;
          if (
            (pte & kindMask) === kindPage &&
            (flags[tp]! & anon) !== 0 &&
            refcount[tp]! > 0 &&
            tp !== pfn &&
            (keys !== null ? keys[tp]! >>> 2 : contents.orderHint(tp)) === h
          ) {
            compares++; // nrCompares, added up below
            parent = node;
            if (hint < h) {
              left = true;
              node = s[b]!;
            } else {
              left = false;
              node = s[b + 1]!;
            }
            continue;
          }
        }
      }
      k.nrCompares += compares; // ksmd's cost model
      compares = 0;
      const r = this.visit(item);
      if (this.seen >= 0) s[b + 3] = contents.orderHint(this.seen);
      const mm = this.mm;
      const vma = this.vma;
      mmId = -2;
      if (mm !== null && vma !== null && mm.users !== 0 && (vma.flags & VM_MERGEABLE) !== 0 && vma.anonVma !== 0) {
        const vp = vma.ptes;
        if (vp !== null) {
          mmId = this.mmId;
          start = this.vmaStart;
          end = Math.min(this.vmaEnd, start + vp.length);
          ptes = vp;
        }
      }
      parent = node;
      if (r < 0) {
        left = true;
        node = s[b]!;
      } else if (r > 0) {
        left = false;
        node = s[b + 1]!;
      } else {
        tree.descentMatched();
        return item;
      }
    }
    k.nrCompares += compares; // ksmd's cost model
    tree.descentEndedAt(parent, left);
    return nil;
  }
}
