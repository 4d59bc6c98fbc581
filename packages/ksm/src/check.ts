/**
 * checkKsm: the invariants of the KSM engine's state that hold between
 * operations (every scenario step ends at such a point). Tests run it after
 * every step; it returns one message per violation, empty when consistent.
 *
 * What is checked, and what is deliberately allowed:
 *
 * - Stable trees. For nid < ksm_nr_node_ids, an in-order walk of
 *   root_stable_tree[nid] is strictly ordered by page contents. A regular
 *   node is compared through its page, a chain through its first live dup's
 *   page; stale entries (their page freed or reused) have no contents to
 *   compare and are left out, as the kernel only learns of them when a walk
 *   touches them. Every entry has place "tree", nid equal to the tree index
 *   and is held by that root object. Roots at or past ksm_nr_node_ids are
 *   empty (remove_all_stable_nodes emptied them before the switch).
 * - Chains. A chain has rmap_hlist_len STABLE_NODE_CHAIN, no items and no
 *   page; its dups have place "dup", `chain` pointing back, the chain's nid,
 *   and live dups all have the same contents. A chain may hold a single dup
 *   (it collapses only when stable_node_dup next walks it) or even none:
 *   remove_node_from_stable_tree unlinks a stale dup without freeing the
 *   chain, which is freed the next time stable_node_dup finds it empty, or by
 *   remove_all_stable_nodes / hot-remove. Both states are legal and not flagged.
 * - migrate_nodes members have place "migrate" and are in no tree.
 * - No leaks: the stable nodes reachable from the trees, the chains and
 *   migrate_nodes are exactly `k.stableNodes`, each reached once. (Skipped
 *   when the remove_all_stable_nodes fix is off: the pre-3.9 kernel leaked
 *   the old trees on a merge_across_nodes switch.)
 * - Regular nodes and dups: rmap_hlist_len equals the length of the item
 *   hlist, which is doubly linked consistently; every item on it is
 *   allocated, has STABLE_FLAG (not UNSTABLE_FLAG) and `head` = the node.
 *   The node's page is either live, PG_KSM and keyed to the node, or the node
 *   is stale (frame freed, reused, or its key cleared): stale nodes are legal
 *   until something touches them. Frame side: a live KSM frame whose mapping
 *   names a node must name a live stable node whose kpfn is that frame (a
 *   mapping naming a freed node, or a node that says its page is elsewhere,
 *   means two owners for one page). A node whose frame was freed and reused
 *   for another node's KSM page is just stale, not two owners.
 * - rmap_items, walking every slot's list: STABLE items sit on exactly one
 *   node's hlist; UNSTABLE items of seqnr age 0 are held by
 *   root_unstable_tree[nid] (age 1: the tree was, or is about to be, reset,
 *   nothing required); no other age; never both flags.
 * - Counters equal a recount: pages_shared, pages_sharing, pages_unshared,
 *   stable_node_chains, stable_node_dups, ksm_zero_pages (KSM zero-page
 *   PTEs of the live mms: exit zaps an mm's PTEs, so an exited mm holds
 *   none) and per mm ksm_zero_pages and ksm_merging_pages.
 * - The mm list: registered slots are exactly `k.mms`, each with
 *   MMF_VM_MERGEABLE, and a live mm with that flag is registered.
 * - checkRmap(items, list) of @ksm-sim/rmap.
 */
import {
  isKsmPage,
  isKsmZeroPte,
  ksmStableNodeOf,
  MMF_VM_MERGEABLE,
  type Mm,
  nextMappedPte,
  PG_FREE,
  pteAt,
} from "@ksm-sim/mm";
import { checkRmap, SEQNR_MASK, STABLE_FLAG, UNSTABLE_FLAG, unstableAge } from "@ksm-sim/rmap";
import { isPageSharingCandidate } from "./chain.js";
import { STABLE_NODE_CHAIN } from "./constants.js";
import type { KsmState } from "./engine.js";
import { ksmFolioLive } from "./get-folio.js";
import type { StableNode } from "./stable-node.js";

/** At most this many messages (a corrupt state tends to repeat itself). */
const MAX_MESSAGES = 100;

export function checkKsm(k: KsmState): string[] {
  const out: string[] = [];
  const bad = (msg: string) => {
    if (out.length < MAX_MESSAGES) out.push(msg);
  };
  const m = k.machine;
  const f = m.frames;
  const items = k.items;

  /** A frame in use (not free, inside the table). */
  const live = (pfn: number) =>
    Number.isInteger(pfn) && pfn >= 0 && pfn < f.capacity && (f.flags[pfn]! & PG_FREE) === 0 && f.refcount[pfn]! > 0;
  /** The keyhole: the node's page is live, KSM, and keyed to the node. */
  const keyed = (node: StableNode) => live(node.kpfn) && ksmStableNodeOf(m, node.kpfn) === node.id;
  const label = (node: StableNode) =>
    `stable node ${node.id}${node.isChain ? " (chain)" : node.place === "dup" ? " (dup)" : ""}`;

  // ---- Reachability: trees, chains, migrate_nodes.
  const reached = new Map<number, string>();
  const reach = (node: StableNode, where: string) => {
    const before = reached.get(node.id);
    if (before !== undefined) bad(`${label(node)}: reached twice (${before}, ${where})`);
    else reached.set(node.id, where);
    if (k.stableNodes.get(node.id) !== node) bad(`${label(node)} (${where}): not in the table of live stable nodes`);
    if (node.place === "free") bad(`${label(node)} (${where}): freed but still linked`);
  };
  /** Regular nodes and dups, whose items are checked below. */
  const pageNodes: StableNode[] = [];
  let chains = 0;
  let dups = 0;

  const roots = k.stableRoots;
  for (let nid = 0; nid < roots.length; nid++) {
    const tree = roots[nid]!;
    if (nid >= k.nrNodeIds) {
      if (tree.size !== 0 && k.fixes.removeAllStableNodes) {
        bad(`root_stable_tree[${nid}]: ${tree.size} nodes past ksm_nr_node_ids ${k.nrNodeIds}`);
      }
      continue;
    }
    let prev: { node: StableNode; pfn: number } | null = null;
    let count = 0;
    for (const tn of tree.nodes()) {
      count++;
      const node = tn.value;
      const where = `root_stable_tree[${nid}]`;
      reach(node, where);
      if (node.place !== "tree") bad(`${label(node)} in ${where}: place "${node.place}"`);
      if (node.nid !== nid) bad(`${label(node)} in ${where}: nid ${node.nid}`);
      if (node.treeNode !== tn) bad(`${label(node)} in ${where}: the tree holds a handle that is not the node's`);
      if (node.root !== tree) bad(`${label(node)} in ${where}: its root field names another tree`);
      if (node.chain !== null) bad(`${label(node)} in ${where}: has a chain pointer`);
      let pfn = -1;
      if (node.isChain) {
        chains++;
        if (node.hlistFirst !== 0) bad(`${label(node)}: a chain with rmap_items`);
        if (node.head !== (node.dups[0] ?? null)) bad(`${label(node)}: head is not its first dup`);
        if (node.settledGen === k.trust.stableGenFor(m)) {
          // settled: stable_node_dup would find every dup alive and none a sharing candidate (StableNode.settledGen)
          if (node.dups.length < 2) bad(`${label(node)}: settled with ${node.dups.length} dup(s)`);
          for (const dup of node.dups) {
            if (!ksmFolioLive(k, dup)) bad(`${label(node)}: settled, but dup ${dup.id}'s page is not alive`);
            if (isPageSharingCandidate(k, dup))
              bad(`${label(node)}: settled, but dup ${dup.id} is a sharing candidate`);
          }
        }
        let firstLive: StableNode | null = null;
        for (const dup of node.dups) {
          dups++;
          reach(dup, `chain ${node.id}`);
          pageNodes.push(dup);
          if (dup.place !== "dup") bad(`${label(dup)} of chain ${node.id}: place "${dup.place}"`);
          if (dup.chain !== node) bad(`${label(dup)} of chain ${node.id}: chain pointer ${dup.chain?.id ?? "null"}`);
          if (dup.isChain) bad(`${label(dup)}: a chain inside chain ${node.id}`);
          if (dup.nid !== node.nid) bad(`${label(dup)} of chain ${node.id}: nid ${dup.nid}, chain's ${node.nid}`);
          if (dup.dups.length !== 0 || dup.head !== null) bad(`${label(dup)}: a dup with dups`);
          if (dup.treeNode !== null && roots.some((r) => r.holds(dup.treeNode!))) {
            bad(`${label(dup)} of chain ${node.id}: also linked into a stable tree`);
          }
          if (!keyed(dup)) continue;
          if (firstLive === null) firstLive = dup;
          else if (m.contents.compare(firstLive.kpfn, dup.kpfn) !== 0) {
            bad(
              `chain ${node.id}: dup ${dup.id} (pfn ${dup.kpfn}) and dup ${firstLive.id} (pfn ${firstLive.kpfn}) differ in contents`,
            );
          }
        }
        if (firstLive !== null) pfn = firstLive.kpfn;
      } else {
        if (node.rmapHlistLen < 0) bad(`${label(node)}: rmap_hlist_len ${node.rmapHlistLen}`);
        if (node.dups.length !== 0 || node.head !== null) bad(`${label(node)}: a regular node with dups`);
        pageNodes.push(node);
        if (keyed(node)) pfn = node.kpfn;
      }
      if (pfn >= 0) {
        if (prev !== null && !(m.contents.compare(prev.pfn, pfn) < 0)) {
          bad(
            `${where}: ${label(prev.node)} (pfn ${prev.pfn}) is not below the next entry ${label(node)} (pfn ${pfn}) in contents`,
          );
        }
        prev = { node, pfn };
      }
    }
    if (count !== tree.size) bad(`root_stable_tree[${nid}]: size ${tree.size}, ${count} nodes walked`);
  }

  const migrateIds = new Set<number>();
  for (const node of k.migrateNodes) {
    if (migrateIds.has(node.id)) bad(`${label(node)}: twice on migrate_nodes`);
    migrateIds.add(node.id);
    reach(node, "migrate_nodes");
    pageNodes.push(node);
    if (node.place !== "migrate") bad(`${label(node)} on migrate_nodes: place "${node.place}"`);
    if (node.isChain) bad(`${label(node)}: a chain on migrate_nodes`);
    if (node.chain !== null) bad(`${label(node)} on migrate_nodes: has a chain pointer`);
    if (node.treeNode !== null && roots.some((r) => r.holds(node.treeNode!))) {
      bad(`${label(node)} on migrate_nodes: also linked into a stable tree`);
    }
  }

  if (k.fixes.removeAllStableNodes) {
    for (const [id, node] of k.stableNodes) {
      if (!reached.has(id))
        bad(`${label(node)} (place "${node.place}", kpfn ${node.kpfn}): leaked, reachable from nowhere`);
    }
  }

  // ---- Item lists of regular nodes and dups; each node's page.
  const stableOwner = new Map<number, number>(); // item -> node
  let shared = 0;
  let stableItems = 0;
  for (const node of pageNodes) {
    if (node.isChain) continue;
    let len = 0;
    let prevItem = 0;
    for (let id = node.hlistFirst; id !== 0; id = items.hlistNextOf(id)) {
      if (!items.isAllocated(id)) {
        bad(`${label(node)}: rmap_item ${id} on its list is not allocated`);
        break;
      }
      if (stableOwner.has(id)) {
        bad(`${label(node)}: rmap_item ${id} already on the list of stable node ${stableOwner.get(id)}`);
        break;
      }
      stableOwner.set(id, node.id);
      len++;
      const fl = items.flags[id]!;
      if ((fl & STABLE_FLAG) === 0) bad(`${label(node)}: rmap_item ${id} on its list lacks STABLE_FLAG`);
      if ((fl & UNSTABLE_FLAG) !== 0) bad(`${label(node)}: rmap_item ${id} on its list has UNSTABLE_FLAG`);
      if (items.headOf(id) !== node.id) bad(`${label(node)}: rmap_item ${id} on its list has head ${items.headOf(id)}`);
      if (items.hlistPrevOf(id) !== prevItem) {
        bad(`${label(node)}: rmap_item ${id} has hlist prev ${items.hlistPrevOf(id)}, expected ${prevItem}`);
      }
      prevItem = id;
    }
    if (len !== node.rmapHlistLen) bad(`${label(node)}: rmap_hlist_len ${node.rmapHlistLen}, ${len} items listed`);
    if (len > 0) shared++;
    stableItems += len;

    // Its page: keyed to it, or the node is stale. Another live node owning the frame must really own it.
    if (!keyed(node) && live(node.kpfn) && isKsmPage(m, node.kpfn)) {
      const owner = ksmStableNodeOf(m, node.kpfn);
      if (owner !== 0) {
        const o = k.stableNodes.get(owner);
        if (o === undefined)
          bad(`${label(node)}: its pfn ${node.kpfn} is keyed to stable node ${owner}, which is freed`);
        else if (o.kpfn !== node.kpfn) {
          bad(`${label(node)}: its pfn ${node.kpfn} is keyed to ${label(o)}, whose kpfn is ${o.kpfn}`);
        }
      }
    }
  }

  // Frame side: every live KSM frame keyed to a node is that node's page.
  const fl = m.freeLists;
  for (let node = 0; node < m.topology.nodes; node++) {
    const end = Math.min(fl.hwm[node]!, f.capacity);
    for (let pfn = fl.starts[node]!; pfn < end; pfn++) {
      if ((f.flags[pfn]! & PG_FREE) !== 0 || !isKsmPage(m, pfn)) continue;
      const id = ksmStableNodeOf(m, pfn);
      if (id === 0) continue; // a KSM page without a node: transitional, forced removal, or a migrated-from page
      const owner = k.stableNodes.get(id);
      if (owner === undefined) bad(`pfn ${pfn}: a KSM page keyed to stable node ${id}, which is freed`);
      else if (owner.isChain) bad(`pfn ${pfn}: a KSM page keyed to chain ${id}`);
      else if (owner.kpfn !== pfn) bad(`pfn ${pfn}: keyed to ${label(owner)}, whose kpfn is ${owner.kpfn}`);
    }
  }

  // ---- rmap_items, through the mm list.
  let unshared = 0;
  const mergingOf = new Map<number, number>();
  const seqnr = k.list.scan.seqnr;
  for (const slot of k.list.slots()) {
    let n = items.highWater;
    for (let id = slot.rmapList; id !== 0 && n-- > 0; id = items.rmapNext[id]!) {
      if (!items.isAllocated(id)) break; // checkRmap reports it
      const fl = items.flags[id]!;
      const stable = (fl & STABLE_FLAG) !== 0;
      const unstable = (fl & UNSTABLE_FLAG) !== 0;
      if (stable && unstable) bad(`rmap_item ${id}: both STABLE and UNSTABLE`);
      if (stable) {
        mergingOf.set(slot.mm, (mergingOf.get(slot.mm) ?? 0) + 1);
        if (!stableOwner.has(id)) {
          bad(`rmap_item ${id} (mm ${slot.mm}): STABLE with head ${items.headOf(id)} but on no stable node's list`);
        }
      } else {
        if (stableOwner.has(id))
          bad(`rmap_item ${id}: on stable node ${stableOwner.get(id)}'s list without STABLE_FLAG`);
      }
      if (unstable) {
        unshared++;
        const age = unstableAge(items, id, seqnr);
        if (age > 1)
          bad(`rmap_item ${id}: unstable of seqnr age ${age} (inserted at ${fl & SEQNR_MASK}, seqnr ${seqnr})`);
        if (age === 0) {
          const nid = items.nidOf(id);
          if (nid >= k.nrNodeIds || k.unstableRoots[nid] === undefined)
            bad(`rmap_item ${id}: unstable in tree ${nid}, past the roots in use`);
          else if (!k.unstableHolds(nid, id)) {
            bad(`rmap_item ${id}: unstable of this scan but not in root_unstable_tree[${nid}]`);
          }
        }
      } else if ((fl & SEQNR_MASK) !== 0 && !stable) {
        bad(`rmap_item ${id}: seqnr bits ${fl & SEQNR_MASK} without UNSTABLE_FLAG`);
      }
    }
  }
  // Unstable trees hold only items linked during this scan (or, before the next scan resets them, older ones).
  for (let nid = 0; nid < k.unstableRoots.length; nid++) {
    for (const tn of k.unstableRoots[nid]!.nodes()) {
      const id = tn.value;
      if (!items.isAllocated(id) || (items.flags[id]! & UNSTABLE_FLAG) === 0) continue; // reset lazily
      if (k.itemNode(id) !== tn) bad(`root_unstable_tree[${nid}]: holds a handle that is not rmap_item ${id}'s`);
      if (unstableAge(items, id, seqnr) === 0 && items.nidOf(id) !== nid) {
        bad(`root_unstable_tree[${nid}]: holds rmap_item ${id} of nid ${items.nidOf(id)}`);
      }
    }
  }

  // ---- Counters.
  const eq = (what: string, have: number, want: number) => {
    if (have !== want) bad(`${what} ${have}, recount ${want}`);
  };
  eq("pages_shared", k.pagesShared, shared);
  eq("pages_sharing", k.pagesSharing, stableItems - shared);
  eq("pages_unshared", k.pagesUnshared, unshared);
  eq("stable_node_chains", k.stableNodeChains, chains);
  eq("stable_node_dups", k.stableNodeDups, dups);
  let chainsInTable = 0;
  for (const node of k.stableNodes.values()) if (node.rmapHlistLen === STABLE_NODE_CHAIN) chainsInTable++;
  if (k.fixes.removeAllStableNodes) eq("stable_node_chains (table)", k.stableNodeChains, chainsInTable);

  let zeroPages = 0;
  const mms = new Map<number, Mm>(k.mms);
  for (const mm of m.mms.values()) mms.set(mm.id, mm);
  for (const mm of mms.values()) {
    let zero = 0;
    if (m.mms.get(mm.id) === mm) {
      for (const vma of mm.vmas) {
        for (let i = nextMappedPte(vma, 0); i >= 0; i = nextMappedPte(vma, i + 1))
          if (isKsmZeroPte(pteAt(vma, i))) zero++;
      }
    }
    zeroPages += zero;
    eq(`${mm.describe()} (mm ${mm.id}) ksm_zero_pages`, mm.ksmZeroPages, zero);
    eq(`${mm.describe()} (mm ${mm.id}) ksm_merging_pages`, mm.ksmMergingPages, mergingOf.get(mm.id) ?? 0);
  }
  eq("ksm_zero_pages", k.ksmZeroPages, zeroPages);
  for (const [mmId, n] of mergingOf) if (!mms.has(mmId)) bad(`mm ${mmId}: ${n} stable items but the mm is unknown`);

  // ---- Registration.
  const slotted = new Set<number>();
  for (const slot of k.list.slots()) {
    slotted.add(slot.mm);
    const mm = k.mms.get(slot.mm);
    if (mm === undefined) bad(`mm ${slot.mm}: on the mm list but not registered with the engine`);
    else if ((mm.flags & MMF_VM_MERGEABLE) === 0) bad(`${mm.describe()}: on the mm list without MMF_VM_MERGEABLE`);
  }
  for (const mm of k.mms.values()) if (!slotted.has(mm.id)) bad(`${mm.describe()}: registered but not on the mm list`);
  for (const mm of m.mms.values()) {
    if ((mm.flags & MMF_VM_MERGEABLE) !== 0 && !slotted.has(mm.id)) {
      bad(`${mm.describe()}: MMF_VM_MERGEABLE but not on the mm list`);
    }
  }

  for (const msg of checkRmap(items, k.list)) bad(`rmap: ${msg}`);
  return out;
}
