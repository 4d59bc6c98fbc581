/**
 * Scenario format version 1 (docs/scenario-format.md) as TypeScript types.
 * A value of these types has passed {@link validateScenario}; defaults
 * (`start` 0, `count` the rest of the VMA, `label` `step<N>`, one NUMA node,
 * every fix on) are not filled in.
 */
import {
  type KnobName as KsmKnobName,
  READONLY_KNOB_NAMES,
  type ReadonlyKnobName,
  WRITABLE_KNOB_NAMES,
  type WritableKnobName,
} from "@ksm-sim/ksm";
import {
  MAX_VMA_PAGES as MM_MAX_VMA_PAGES,
  MMAP_BASE as MM_MMAP_BASE,
  MMAP_SLOT_PAGES as MM_MMAP_SLOT_PAGES,
  MMAP_STRIDE as MM_MMAP_STRIDE,
  PTE_MAX_PAYLOAD,
} from "@ksm-sim/mm";

/** The writable files of /sys/kernel/mm/ksm in Linux 6.18, in ksm_attrs[] order (@ksm-sim/ksm's knob table). */
export const WRITABLE_KNOBS: readonly WritableKnobName[] = WRITABLE_KNOB_NAMES;

/** The read-only counters of /sys/kernel/mm/ksm: valid knob names whose writes give EACCES. */
export const READ_ONLY_KNOBS: readonly ReadonlyKnobName[] = READONLY_KNOB_NAMES;

export type WritableKnob = WritableKnobName;
export type ReadOnlyKnob = ReadonlyKnobName;
export type KnobName = KsmKnobName;

/** Every file of /sys/kernel/mm/ksm a `sysfs` step may name: the writable ones, then the counters. */
export const KNOBS: readonly KnobName[] = [...WRITABLE_KNOBS, ...READ_ONLY_KNOBS];

/** Knob writes that take ksm_thread_mutex, which the unmerge pass of run=2 holds: not allowed in `during`. */
export const MUTEX_KNOBS: readonly WritableKnob[] = ["run", "merge_across_nodes", "max_page_sharing"];

/** The steps a real kernel runs (the recorders drive them). */
export const KERNEL_OPS = [
  "spawn",
  "mmap",
  "munmap",
  "write",
  "madvise",
  "prctl",
  "fork",
  "exit",
  "sysfs",
  "scan",
  "snapshot",
  "migrate",
] as const;

/** Steps only the simulator can run (a real kernel cannot be driven this way from user space). */
export const SIMULATOR_ONLY_OPS = [
  "swapout",
  "swapin",
  "pin",
  "unpin",
  "offline",
  "run_for",
  "workload",
  "workload_stop",
] as const;

/** The ops on ksmd's simulated clock (docs/scenario-format-additions.md). */
export const TIMED_OPS = ["run_for", "workload", "workload_stop"] as const;
/** The longest `run_for`, ms (30 days of simulated time). */
export const MAX_RUN_FOR_MS = 30 * 24 * 3600 * 1000;
/** The fastest workload, writes per second of simulated time. */
export const MAX_PAGES_PER_SEC = 10_000_000;

export type KernelOp = (typeof KERNEL_OPS)[number];
export type SimulatorOnlyOp = (typeof SIMULATOR_ONLY_OPS)[number];
export type Op = KernelOp | SimulatorOnlyOp;

export const OPS: readonly Op[] = [...KERNEL_OPS, ...SIMULATOR_ONLY_OPS];

export const ADVICES = ["mergeable", "unmergeable", "dontneed"] as const;
export type Advice = (typeof ADVICES)[number];

export const FIX_NAMES = [
  "remove_all_stable_nodes",
  "enter_at_tail_while_unmerging",
  "copy_on_swapin_while_unmerging",
] as const;
export type FixName = (typeof FIX_NAMES)[number];

/** Pages of 4 KiB. */
export const PAGE_SIZE = 4096;
/** A VMA has at most 2^28 pages (1 TiB; @ksm-sim/mm's limit). */
export const MAX_VMA_PAGES: number = MM_MAX_VMA_PAGES;
/** Tokens are integers in [0, 2^32). */
export const TOKEN_LIMIT = 2 ** 32;
/**
 * The default address rule (layout.ts): an mmap without `address` lands at
 * MMAP_BASE + s * MMAP_STRIDE, s the process's next free slot; each mmap
 * takes ceil(pages / MMAP_SLOT_PAGES) slots.
 */
export const MMAP_BASE: number = MM_MMAP_BASE;
export const MMAP_STRIDE: number = MM_MMAP_STRIDE;
/** Pages of one default-address slot (2^20). */
export const MMAP_SLOT_PAGES: number = MM_MMAP_SLOT_PAGES;
/** `topology.pages_per_node` when not given: 2^20 pages (4 GiB) per node. */
export const DEFAULT_PAGES_PER_NODE = 2 ** 20;
/** The largest `topology.pages_per_node` value: 2^28 pages (1 TiB) per node. */
export const MAX_PAGES_PER_NODE = 2 ** 28;
/**
 * The most pages a machine may have in all (the sum of `pages_per_node`):
 * the frames a PTE of @ksm-sim/mm can name, so it follows when the PTE widens.
 */
export const MAX_MACHINE_PAGES: number = PTE_MAX_PAYLOAD + 1;
/** x86-64 TASK_SIZE (4-level paging): user mappings end at or below this address. */
export const USER_ADDRESS_LIMIT = 2 ** 47 - PAGE_SIZE;
/** The default vm.mmap_min_addr: MAP_FIXED below it fails. */
export const MIN_MAP_ADDRESS = 65536;
/** Topologies have 1..64 nodes (as @ksm-sim/numa). */
export const MAX_NODES = 64;

/**
 * The contents of a range of pages. A token `t` gives every page `t`;
 * `{ from, period }` gives page `j` the token `from + (j mod period)`, and
 * without `period` `from + j`.
 */
export type Content = number | { from: number; period?: number };

export interface Topology {
  /** Node count, 1..64. */
  nodes: number;
  /**
   * Pages (frames of 4 KiB) of each node: one count for all, or one per node;
   * 1..2^28 each, at most {@link MAX_MACHINE_PAGES} in all; default 2^20.
   */
  pages_per_node?: number | number[];
  /** ACPI SLIT matrix `distances[from][to]`: 10 on the diagonal, 11..254 elsewhere; default 10/20. */
  distances?: number[][];
}

/** A sysfs value: an integer written in decimal, or a string written exactly as given. */
export type SysfsValue = number | string;

export type Fixes = { [K in FixName]?: boolean };

/** Names of processes, VMAs and pin ids: 1 to 63 characters, no white space, no "/". */
export type Name = string;

export interface SpawnStep {
  op: "spawn";
  proc: Name;
}
export interface MmapStep {
  op: "mmap";
  proc: Name;
  vma: Name;
  pages: number;
  node?: number;
  address?: number;
}
export interface MunmapStep {
  op: "munmap";
  proc: Name;
  vma: Name;
}
/** Fields of the steps that name a range of a VMA's pages. */
export interface RangeFields {
  proc: Name;
  vma: Name;
  /** First page of the range, default 0. */
  start?: number;
  /** Pages in the range, default the rest of the VMA from `start`. */
  count?: number;
}
export interface WriteStep extends RangeFields {
  op: "write";
  content: Content;
}
export interface MadviseStep extends RangeFields {
  op: "madvise";
  advice: Advice;
}
export interface PrctlStep {
  op: "prctl";
  proc: Name;
  merge_any: boolean;
}
export interface ForkStep {
  op: "fork";
  proc: Name;
  child: Name;
}
export interface ExitStep {
  op: "exit";
  proc: Name;
}
/** Steps run while the unmerge pass of a run=2 write walks the mm list, right after `after_mm`. */
export interface DuringEntry {
  after_mm: Name;
  steps: Step[];
}
export interface SysfsStep {
  op: "sysfs";
  knob: KnobName;
  value: SysfsValue;
  /** Only on a write of 2 to `run`. */
  during?: DuringEntry[];
}
export interface ScanStep {
  op: "scan";
  full_scans: number;
}
export interface SnapshotStep {
  op: "snapshot";
  label?: string;
}
export interface MigrateStep extends RangeFields {
  op: "migrate";
  node: number;
}
export interface SwapoutStep extends RangeFields {
  op: "swapout";
}
export interface SwapinStep extends RangeFields {
  op: "swapin";
}
export interface PinStep extends RangeFields {
  op: "pin";
  id: Name;
}
export interface UnpinStep {
  op: "unpin";
  id: Name;
}
export interface OfflineStep {
  op: "offline";
  node: number;
}
/** Let ksmd run (run=1) for `ms` of simulated time, then stop it (run=0). */
export interface RunForStep {
  op: "run_for";
  ms: number;
}
/** Start rewriting pages of a VMA at a fixed rate while the clock runs (until `workload_stop`, exit or munmap). */
export interface WorkloadStep extends RangeFields {
  op: "workload";
  pages_per_sec: number;
  seed: number;
  content: Content;
  /** Default `<proc>.<vma>`. */
  id?: Name;
}
export interface WorkloadStopStep {
  op: "workload_stop";
  id: Name;
}

/** One step, discriminated by `op`. */
export type Step =
  | SpawnStep
  | MmapStep
  | MunmapStep
  | WriteStep
  | MadviseStep
  | PrctlStep
  | ForkStep
  | ExitStep
  | SysfsStep
  | ScanStep
  | SnapshotStep
  | MigrateStep
  | SwapoutStep
  | SwapinStep
  | PinStep
  | UnpinStep
  | OfflineStep
  | RunForStep
  | WorkloadStep
  | WorkloadStopStep;

/**
 * Any step right after a `run_for` (or after such a timed step) may carry
 * `at_ms`: it then happens that many ms after the `run_for` began, while
 * ksmd runs (0 <= at_ms <= ms, non-decreasing).
 */
export type TimedStep = Step & { at_ms?: number };

/** The step of a given op: `StepOf<"write">` is {@link WriteStep}. */
export type StepOf<O extends Op> = Extract<Step, { op: O }>;

export interface Scenario {
  /** An editor's schema reference; ignored. */
  $schema?: string;
  version: 1;
  name: string;
  description?: string;
  topology?: Topology;
  /** Knobs written before the first step, in this order. */
  sysfs?: { [K in WritableKnob]?: SysfsValue };
  fixes?: Fixes;
  steps: TimedStep[];
}

/** The id a workload step runs under: `id`, or `<proc>.<vma>`. */
export function workloadId(step: WorkloadStep): string {
  return step.id ?? `${step.proc}.${step.vma}`;
}

/** The token of page `j` (from 0) of a range written with `content`. */
export function pageToken(content: Content, j: number): number {
  if (typeof content === "number") return content;
  return content.period === undefined ? content.from + j : content.from + (j % content.period);
}
