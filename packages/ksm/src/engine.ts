/**
 * The KSM engine's state: every global of mm/ksm.c (knobs, counters, the
 * trees per NUMA node, migrate_nodes, the mm list and scan cursor, the
 * stable nodes), bound to one simulated machine. The algorithms live in
 * their own files as functions of this state, named after the kernel
 * functions they mirror.
 */
import type { Machine, Mm } from "@ksm-sim/mm";
import { MmList, type MmSlot, RmapItems } from "@ksm-sim/rmap";
import { type IndexedTree, NO_NODE, type NodeStorage, type Tree, type TreeBackend, type TreeNode } from "@ksm-sim/tree";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { type AdvisorCtx, newAdvisorCtx } from "./advisor.js";
import { KSM_RUN_STOP } from "./constants.js";
import type { StableDescent } from "./stable-descent.js";
import { StableNode } from "./stable-node.js";
import { StableNodeTable } from "./stable-node-table.js";
import { defaultKnobs } from "./sysfs/engine-knobs.js";
import { Tracer } from "./trace.js";
import { defaultCheckWalks, WalkTrust } from "./trust.js";
import type { UnstableDescent } from "./unstable-descent.js";

/** The three fixes of "ksm: remove old stable nodes more thoroughly" (2013); all on in every kernel since 3.9. */
export interface Fixes {
  /** remove_all_stable_nodes() at the end of run=2 and before a merge_across_nodes switch. */
  readonly removeAllStableNodes: boolean;
  /** __ksm_enter puts new mms at the list tail while run=2 unmerges. */
  readonly enterAtTailWhileUnmerging: boolean;
  /** ksm_might_need_to_copy copies KSM pages swapped in while run=2. */
  readonly copyOnSwapinWhileUnmerging: boolean;
}

export const ALL_FIXES: Fixes = Object.freeze({
  removeAllStableNodes: true,
  enterAtTailWhileUnmerging: true,
  copyOnSwapinWhileUnmerging: true,
});

export interface KsmOptions {
  /** Tree backend for the stable and unstable trees (default: the lib/rbtree.c port). */
  readonly tree?: TreeBackend;
  /** The 2013 fixes (default: all on). */
  readonly fixes?: Partial<Fixes>;
  /** The kernel's HZ, for jiffies (default 250, as this project's reference kernel). */
  readonly hz?: number;
  /**
   * Trusted unstable-tree walks (default true; see ./trust.ts).
   * false verifies every node of every walk: the same results, slower (for
   * experiments that time the walk, and as the tests' oracle).
   */
  readonly trustedWalks?: boolean;
  /**
   * Check every step a trusted walk takes by its hint alone the verified
   * way, throwing if one would not pass (default: KSM_SIM_CHECK_WALKS=1 in
   * the environment, as every test of this repository sets it; else false).
   */
  readonly checkWalks?: boolean;
}

/**
 * Where ksmd's simulated time comes from while it runs a batch: the
 * simulated clock (`ktime_get`) and ksmd's cumulative CPU time
 * (`task_sched_runtime(current)`), both in ns, both advancing within the
 * batch as its work is charged. Installed by @ksm-sim/ksmd around each batch.
 */
export interface KsmClock {
  nowNs(): number;
  runtimeNs(): number;
}

/** The knobs of /sys/kernel/mm/ksm (values as the kernel stores them). */
export interface Knobs {
  pagesToScan: number;
  sleepMillisecs: number;
  mergeAcrossNodes: number;
  maxPageSharing: number;
  useZeroPages: boolean;
  smartScan: boolean;
  stableNodeChainsPruneMillisecs: number;
  advisorMode: "none" | "scan-time";
  advisorMaxCpu: number;
  advisorMinPagesToScan: number;
  advisorMaxPagesToScan: number;
  advisorTargetScanTime: number;
}

export class KsmState {
  readonly machine: Machine;
  readonly backend: TreeBackend;
  readonly fixes: Fixes;
  readonly hz: number;
  readonly tracer = new Tracer();

  /** ksm_run */
  run = KSM_RUN_STOP;
  readonly knobs: Knobs = defaultKnobs();

  // Counters (ksm-semantics §5.1).
  pagesShared = 0;
  pagesSharing = 0;
  pagesUnshared = 0;
  pagesScanned = 0;
  pagesSkipped = 0;
  stableNodeChains = 0;
  stableNodeDups = 0;
  /** ksm_zero_pages (atomic in the kernel) */
  ksmZeroPages = 0;

  /** rmap_items, the mm list and the scan cursor (`ksm_scan`). */
  readonly items = new RmapItems();
  readonly list = new MmList(this.items);
  /** Each rmap_item's rb_node for the unstable trees, made once per item id (backends without createIndexed). */
  readonly itemNodes: (TreeNode<number> | undefined)[] = [];
  /** Whether the unstable trees are IndexedTrees (the backend has createIndexed). */
  readonly unstableIndexed: boolean;

  /** When the unstable trees may be walked by hints alone (KsmOptions.trustedWalks, checkWalks). */
  readonly trust: WalkTrust;

  // Out-parameters and scratch space of the algorithms: on the engine, never in a module (each engine has its own).
  /** The page scan_get_next_rmap_item found (ksmd holds a reference on it). */
  scannedPfn = -1;
  /** unstable_tree_search_insert's tree_page: the twin's page, with a reference. */
  twinPfn = -1;
  /** Snapshots of chain dups for stable_node_dup's walk, a slice per nested walk above `dupSnapshotTop` (see chain.ts). */
  readonly dupSnapshot: (StableNode | null)[] = [];
  dupSnapshotTop = 0;
  /** removeRmapItemFromTree bound to this engine, for getNextRmapItem's onStale (made once, see scan.ts). */
  onStale: ((id: number) => void) | null = null;

  /** The descent states of the two trees, made on first use and reused (no allocation per page). */
  unstableDescent: UnstableDescent | null = null;
  stableDescent: StableDescent | null = null;

  /** ksm_nr_node_ids: 1 while merge_across_nodes, else the machine's node count. */
  nrNodeIds = 1;
  /** root_stable_tree / root_unstable_tree; the arrays are replaced on the first switch to per-node trees. */
  stableRoots: Tree<StableNode>[];
  unstableRoots: Tree<number>[];
  /** Whether the roots are still the static one-element arrays (`one_stable_tree`). */
  rootsAreStatic = true;
  /** migrate_nodes, head first. */
  readonly migrateNodes: StableNode[] = [];

  /** Live stable nodes by id (the value a KSM frame's mapping holds). */
  readonly stableNodes = new StableNodeTable();
  private nextStableNodeId = 1;

  /** True once run=2's unmerge pass has finished (and run is still 2): swap-ins then land behind it. */
  unmergeDone = false;

  /** Simulated time, ns (an integer): what ktime_get and jiffies read between ksmd batches. */
  nowNs = 0;
  /** Simulated time, ms (nowNs / 1e6). */
  nowMs = 0;
  /** ksmd's batch clock while a batch runs (see {@link KsmClock}); null otherwise. */
  clock: KsmClock | null = null;
  /** ksmd's cumulative CPU time, ns, between batches (the clock's runtimeNs() during one). */
  ksmdRuntimeNs = 0;
  /** The scan-time advisor's context (mm/ksm.c advisor_ctx). */
  readonly advisorCtx: AdvisorCtx = newAdvisorCtx();

  // Work counters for ksmd's CPU-cost model (never reset; ksmd reads differences per batch).
  /** calc_checksum calls. */
  nrChecksums = 0;
  /** memcmp_pages calls (tree descents and pages_identical). */
  nrCompares = 0;
  /** try_to_merge_one_page calls that merged. */
  nrMerges = 0;
  /** calc_checksum results that differed from oldchecksum (a first visit or a changed page: cmp_and_merge_page stops there). */
  nrNewChecksums = 0;
  /** memcmp_pages calls in stable-tree descents (part of nrCompares). */
  nrStableCompares = 0;
  /** memcmp_pages calls of pages_identical in try_to_merge_one_page (part of nrCompares). */
  nrIdenticalCompares = 0;

  constructor(machine: Machine, options: KsmOptions = {}) {
    this.machine = machine;
    this.backend = options.tree ?? rbtreeBackend;
    this.fixes = { ...ALL_FIXES, ...options.fixes };
    const hz = options.hz ?? 250;
    if (!Number.isInteger(hz) || hz < 1 || hz > 10000)
      throw new RangeError(`hz: must be an integer from 1 to 10000 (the kernel's HZ), got ${String(hz)}`);
    this.hz = hz;
    this.trust = new WalkTrust(
      booleanOption("trustedWalks", options.trustedWalks, true),
      booleanOption("checkWalks", options.checkWalks, defaultCheckWalks()),
    );
    this.unstableIndexed = this.backend.createIndexed !== undefined;
    this.#tickNs = Number.isInteger(1e9 / hz) ? 1e9 / hz : 0;
    this.stableRoots = [this.backend.create<StableNode>()];
    this.unstableRoots = [newUnstableRoot(this.backend, undefined, this.items.nodeStorage)];
  }

  /** ktime_get() in ns: ksmd's batch clock while a batch runs, else the simulated time. */
  ktimeNs(): number {
    return this.clock === null ? this.nowNs : this.clock.nowNs();
  }

  /** jiffies now (from 0 at simulated time 0). */
  get jiffies(): number {
    const ns = this.ktimeNs();
    if (ns === this.#jiffiesAtNs) return this.#jiffies; // read per chain visit: most reads see the same clock
    const tick = this.#tickNs;
    this.#jiffies = tick > 0 ? Math.floor(ns / tick) : Math.floor((ns * this.hz) / 1e9);
    this.#jiffiesAtNs = ns;
    return this.#jiffies;
  }
  /** 1e9 / hz when that is an integer (every HZ dividing 1e9), else 0. */
  #tickNs = 0;
  #jiffiesAtNs = -1;
  #jiffies = 0;

  /** task_sched_runtime(ksmd) in ns. */
  ksmdRuntime(): number {
    return this.clock === null ? this.ksmdRuntimeNs : this.clock.runtimeNs();
  }

  /** msecs_to_jiffies(ksm_stable_node_chains_prune_millisecs), remembered for the last knob value (read at every chain visit). */
  pruneIntervalJiffies(): number {
    const ms = this.knobs.stableNodeChainsPruneMillisecs;
    if (ms !== this.#pruneMs) {
      this.#pruneJiffies = this.msecsToJiffies(ms);
      this.#pruneMs = ms;
    }
    return this.#pruneJiffies;
  }
  #pruneMs = -1;
  #pruneJiffies = 0;

  /** msecs_to_jiffies: rounds up. */
  msecsToJiffies(ms: number): number {
    return Math.ceil((ms * this.hz) / 1000);
  }

  /** get_kpfn_nid: the tree index for a KSM page at `pfn`. */
  getKpfnNid(pfn: number): number {
    return this.knobs.mergeAcrossNodes ? 0 : this.machine.topology.nodeOfPfn(pfn);
  }

  /** alloc_stable_node */
  allocStableNode(): StableNode {
    const node = new StableNode(this.nextStableNodeId++);
    node.treeNode = this.stableRoots[0]!.newNode(node);
    this.stableNodes.set(node.id, node);
    return node;
  }

  /** free_stable_node */
  freeStableNode(node: StableNode): void {
    node.place = "free";
    this.stableNodes.delete(node.id);
  }

  /** The unstable-tree handle of rmap_item `id` (an indexed tree keeps its own; others get one made once). */
  itemNode(id: number): TreeNode<number> {
    const root = this.unstableRoots[0]!;
    if (this.unstableIndexed) return root.newNode(id);
    let n = this.itemNodes[id];
    if (n === undefined) {
      n = root.newNode(id);
      this.itemNodes[id] = n;
    }
    return n;
  }

  /** Whether root_unstable_tree[nid] holds rmap_item `id`. */
  unstableHolds(nid: number, id: number): boolean {
    const root = this.unstableRoots[nid];
    if (root === undefined) return false;
    return this.unstableIndexed ? (root as IndexedTree).holdsValue(id) : root.holds(this.itemNode(id));
  }

  /** rb_link_node + rb_insert_color of rmap_item `id` where the last descent of root_unstable_tree[nid] ended: its node for TreeWalk (NO_NODE without). */
  linkUnstable(nid: number, id: number): number {
    const root = this.unstableRoots[nid]!;
    if (this.unstableIndexed) return (root as IndexedTree).linkValue(id);
    const handle = this.itemNode(id);
    root.link(handle);
    return root.walk?.nodeOf(handle) ?? NO_NODE;
  }

  /** rb_erase of rmap_item `id` from root_unstable_tree[nid]. */
  eraseUnstable(nid: number, id: number): void {
    const root = this.unstableRoots[nid]!;
    if (this.unstableIndexed) (root as IndexedTree).eraseValue(id);
    else root.erase(this.itemNode(id));
  }

  /** Registered mms by id (kernel: the mm a slot holds with mmgrab; it outlives exit until ksmd frees the slot). */
  readonly mms = new Map<number, Mm>();

  /**
   * The slot ksmd's walk last looked at and its mm (the kernel reads
   * `mm_slot->slot.mm`): a registered slot's mm never changes, so the walk
   * looks it up once per slot rather than once per page.
   */
  scanSlot: MmSlot | null = null;
  scanSlotMm: Mm | null = null;

  /** The mm with id `id`: registered, or still live on the machine. */
  mmOf(id: number): Mm {
    const mm = this.mms.get(id) ?? this.machine.mms.get(id);
    if (mm === undefined) throw new Error(`ksm: no mm ${id}`);
    return mm;
  }
}

/**
 * A root_unstable_tree: the backend's indexed tree (values are rmap_item
 * ids) where it has one; the first of a group is offered the items' words
 * (`storage`) for its nodes, as the kernel embeds the rb_node in the item.
 */
export function newUnstableRoot(backend: TreeBackend, group?: Tree<number>, storage?: NodeStorage): Tree<number> {
  return backend.createIndexed?.(group as IndexedTree | undefined, storage) ?? backend.create<number>();
}

/** An optional boolean option, refused by name when it is anything else. */
function booleanOption(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean")
    throw new TypeError(`${name}: must be true or false, got ${JSON.stringify(value) ?? String(value)}`);
  return value;
}
