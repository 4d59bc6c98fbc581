/**
 * /sys/kernel/mm/ksm as Linux 6.18 (x86-64, CONFIG_NUMA) lays it out: every file, its default, and
 * the pure part of each `*_store` function of mm/ksm.c (parse + range checks) and each `*_show`.
 *
 * The stateful parts stay with the engine, which applies a parsed request as the store function
 * goes on to do:
 * - run: under the mutex, same value ⇒ nothing; else set it, and for 2 run the unmerge pass
 *   (failure ⇒ run = 0 and its errno); wake ksmd when the MERGE bit is set.
 * - merge_across_nodes / max_page_sharing: same value ⇒ ok with no effect (max_page_sharing checks
 *   that before taking the mutex); else EBUSY when pages_shared != 0 or remove_all_stable_nodes()
 *   fails; merge_across_nodes may also fail with ENOMEM.
 * - advisor_mode: only an actual change calls set_advisor_defaults() (none ⇒ pages_to_scan = 100;
 *   scan-time ⇒ advisor context zeroed, pages_to_scan = advisor_min_pages_to_scan).
 * - sleep_millisecs: wakes ksmd's current sleep.
 *
 * How a user-space write reaches a store function (fs/kernfs/file.c, fs/sysfs/file.c):
 * - open(O_WRONLY) of a read-only (0444) file fails with EACCES, even for root, before any byte;
 * - a write(2) of 0 bytes never calls the store function and succeeds;
 * - one write(2) hands the store at most PAGE_SIZE (4096) bytes, NUL-terminated; the rest is a
 *   short write, which a write-all loop (printf, Python's write) sends as the next write(2), so
 *   the store runs once per chunk and the first failing chunk ends the write with its errno
 *   ({@link kernfsWriteChunks} gives those chunks);
 * - the store sees a C string: an embedded NUL ends it ("5\0junk" sets 5).
 */

import { type KstrtoErrno, kstrtobool, kstrtoint, kstrtouint, kstrtoul, kstrtoulLow32 } from "./kstrto.js";

/** The value of `ksm_advisor` (enum ksm_advisor_type), by the name sysfs uses for it. */
export type AdvisorMode = "none" | "scan-time";

/** The writable (0644) files, in ksm_attrs[] order. */
export const WRITABLE_KNOB_NAMES = [
  "sleep_millisecs",
  "pages_to_scan",
  "run",
  "merge_across_nodes",
  "max_page_sharing",
  "stable_node_chains_prune_millisecs",
  "use_zero_pages",
  "smart_scan",
  "advisor_mode",
  "advisor_max_cpu",
  "advisor_min_pages_to_scan",
  "advisor_max_pages_to_scan",
  "advisor_target_scan_time",
] as const;

/** The read-only (0444) counters, in ksm_attrs[] order. */
export const READONLY_KNOB_NAMES = [
  "pages_scanned",
  "pages_shared",
  "pages_sharing",
  "pages_unshared",
  "pages_volatile",
  "pages_skipped",
  "ksm_zero_pages",
  "full_scans",
  "stable_node_chains",
  "stable_node_dups",
  "general_profit",
] as const;

export type WritableKnobName = (typeof WRITABLE_KNOB_NAMES)[number];
export type ReadonlyKnobName = (typeof READONLY_KNOB_NAMES)[number];
export type KnobName = WritableKnobName | ReadonlyKnobName;

/** Every file of /sys/kernel/mm/ksm, in the order of ksm_attrs[] in mm/ksm.c. */
export const KNOB_NAMES: readonly KnobName[] = [
  "sleep_millisecs",
  "pages_to_scan",
  "run",
  "pages_scanned",
  "pages_shared",
  "pages_sharing",
  "pages_unshared",
  "pages_volatile",
  "pages_skipped",
  "ksm_zero_pages",
  "full_scans",
  "merge_across_nodes",
  "max_page_sharing",
  "stable_node_chains",
  "stable_node_dups",
  "stable_node_chains_prune_millisecs",
  "use_zero_pages",
  "general_profit",
  "smart_scan",
  "advisor_mode",
  "advisor_max_cpu",
  "advisor_min_pages_to_scan",
  "advisor_max_pages_to_scan",
  "advisor_target_scan_time",
];

/**
 * The value a successful store hands on, per writable file. `unsigned long` knobs are bigints
 * (any u64 is accepted and shown exactly); `unsigned int` and `int` knobs are numbers.
 */
export interface KnobWriteValueMap {
  /** ksm_run after run_store's checks: KSM_RUN_STOP 0, KSM_RUN_MERGE 1, KSM_RUN_UNMERGE 2. */
  run: 0 | 1 | 2;
  /** ksm_thread_pages_to_scan (unsigned int). */
  pages_to_scan: number;
  /** ksm_thread_sleep_millisecs (unsigned int). */
  sleep_millisecs: number;
  /** ksm_merge_across_nodes (unsigned int; kstrtoul, > 1 rejected). */
  merge_across_nodes: 0 | 1;
  /** ksm_max_page_sharing (int, >= 2). */
  max_page_sharing: number;
  /** ksm_use_zero_pages (bool). */
  use_zero_pages: boolean;
  /** ksm_smart_scan (bool). */
  smart_scan: boolean;
  /** ksm_stable_node_chains_prune_millisecs (unsigned int). */
  stable_node_chains_prune_millisecs: number;
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

/** A parsed write: what the store function goes on to apply (see the module comment). */
export type KnobRequest = {
  [K in WritableKnobName]: { readonly knob: K; readonly value: KnobWriteValue<K> };
}[WritableKnobName];

/** The errors the pure part of a write can give. EBUSY/ENOMEM/EINTR come from the engine. */
export type KnobWriteErrno = KstrtoErrno | "EACCES";

/**
 * The result of {@link parseKnobWrite}:
 * - `{ ok: true, request }`: the store accepted the text; apply `request`;
 * - `{ ok: true, request: null }`: a write of 0 bytes: no store call, the write succeeds;
 * - `{ ok: false, errno }`: the write fails with that errno;
 * - `{ ok: false, unknown: true }`: no such file (a scenario using it is invalid).
 */
export type KnobWriteParse =
  | { readonly ok: true; readonly request: KnobRequest | null }
  | { readonly ok: false; readonly errno: KnobWriteErrno; readonly unknown?: never }
  | { readonly ok: false; readonly unknown: true; readonly errno?: never };

/** What the pure checks need from the current state. */
export interface KnobWriteContext {
  /** ksm_advisor: pages_to_scan_store refuses every write while it is not "none". */
  readonly advisorMode: AdvisorMode;
}

/** How a store function parses its text. */
export type KnobParser = "kstrtouint" | "kstrtoul" | "kstrtoint" | "kstrtobool" | "sysfs_streq";

/** One file of /sys/kernel/mm/ksm. */
export interface KnobSpec<K extends KnobName = KnobName> {
  readonly name: K;
  /** 0644 (KSM_ATTR) or 0444 (KSM_ATTR_RO). */
  readonly writable: K extends WritableKnobName ? true : false;
  readonly mode: K extends WritableKnobName ? 0o644 : 0o444;
  /** The kstrto* (or sysfs_streq) call of the store function; null for read-only files. */
  readonly parser: K extends WritableKnobName ? KnobParser : null;
  /** The boot value (counters start at 0). */
  readonly default: KnobShowValue<K>;
  /** The show function's format: "%u", "%lu", "%ld", or "%s" for advisor_mode. */
  readonly format: "%u" | "%lu" | "%ld" | "%s";
}

type KnobTable = { readonly [K in KnobName]: KnobSpec<K> };

function rw<K extends WritableKnobName>(
  name: K,
  parser: KnobParser,
  def: KnobShowValue<K>,
  format: KnobSpec["format"],
): KnobSpec<K> {
  return Object.freeze({ name, writable: true, mode: 0o644, parser, default: def, format }) as KnobSpec<K>;
}

function ro<K extends ReadonlyKnobName>(name: K, format: "%lu" | "%ld"): KnobSpec<K> {
  return Object.freeze({ name, writable: false, mode: 0o444, parser: null, default: 0, format }) as KnobSpec<K>;
}

/** Every file of /sys/kernel/mm/ksm (6.18): mode, store parser, boot default and show format. */
export const KNOBS: KnobTable = Object.freeze({
  sleep_millisecs: rw("sleep_millisecs", "kstrtouint", 20, "%u"),
  pages_to_scan: rw("pages_to_scan", "kstrtouint", 100, "%u"),
  run: rw("run", "kstrtouint", 0, "%lu"),
  pages_scanned: ro("pages_scanned", "%lu"),
  pages_shared: ro("pages_shared", "%lu"),
  pages_sharing: ro("pages_sharing", "%lu"),
  pages_unshared: ro("pages_unshared", "%lu"),
  pages_volatile: ro("pages_volatile", "%ld"),
  pages_skipped: ro("pages_skipped", "%lu"),
  ksm_zero_pages: ro("ksm_zero_pages", "%ld"),
  full_scans: ro("full_scans", "%lu"),
  merge_across_nodes: rw("merge_across_nodes", "kstrtoul", 1, "%u"),
  max_page_sharing: rw("max_page_sharing", "kstrtoint", 256, "%u"),
  stable_node_chains: ro("stable_node_chains", "%lu"),
  stable_node_dups: ro("stable_node_dups", "%lu"),
  stable_node_chains_prune_millisecs: rw("stable_node_chains_prune_millisecs", "kstrtouint", 2000, "%u"),
  use_zero_pages: rw("use_zero_pages", "kstrtobool", false, "%u"),
  general_profit: ro("general_profit", "%ld"),
  smart_scan: rw("smart_scan", "kstrtobool", true, "%u"),
  advisor_mode: rw("advisor_mode", "sysfs_streq", "none", "%s"),
  advisor_max_cpu: rw("advisor_max_cpu", "kstrtoul", 70, "%u"),
  advisor_min_pages_to_scan: rw("advisor_min_pages_to_scan", "kstrtoul", 500n, "%lu"),
  advisor_max_pages_to_scan: rw("advisor_max_pages_to_scan", "kstrtoul", 30000n, "%lu"),
  advisor_target_scan_time: rw("advisor_target_scan_time", "kstrtoul", 200n, "%lu"),
});

/** The boot values of the writable knobs (what a scenario starts from). */
export const KNOB_DEFAULTS: { readonly [K in WritableKnobName]: KnobWriteValue<K> } = Object.freeze({
  sleep_millisecs: 20,
  pages_to_scan: 100,
  run: 0,
  merge_across_nodes: 1,
  max_page_sharing: 256,
  stable_node_chains_prune_millisecs: 2000,
  use_zero_pages: false,
  smart_scan: true,
  advisor_mode: "none",
  advisor_max_cpu: 70,
  advisor_min_pages_to_scan: 500n,
  advisor_max_pages_to_scan: 30000n,
  advisor_target_scan_time: 200n,
});

/** Whether `name` is a file of /sys/kernel/mm/ksm. */
export function isKnobName(name: string): name is KnobName {
  return Object.hasOwn(KNOBS, name);
}

/** Whether `name` is a writable (0644) file of /sys/kernel/mm/ksm. */
export function isWritableKnob(name: string): name is WritableKnobName {
  return isKnobName(name) && KNOBS[name].writable;
}

/** PAGE_SIZE: the most one write(2) hands a sysfs store (kernfs_fop_write_iter). */
export const KERNFS_WRITE_MAX = 4096;

/** The most UTF-16 code units that can never exceed KERNFS_WRITE_MAX bytes in UTF-8 (3 bytes each). */
const SURELY_ONE_CHUNK = Math.floor(KERNFS_WRITE_MAX / 3);

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * The buffers a write-all loop (shell printf, Python's write) hands the store function for
 * `text` written as UTF-8: one per write(2), each at most PAGE_SIZE bytes (kernfs_fop_write_iter
 * caps a write there and returns a short count). Empty text ⇒ no chunk (no store call). A chunk
 * holding non-ASCII bytes is returned byte per character (latin1), which parses the same.
 */
export function kernfsWriteChunks(text: string): string[] {
  if (text.length === 0) return [];
  if (text.length <= SURELY_ONE_CHUNK) return [text];
  const chunks: string[] = [];
  if (isAscii(text)) {
    for (let i = 0; i < text.length; i += KERNFS_WRITE_MAX) chunks.push(text.slice(i, i + KERNFS_WRITE_MAX));
    return chunks;
  }
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += KERNFS_WRITE_MAX) {
    chunks.push(String.fromCharCode(...bytes.subarray(i, i + KERNFS_WRITE_MAX)));
  }
  return chunks;
}

/**
 * sysfs_streq(s1, s2) (lib/string.c): equal C strings, where either may carry one trailing '\n'
 * the other lacks. An embedded NUL ends a string.
 */
export function sysfsStreq(s1: string, s2: string): boolean {
  const at = (s: string, i: number) => (i < s.length ? s.charCodeAt(i) : 0);
  let i = 0;
  while (at(s1, i) !== 0 && at(s1, i) === at(s2, i)) i++;
  const c1 = at(s1, i);
  const c2 = at(s2, i);
  if (c1 === c2) return true;
  if (c1 === 0 && c2 === 0x0a && at(s2, i + 1) === 0) return true;
  if (c1 === 0x0a && at(s1, i + 1) === 0 && c2 === 0) return true;
  return false;
}

const UNKNOWN: KnobWriteParse = Object.freeze({ ok: false, unknown: true });
const W_EINVAL: KnobWriteParse = Object.freeze({ ok: false, errno: "EINVAL" });
const W_ERANGE: KnobWriteParse = Object.freeze({ ok: false, errno: "ERANGE" });
const W_EACCES: KnobWriteParse = Object.freeze({ ok: false, errno: "EACCES" });
const W_EMPTY: KnobWriteParse = Object.freeze({ ok: true, request: null });

function accept<K extends WritableKnobName>(knob: K, value: KnobWriteValue<K>): KnobWriteParse {
  return { ok: true, request: { knob, value } as KnobRequest };
}

/**
 * One write(2) of `text` to /sys/kernel/mm/ksm/`knob`, up to where the store function would touch
 * state: the file lookup (unknown ⇒ `{ unknown: true }`), open's permission check (read-only ⇒
 * EACCES), kernfs (0 bytes ⇒ no store call; more than PAGE_SIZE bytes ⇒ the store sees the first
 * PAGE_SIZE), then the store's parse and range checks, in the kernel's order. Pure: `ctx` gives
 * the state the checks read. The stateful rest (EBUSY, unmerging, ...) is the engine's.
 */
export function parseKnobWrite(knob: string, text: string, ctx: KnobWriteContext): KnobWriteParse {
  if (!isKnobName(knob)) return UNKNOWN;
  if (!KNOBS[knob].writable) return W_EACCES; // kernfs_fop_open: no write permission on a 0444 file
  if (text.length === 0) return W_EMPTY; // sysfs_kf_write: `if (!count) return 0;`
  const buf = text.length <= SURELY_ONE_CHUNK ? text : (kernfsWriteChunks(text)[0] as string);
  switch (knob as WritableKnobName) {
    case "run": {
      // run_store: kstrtouint (any error → EINVAL), then flags > KSM_RUN_UNMERGE → EINVAL
      const r = kstrtouint(buf, 10);
      if (!r.ok || r.value > 2) return W_EINVAL;
      return accept("run", r.value as 0 | 1 | 2);
    }
    case "pages_to_scan": {
      // pages_to_scan_store: advisor on → EINVAL before parsing; kstrtouint error → EINVAL
      if (ctx.advisorMode !== "none") return W_EINVAL;
      const r = kstrtouint(buf, 10);
      if (!r.ok) return W_EINVAL;
      return accept("pages_to_scan", r.value);
    }
    case "sleep_millisecs": {
      // sleep_millisecs_store: kstrtouint error → EINVAL
      const r = kstrtouint(buf, 10);
      if (!r.ok) return W_EINVAL;
      return accept("sleep_millisecs", r.value);
    }
    case "stable_node_chains_prune_millisecs": {
      // stable_node_chains_prune_millisecs_store: kstrtouint error → EINVAL
      const r = kstrtouint(buf, 10);
      if (!r.ok) return W_EINVAL;
      return accept("stable_node_chains_prune_millisecs", r.value);
    }
    case "merge_across_nodes": {
      // merge_across_nodes_store: kstrtoul error returned as is (EINVAL/ERANGE); knob > 1 → EINVAL
      const r = kstrtoul(buf, 10);
      if (!r.ok) return r.errno === "ERANGE" ? W_ERANGE : W_EINVAL;
      if (r.value > 1n) return W_EINVAL;
      return accept("merge_across_nodes", r.value === 1n ? 1 : 0);
    }
    case "max_page_sharing": {
      // max_page_sharing_store: kstrtoint error returned as is (EINVAL/ERANGE); knob < 2 → EINVAL
      const r = kstrtoint(buf, 10);
      if (!r.ok) return r.errno === "ERANGE" ? W_ERANGE : W_EINVAL;
      if (r.value < 2) return W_EINVAL;
      return accept("max_page_sharing", r.value);
    }
    case "use_zero_pages": {
      // use_zero_pages_store: kstrtobool error → EINVAL
      const r = kstrtobool(buf);
      if (!r.ok) return W_EINVAL;
      return accept("use_zero_pages", r.value);
    }
    case "smart_scan": {
      // smart_scan_store: kstrtobool error → EINVAL
      const r = kstrtobool(buf);
      if (!r.ok) return W_EINVAL;
      return accept("smart_scan", r.value);
    }
    case "advisor_mode": {
      // advisor_mode_store: sysfs_streq("scan-time") / sysfs_streq("none"), else EINVAL
      if (sysfsStreq("scan-time", buf)) return accept("advisor_mode", "scan-time");
      if (sysfsStreq("none", buf)) return accept("advisor_mode", "none");
      return W_EINVAL;
    }
    case "advisor_max_cpu": {
      // advisor_max_cpu_store: kstrtoul error → EINVAL; stored in an unsigned int (low 32 bits)
      const r = kstrtoulLow32(buf, 10);
      if (!r.ok) return W_EINVAL;
      return accept("advisor_max_cpu", r.value);
    }
    case "advisor_min_pages_to_scan": {
      // advisor_min_pages_to_scan_store: kstrtoul error → EINVAL (no check against the max)
      const r = kstrtoul(buf, 10);
      if (!r.ok) return W_EINVAL;
      return accept("advisor_min_pages_to_scan", r.value);
    }
    case "advisor_max_pages_to_scan": {
      // advisor_max_pages_to_scan_store: kstrtoul error → EINVAL
      const r = kstrtoul(buf, 10);
      if (!r.ok) return W_EINVAL;
      return accept("advisor_max_pages_to_scan", r.value);
    }
    case "advisor_target_scan_time": {
      // advisor_target_scan_time_store: kstrtoul error → EINVAL; value < 1 → EINVAL
      const r = kstrtoul(buf, 10);
      if (!r.ok || r.value < 1n) return W_EINVAL;
      return accept("advisor_target_scan_time", r.value);
    }
  }
}

/** Decimal text of an integer number or bigint (never exponent notation). */
function decimal(v: number | bigint): string {
  if (typeof v === "bigint" || Number.isSafeInteger(v)) return v.toString();
  return Number.isInteger(v) ? BigInt(v).toString() : String(v);
}

/**
 * The text `cat /sys/kernel/mm/ksm/<knob>` prints, as the `*_show` functions format it: integers
 * in decimal plus "\n" (bools as 1/0), advisor_mode as "[none] scan-time\n" or
 * "none [scan-time]\n", pages_volatile clamped at 0 (pages_volatile_show), general_profit and
 * ksm_zero_pages signed.
 */
export function showKnob<K extends KnobName>(knob: K, value: KnobShowValue<K>): string {
  if (knob === "advisor_mode") {
    // advisor_mode_show: "none [scan-time]" for scan-time, "[none] scan-time" otherwise
    return value === "scan-time" ? "none [scan-time]\n" : "[none] scan-time\n";
  }
  if (typeof value === "boolean") return value ? "1\n" : "0\n"; // "%u" of a bool
  let v = value as number | bigint;
  if (knob === "pages_volatile" && v < 0) v = 0; // pages_volatile_show conceals a negative value
  return `${decimal(v)}\n`;
}

/**
 * The text a scenario's sysfs step writes for its `value`: a string as given, an integer in
 * decimal (no newline added). Anything else (a fraction, another JSON type) ⇒ null: the scenario
 * is invalid.
 */
export function scenarioValueText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isInteger(value)) return decimal(value);
  return null;
}
