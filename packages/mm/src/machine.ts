/**
 * A simulated machine: physical frames on NUMA nodes, their contents, the
 * per-CPU batches, one swap device, and the live address spaces. Every
 * operation lives in its own file under ops/ (and ksm/ for the primitives
 * KSM calls) as a function of the machine; the methods here are the public
 * way to run them: each moves `seq`, then calls its function.
 */
import { createTopology, type Topology, type TopologySpec } from "@ksm-sim/numa";
import { DEFAULT_BATCH_SIZE } from "./constants.js";
import { createContents } from "./contents/create.js";
import type { ContentMode, PageContents, PageValue } from "./contents/page-contents.js";
import { type Errno, fail } from "./errors.js";
import { FolioBatch } from "./frames/batch.js";
import { FrameTable } from "./frames/frame-table.js";
import { FreeLists } from "./frames/free-lists.js";
import { type KsmHooks, noKsmHooks } from "./hooks.js";
import { exit } from "./ops/exit.js";
import { fork } from "./ops/fork.js";
import { drainDeferred } from "./ops/lru.js";
import { madviseDontneed, madviseMergeable, madviseUnmergeable } from "./ops/madvise.js";
import { migrate } from "./ops/migrate.js";
import { type MmapOptions, mmap } from "./ops/mmap.js";
import { munmap } from "./ops/munmap.js";
import { offlineNode } from "./ops/offline.js";
import { pin, unpin } from "./ops/pin.js";
import { read } from "./ops/read.js";
import { type SpawnOptions, spawn } from "./ops/spawn.js";
import { type SwapinResult, swapin } from "./ops/swapin.js";
import { type SwapoutResult, shrinkSwapCache, swapout } from "./ops/swapout.js";
import { type PageContent, type RangeContent, write, writeRange } from "./ops/write.js";
import { AnonVmaTable } from "./space/anon-vma.js";
import type { Mm } from "./space/mm-struct.js";
import { PTE_MAX_PAYLOAD } from "./space/pte.js";
import type { Vma } from "./space/vma.js";
import { SwapSpace } from "./swap/swap-space.js";

export interface MachineOptions {
  /** The NUMA machine; default one node of 2^20 pages (4 GiB). At most 2^29 pages (2 TiB) in all: the pfns a PTE holds. */
  topology?: Topology | TopologySpec;
  /** Page contents: "tokens" (default, 4 bytes per page) or "bytes" (real 4 KiB pages). */
  contents?: ContentMode;
  /** An unmap that drops a frame's last reference parks it in a per-CPU batch until drainDeferred (default true). */
  deferredFree?: boolean;
  /** A newly faulted frame holds an extra reference in the lru_add batch until drained (default true). */
  lruAddBatch?: boolean;
  /** Frames per batch before it drains itself (default 31, FOLIO_BATCH_SIZE; PAGEVEC_SIZE was 14 in 2013). */
  batchSize?: number;
  /** Distinct contents per arena of the bytes mode's content store, a power of two (default: 4096, 16 MiB, or fewer for a small machine). */
  arenaPages?: number;
  /** KSM's hooks (default: none, as without CONFIG_KSM). */
  hooks?: KsmHooks;
}

/** /proc/vmstat events that mm counts. */
export interface VmEvents {
  /** cow_ksm: write (or unshare) faults that copied a KSM page */
  cowKsm: number;
  /** ksm_swpin_copy: swap-ins that got a copy from ksm_might_need_to_copy */
  ksmSwpinCopy: number;
  /** pswpin / pswpout: pages read from / written to the swap device */
  pswpin: number;
  pswpout: number;
  /** pgmigrate_success / pgmigrate_fail */
  pgmigrateSuccess: number;
  pgmigrateFail: number;
}

export class Machine {
  readonly topology: Topology;
  readonly contents: PageContents;
  readonly frames: FrameTable;
  readonly freeLists: FreeLists;
  /** The per-CPU lru_add batch: new frames waiting to join the LRU, one reference each. */
  readonly lruAddBatch: FolioBatch;
  /** Frames whose last reference an unmap dropped, waiting to be freed. */
  readonly deferredBatch: FolioBatch;
  readonly swap: SwapSpace;
  readonly anonVmas = new AnonVmaTable();
  /** Live address spaces by id, in creation order. */
  readonly mms = new Map<number, Mm>();
  /** get_user_pages references by pin id: the pfns pinned (one entry per page). */
  readonly pins = new Map<string, Int32Array>();
  readonly vmEvents: VmEvents = {
    cowKsm: 0,
    ksmSwpinCopy: 0,
    pswpin: 0,
    pswpout: 0,
    pgmigrateSuccess: 0,
    pgmigrateFail: 0,
  };
  readonly deferredFree: boolean;
  readonly lruAdd: boolean;
  hooks: KsmHooks;
  /** References taken with getRef and not yet dropped (KSM's transient ones). */
  externalRefs = 0;
  nextMmId = 1;
  nextVmaId = 1;

  /**
   * Moves on every change to the machine made through this package: bumped on
   * entry to every public method below (`read` too, though it changes
   * nothing: one rule for every method), and by each primitive KSM drives
   * (getRef, putRef, writeProtectPage, replacePage, ...). The free functions
   * that only read leave it as it was. KSM reads it to know whether anything
   * but ksmd itself ran since ksmd's last batch (see KsmState.treeTrusted in
   * @ksm-sim/ksm); its value means nothing else. Writing the fields of a
   * machine (frames, contents, Mm and Vma objects) directly does not move it.
   */
  seq = 0;

  constructor(options: MachineOptions = {}) {
    const t = options.topology ?? { nodes: 1, pagesPerNode: 1 << 20 };
    this.topology = "nodeOfPfn" in t ? t : createTopology(t);
    if (this.topology.totalPages > PTE_MAX_PAYLOAD + 1) {
      fail(
        "EINVAL",
        `topology: at most 2^29 pages in all (the PTE holds a 29-bit pfn), got ${this.topology.totalPages}`,
      );
    }
    const mode = options.contents ?? "tokens";
    if (mode !== "tokens" && mode !== "bytes") fail("EINVAL", `contents: must be "tokens" or "bytes", got ${mode}`);
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 4096) {
      fail("EINVAL", `batchSize: must be an integer from 1 to 4096, got ${batchSize}`);
    }
    let arenaPages = options.arenaPages;
    if (arenaPages === undefined) {
      arenaPages = 1;
      while (arenaPages < 4096 && arenaPages < this.topology.totalPages) arenaPages *= 2;
    }
    this.contents = createContents(mode, 0, arenaPages);
    this.frames = new FrameTable(this.topology.totalPages, (capacity) => this.contents.grow(capacity));
    this.freeLists = new FreeLists(this.topology, this.frames);
    this.lruAddBatch = new FolioBatch(batchSize);
    this.deferredBatch = new FolioBatch(batchSize);
    this.swap = new SwapSpace(this.contents);
    this.deferredFree = options.deferredFree ?? true;
    this.lruAdd = options.lruAddBatch ?? true;
    this.hooks = options.hooks ?? noKsmHooks;
  }

  /** The content mode. */
  get mode(): ContentMode {
    return this.contents.mode;
  }

  /** Install KSM's hooks (or remove them with noKsmHooks). */
  setHooks(hooks: KsmHooks): void {
    this.seq++;
    this.hooks = hooks;
  }

  spawn(name?: string, options?: SpawnOptions): Mm {
    this.seq++;
    return spawn(this, name, options);
  }
  mmap(mm: Mm, name: string, pages: number, options?: MmapOptions): Vma {
    this.seq++;
    return mmap(this, mm, name, pages, options);
  }
  munmap(mm: Mm, vma: Vma): void {
    this.seq++;
    munmap(this, mm, vma);
  }
  write(mm: Mm, vma: Vma, page: number, content: PageContent): void {
    this.seq++;
    write(this, mm, vma, page, content);
  }
  writeRange(mm: Mm, vma: Vma, start: number, count: number, content: RangeContent): void {
    this.seq++;
    writeRange(this, mm, vma, start, count, content);
  }
  read(mm: Mm, vma: Vma, page: number): PageValue {
    this.seq++;
    return read(this, mm, vma, page);
  }
  madviseDontneed(mm: Mm, vma: Vma, start?: number, count?: number): void {
    this.seq++;
    madviseDontneed(this, mm, vma, start, count);
  }
  madviseMergeable(mm: Mm, vma: Vma, start?: number, count?: number): "ok" | Errno {
    this.seq++;
    return madviseMergeable(this, mm, vma, start, count);
  }
  madviseUnmergeable(mm: Mm, vma: Vma, start?: number, count?: number): "ok" | Errno {
    this.seq++;
    return madviseUnmergeable(this, mm, vma, start, count);
  }
  fork(parent: Mm, childName?: string): Mm {
    this.seq++;
    return fork(this, parent, childName);
  }
  exit(mm: Mm): void {
    this.seq++;
    exit(this, mm);
  }
  swapout(mm: Mm, vma: Vma, start?: number, count?: number): SwapoutResult {
    this.seq++;
    return swapout(this, mm, vma, start, count);
  }
  swapin(mm: Mm, vma: Vma, start?: number, count?: number): SwapinResult {
    this.seq++;
    return swapin(this, mm, vma, start, count);
  }
  shrinkSwapCache(): number {
    this.seq++;
    return shrinkSwapCache(this);
  }
  pin(mm: Mm, vma: Vma, start: number, count: number, id: string): number {
    this.seq++;
    return pin(this, mm, vma, start, count, id);
  }
  unpin(id: string): number {
    this.seq++;
    return unpin(this, id);
  }
  migrate(mm: Mm, vma: Vma, start: number, count: number, node: number): "ok" | Errno {
    this.seq++;
    return migrate(this, mm, vma, start, count, node);
  }
  offlineNode(node: number): "ok" | Errno {
    this.seq++;
    return offlineNode(this, node);
  }
  drainDeferred(): void {
    this.seq++;
    drainDeferred(this);
  }
}

/** Makes a machine (see {@link MachineOptions}). */
export function createMachine(options?: MachineOptions): Machine {
  return new Machine(options);
}
