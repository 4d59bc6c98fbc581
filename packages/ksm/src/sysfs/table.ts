/**
 * The one table of /sys/kernel/mm/ksm (Linux 6.18, x86-64, CONFIG_NUMA): per file its mode, the
 * kernel version that added it, its boot default, its show format and, for a writable file, the
 * rules of its `*_store` function in mm/ksm.c (parser, ranges, errnos). The engine's defaults
 * (engine-knobs.ts), the store-side parsing (store.ts), the scenario validator, the recorder's
 * knob files, the scenario schema and the knob table of the README all come from here.
 *
 * Where each `since` comes from (checked against the kernel history, not guessed):
 * - 2.6.32 and 3.9: Documentation/ABI/testing/sysfs-kernel-mm-ksm (KernelVersion 2.6.32 for the
 *   first eight files, 3.9 for merge_across_nodes);
 * - 6.4: the same ABI file (general_profit, KernelVersion 6.4);
 * - the others: the mainline commit that added the file and the merge window it landed in (each
 *   row says which; the ones marked "not checked against a release tree" are inferred from the
 *   dates of the final patch posting and of the neighbouring releases).
 */
/** The value of `ksm_advisor` (enum ksm_advisor_type), by the name sysfs uses for it. */
export type AdvisorMode = "none" | "scan-time";

/**
 * The value a successful store hands on, per writable file. `unsigned long` knobs are bigints
 * (any u64 is accepted and shown exactly); `unsigned int` and `int` knobs are numbers.
 */
export interface KnobWriteValueMap {
  /** ksm_thread_sleep_millisecs (unsigned int). */
  sleep_millisecs: number;
  /** ksm_thread_pages_to_scan (unsigned int). */
  pages_to_scan: number;
  /** ksm_run after run_store's checks: KSM_RUN_STOP 0, KSM_RUN_MERGE 1, KSM_RUN_UNMERGE 2. */
  run: 0 | 1 | 2;
  /** ksm_merge_across_nodes (unsigned int; kstrtoul, > 1 rejected). */
  merge_across_nodes: 0 | 1;
  /** ksm_max_page_sharing (int, >= 2). */
  max_page_sharing: number;
  /** ksm_stable_node_chains_prune_millisecs (unsigned int). */
  stable_node_chains_prune_millisecs: number;
  /** ksm_use_zero_pages (bool). */
  use_zero_pages: boolean;
  /** ksm_smart_scan (bool). */
  smart_scan: boolean;
  /** ksm_advisor. */
  advisor_mode: AdvisorMode;
  /** ksm_advisor_max_cpu (unsigned int, parsed with kstrtoul: the low 32 bits are kept). */
  advisor_max_cpu: number;
  /** ksm_advisor_min_pages_to_scan (unsigned long). */
  advisor_min_pages_to_scan: bigint;
  /** ksm_advisor_max_pages_to_scan (unsigned long). */
  advisor_max_pages_to_scan: bigint;
  /** ksm_advisor_target_scan_time (unsigned long, seconds, >= 1). */
  advisor_target_scan_time: bigint;
}

export type WritableKnobName = keyof KnobWriteValueMap;
/** The read-only (0444) files: counters. */
export type ReadonlyKnobName =
  | "pages_scanned"
  | "pages_shared"
  | "pages_sharing"
  | "pages_unshared"
  | "pages_volatile"
  | "pages_skipped"
  | "ksm_zero_pages"
  | "full_scans"
  | "stable_node_chains"
  | "stable_node_dups"
  | "general_profit";
export type KnobName = WritableKnobName | ReadonlyKnobName;

/**
 * What each `*_show` prints, per file. Counters are C `unsigned long` / `long`: pass a number, or
 * a bigint when it may exceed 2^53. `run` may carry KSM_RUN_OFFLINE (4). `pages_volatile` is the
 * raw `ksm_rmap_items - pages_shared - pages_sharing - pages_unshared` (the show clamps it at 0).
 */
export type KnobShowValueMap = Omit<KnobWriteValueMap, "run" | "merge_across_nodes"> & {
  run: number;
  merge_across_nodes: number;
} & { [K in ReadonlyKnobName]: number | bigint };

export type KnobWriteValue<K extends WritableKnobName> = KnobWriteValueMap[K];
export type KnobShowValue<K extends KnobName> = KnobShowValueMap[K];

/** How a store function parses its text: a lib/kstrtox.c parser (kstrto.ts), or sysfs_streq. */
export type KnobParser = "kstrtouint" | "kstrtoul" | "kstrtoint" | "kstrtobool" | "sysfs_streq";

/** A kernel release, as `uname -r` starts. */
export type KernelVersion = `${number}.${number}` | `${number}.${number}.${number}`;

/** An errno the stateful rest of a store function can return (applied by the engine, not by the parse). */
export interface StatefulErrno {
  readonly errno: "EBUSY" | "ENOMEM";
  /** When, in the kernel's terms. */
  readonly when: string;
}

/**
 * The pure part of one `*_store` function, in the kernel's order: the advisor check (if any),
 * the parse, the range checks, the store into a C variable of type `ctype`.
 */
export interface StoreRule {
  readonly parser: KnobParser;
  /** The C type of the variable written: a kstrtoul value kept in an `unsigned int` keeps its low 32 bits. */
  readonly ctype: "unsigned int" | "int" | "unsigned long" | "bool" | "enum ksm_advisor_type";
  /** "as-is": the kstrto* errno is returned (ERANGE stays ERANGE); "EINVAL": every parse error is EINVAL. */
  readonly parseErrno: "as-is" | "EINVAL";
  /** Smallest value accepted (checked on the parsed value, before the store); below ⇒ EINVAL. */
  readonly min?: number;
  /** Largest value accepted (checked on the parsed value, before the store); above ⇒ EINVAL. */
  readonly max?: number;
  /** sysfs_streq: the words compared, in the store's order; none matches ⇒ EINVAL. */
  readonly words?: readonly AdvisorMode[];
  /** EINVAL before any parsing while advisor_mode is not "none" (pages_to_scan_store). */
  readonly refusedUnderAdvisor?: true;
  /** What the stateful rest of the store can fail with (the engine's part; empty for most). */
  readonly stateful: readonly StatefulErrno[];
}

/** One file of /sys/kernel/mm/ksm. */
export interface KnobSpec<K extends KnobName = KnobName> {
  readonly name: K;
  /** 0644 (KSM_ATTR) or 0444 (KSM_ATTR_RO). */
  readonly writable: K extends WritableKnobName ? true : false;
  readonly mode: K extends WritableKnobName ? 0o644 : 0o444;
  /** The first mainline release with this file. */
  readonly since: KernelVersion;
  /** The boot value (counters start at 0). */
  readonly default: KnobShowValue<K>;
  /** The show function's format: "%u", "%lu", "%ld", or "%s" for advisor_mode. */
  readonly format: "%u" | "%lu" | "%ld" | "%s";
  /** The rules of the store function; null for a read-only file. */
  readonly store: K extends WritableKnobName ? StoreRule : null;
}

type Rule = Omit<StoreRule, "stateful" | "parseErrno"> & Partial<Pick<StoreRule, "stateful" | "parseErrno">>;

function rw<K extends WritableKnobName>(
  name: K,
  since: KernelVersion,
  def: KnobWriteValue<K>,
  format: "%u" | "%lu" | "%s",
  rule: Rule,
): KnobSpec<K> {
  const store: StoreRule = Object.freeze({
    parseErrno: "EINVAL",
    ...rule,
    stateful: Object.freeze(rule.stateful ?? []),
  });
  return Object.freeze({ name, writable: true, mode: 0o644, since, default: def, format, store }) as KnobSpec<K>;
}

function ro<K extends ReadonlyKnobName>(name: K, since: KernelVersion, format: "%lu" | "%ld"): KnobSpec<K> {
  return Object.freeze({ name, writable: false, mode: 0o444, since, default: 0, format, store: null }) as KnobSpec<K>;
}

const BUSY_WHEN_SHARED: StatefulErrno = {
  errno: "EBUSY",
  when: "the value changes while pages_shared != 0, or remove_all_stable_nodes() fails",
};

/** Every file of /sys/kernel/mm/ksm (6.18), in the order of ksm_attrs[] in mm/ksm.c. */
export const KNOBS: { readonly [K in KnobName]: KnobSpec<K> } = Object.freeze({
  // sleep_millisecs_store: kstrtouint error → EINVAL; wakes ksmd's current sleep
  sleep_millisecs: rw("sleep_millisecs", "2.6.32", 20, "%u", { parser: "kstrtouint", ctype: "unsigned int" }),
  // pages_to_scan_store: advisor on → EINVAL before parsing; kstrtouint error → EINVAL
  pages_to_scan: rw("pages_to_scan", "2.6.32", 100, "%u", {
    parser: "kstrtouint",
    ctype: "unsigned int",
    refusedUnderAdvisor: true,
  }),
  // run_store: kstrtouint (any error → EINVAL), then flags > KSM_RUN_UNMERGE → EINVAL; a change to
  // 2 runs unmerge_and_remove_all_rmap_items(), whose failure sets run 0 and is returned
  run: rw("run", "2.6.32", 0, "%lu", {
    parser: "kstrtouint",
    ctype: "unsigned int",
    max: 2,
    stateful: [{ errno: "ENOMEM", when: "the unmerge pass of a change to 2 runs out of memory (run is left at 0)" }],
  }),
  // "mm/ksm: add pages scanned metric" (Aug 2023, 6.6 merge window; not checked against a release tree)
  pages_scanned: ro("pages_scanned", "6.6", "%lu"),
  pages_shared: ro("pages_shared", "2.6.32", "%lu"),
  pages_sharing: ro("pages_sharing", "2.6.32", "%lu"),
  pages_unshared: ro("pages_unshared", "2.6.32", "%lu"),
  pages_volatile: ro("pages_volatile", "2.6.32", "%ld"),
  // "mm/ksm: add pages_skipped metric", of the smart-scan series (Sep 2023, 6.7 merge window)
  pages_skipped: ro("pages_skipped", "6.7", "%lu"),
  // "ksm: count all zero pages placed by KSM" (series v10, June 2023; still backported onto 6.5 by
  // third parties in Aug 2023, so first in 6.6; not checked against a release tree)
  ksm_zero_pages: ro("ksm_zero_pages", "6.6", "%ld"),
  full_scans: ro("full_scans", "2.6.32", "%lu"),
  // merge_across_nodes_store: kstrtoul error returned as is; > 1 → EINVAL; stateful EBUSY, and
  // ENOMEM when the first switch cannot allocate the per-node roots (kcalloc)
  merge_across_nodes: rw("merge_across_nodes", "3.9", 1, "%u", {
    parser: "kstrtoul",
    ctype: "unsigned int",
    parseErrno: "as-is",
    max: 1,
    stateful: [BUSY_WHEN_SHARED, { errno: "ENOMEM", when: "the first switch cannot allocate the per-node tree roots" }],
  }),
  // max_page_sharing_store: kstrtoint error returned as is; < 2 → EINVAL; same value ⇒ ok before
  // the mutex; stateful EBUSY. The four files of commit 2c653d0ee2ae "ksm: introduce
  // ksm_max_page_sharing per page deduplication limit", in mainline 2017-07-06, after 4.12
  // (released 2017-07-02): 4.13
  max_page_sharing: rw("max_page_sharing", "4.13", 256, "%u", {
    parser: "kstrtoint",
    ctype: "int",
    parseErrno: "as-is",
    min: 2,
    stateful: [BUSY_WHEN_SHARED],
  }),
  stable_node_chains: ro("stable_node_chains", "4.13", "%lu"),
  stable_node_dups: ro("stable_node_dups", "4.13", "%lu"),
  // stable_node_chains_prune_millisecs_store: kstrtouint error → EINVAL
  stable_node_chains_prune_millisecs: rw("stable_node_chains_prune_millisecs", "4.13", 2000, "%u", {
    parser: "kstrtouint",
    ctype: "unsigned int",
  }),
  // use_zero_pages_store: kstrtobool error → EINVAL. Commit e86c59b1b12d "mm/ksm: improve
  // deduplication of zero pages with colouring", posted 2017-01-19, after the 4.10 merge window:
  // 4.11 (not checked against a release tree)
  use_zero_pages: rw("use_zero_pages", "4.11", false, "%u", { parser: "kstrtobool", ctype: "bool" }),
  general_profit: ro("general_profit", "6.4", "%ld"),
  // smart_scan_store: kstrtobool error → EINVAL. "mm/ksm: add smart page scanning mode" (v4
  // 2023-09-27, 6.7 merge window)
  smart_scan: rw("smart_scan", "6.7", true, "%u", { parser: "kstrtobool", ctype: "bool" }),
  // advisor_mode_store: sysfs_streq("scan-time") / sysfs_streq("none"), else EINVAL. The advisor
  // files: "mm/ksm: add sysfs knobs for advisor" (final posting 2023-12-18; backported onto 6.7 by
  // third parties in January 2024, so first in 6.8)
  advisor_mode: rw("advisor_mode", "6.8", "none", "%s", {
    parser: "sysfs_streq",
    ctype: "enum ksm_advisor_type",
    words: ["scan-time", "none"],
  }),
  // advisor_max_cpu_store: kstrtoul error → EINVAL; stored in an unsigned int (low 32 bits)
  advisor_max_cpu: rw("advisor_max_cpu", "6.8", 70, "%u", { parser: "kstrtoul", ctype: "unsigned int" }),
  // advisor_min_pages_to_scan_store: kstrtoul error → EINVAL (no check against the max)
  advisor_min_pages_to_scan: rw("advisor_min_pages_to_scan", "6.8", 500n, "%lu", {
    parser: "kstrtoul",
    ctype: "unsigned long",
  }),
  // advisor_max_pages_to_scan_store: kstrtoul error → EINVAL
  advisor_max_pages_to_scan: rw("advisor_max_pages_to_scan", "6.8", 30000n, "%lu", {
    parser: "kstrtoul",
    ctype: "unsigned long",
  }),
  // advisor_target_scan_time_store: kstrtoul error → EINVAL; value < 1 → EINVAL
  advisor_target_scan_time: rw("advisor_target_scan_time", "6.8", 200n, "%lu", {
    parser: "kstrtoul",
    ctype: "unsigned long",
    min: 1,
  }),
});

/** Every file of /sys/kernel/mm/ksm, in the order of ksm_attrs[] in mm/ksm.c. */
export const KNOB_NAMES: readonly KnobName[] = Object.freeze(Object.keys(KNOBS) as KnobName[]);

/** The writable (0644) files, in ksm_attrs[] order. */
export const WRITABLE_KNOB_NAMES: readonly WritableKnobName[] = Object.freeze(
  KNOB_NAMES.filter((k): k is WritableKnobName => KNOBS[k].writable),
);

/** The read-only (0444) counters, in ksm_attrs[] order. */
export const READONLY_KNOB_NAMES: readonly ReadonlyKnobName[] = Object.freeze(
  KNOB_NAMES.filter((k): k is ReadonlyKnobName => !KNOBS[k].writable),
);

/** The boot values of the writable knobs (what a scenario starts from). */
export const KNOB_DEFAULTS: { readonly [K in WritableKnobName]: KnobWriteValue<K> } = Object.freeze(
  Object.fromEntries(WRITABLE_KNOB_NAMES.map((k) => [k, KNOBS[k].default])) as {
    [K in WritableKnobName]: KnobWriteValue<K>;
  },
);

/** Whether `name` is a file of /sys/kernel/mm/ksm. */
export function isKnobName(name: string): name is KnobName {
  return Object.hasOwn(KNOBS, name);
}

/** Whether `name` is a writable (0644) file of /sys/kernel/mm/ksm. */
export function isWritableKnob(name: string): name is WritableKnobName {
  return isKnobName(name) && KNOBS[name].writable;
}
