/**
 * ksmd's CPU-cost model: what one batch (one ksm_do_scan call of
 * ksm_scan_thread) costs in CPU time, from the work the engine counted
 * while doing it. Simulated time includes this scan time as well as the
 * sleeps, and the scan-time advisor reads the sum as ksmd's runtime.
 *
 * The form and the defaults are those fitted on this project's reference
 * machine (Linux 6.18.44, HZ 250, AMD EPYC; fixtures/ksmd-truth/cost-model.json
 * of 2026-11-25, mapped by {@link costModelFromTruth}; docs/ksmd-model.md);
 * pass your own, or a newer cost-model document, to change them.
 */

/** Nanoseconds per unit of work, and ksmd's CPU share when it never sleeps. */
export interface CostModel {
  /** Per batch after a sleep or a park: the wakeup, ksm_thread_mutex, the loop around ksm_do_scan. */
  readonly batchNs: number;
  /** Per batch right after another one (sleep_millisecs 0: no wakeup in between). */
  readonly batchNoSleepNs: number;
  /** Per page whose checksum is new (a first visit, or a page changed since the last): calc_checksum, and cmp_and_merge_page stops. */
  readonly firstVisitNs: number;
  /** Per non-KSM page whose checksum is unchanged: calc_checksum and the fixed part of the stable- and unstable-tree lookups. */
  readonly revisitNs: number;
  /** Per unstable-tree comparison (get_mergeable_page, memcmp_pages). */
  readonly compareNs: number;
  /** Per stable-tree comparison (memcmp_pages with a cache-hot KSM page). */
  readonly stableCompareNs: number;
  /** Per page merged (try_to_merge_one_page: write_protect_page, pages_identical, replace_page, TLB flush). */
  readonly mergeNs: number;
  /** Per visit of a page that already is a KSM page (no checksum, no lookup). */
  readonly ksmPageNs: number;
  /** Per page smart scan skipped (walked, not in pages_scanned). */
  readonly skipNs: number;
  /**
   * The share of a CPU ksmd gets while it runs batches back to back
   * (sleep_millisecs 0), in (0, 1]: such a batch takes cost / share of
   * simulated time (RT throttling and the fair server left ~4 % to others).
   */
  readonly noSleepCpuShare: number;
}

/** The default cost model: fixtures/ksmd-truth/cost-model.json (2026-11-25) through costModelFromTruth. */
export const DEFAULT_COST_MODEL: CostModel = Object.freeze({
  batchNs: 24167,
  batchNoSleepNs: 4000,
  firstVisitNs: 1111,
  revisitNs: 1131,
  compareNs: 369,
  stableCompareNs: 0,
  mergeNs: 2053,
  ksmPageNs: 355,
  skipNs: 362,
  noSleepCpuShare: 0.96,
});

export const COST_FIELDS = [
  "batchNs",
  "batchNoSleepNs",
  "firstVisitNs",
  "revisitNs",
  "compareNs",
  "stableCompareNs",
  "mergeNs",
  "ksmPageNs",
  "skipNs",
  "noSleepCpuShare",
] as const;

/**
 * The work of one batch, as counted by the engine: pages scanned and
 * skipped, calc_checksum calls (and those with a new result), memcmp_pages
 * calls (all; those in stable-tree descents; those of pages_identical), merges.
 */
export interface BatchWork {
  pages: number;
  skipped: number;
  checksums: number;
  newChecksums: number;
  compares: number;
  stableCompares: number;
  identicalCompares: number;
  merges: number;
}

/**
 * A full cost model from `partial` over the defaults; throws a RangeError
 * naming the field and value for a bad value (ns: a finite number >= 0;
 * noSleepCpuShare: in (0, 1]) or a name that is not a field.
 */
export function costModel(partial: Partial<CostModel> = {}): CostModel {
  for (const [key, value] of Object.entries(partial)) {
    if (!(COST_FIELDS as readonly string[]).includes(key))
      throw new RangeError(`cost.${key}: not a cost-model field (expected ${COST_FIELDS.join(", ")})`);
    if (key === "noSleepCpuShare") {
      if (typeof value !== "number" || !(value > 0 && value <= 1))
        throw new RangeError(`cost.${key}: must be a share of a CPU in (0, 1], got ${String(value)}`);
    } else if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
      throw new RangeError(`cost.${key}: must be a finite number of ns >= 0, got ${String(value)}`);
  }
  return Object.freeze({ ...DEFAULT_COST_MODEL, ...partial });
}

/**
 * CPU time of a batch's work, ns (not rounded): the batch overhead
 * (`noSleep`: the batch followed another without a sleep), then per first
 * visit, revisit, unstable- and stable-tree comparison, merge, KSM-page
 * visit and skip. pages_identical's comparison is part of a merge.
 */
export function batchCostNs(model: CostModel, w: BatchWork, noSleep = false): number {
  const unstable = w.compares - w.stableCompares - w.identicalCompares;
  return (
    (noSleep ? model.batchNoSleepNs : model.batchNs) +
    w.newChecksums * model.firstVisitNs +
    (w.checksums - w.newChecksums) * model.revisitNs +
    unstable * model.compareNs +
    w.stableCompares * model.stableCompareNs +
    w.merges * model.mergeNs +
    (w.pages - w.checksums) * model.ksmPageNs +
    w.skipped * model.skipNs
  );
}

/** The fields of a `ksmd-truth/cost-model v1` document's `model` for each cost-model field (optional ones fall back). */
const TRUTH_FIELDS: readonly [keyof CostModel, string][] = [
  ["batchNs", "batch_ns"],
  ["batchNoSleepNs", "batch_nosleep_ns"],
  ["firstVisitNs", "first_visit_ns"],
  ["revisitNs", "revisit_ns"],
  ["compareNs", "compare_ns"],
  ["stableCompareNs", "stable_compare_ns"],
  ["mergeNs", "merge_ns"],
  ["ksmPageNs", "ksm_page_ns"],
  ["skipNs", "skip_ns"],
  ["noSleepCpuShare", "nosleep_cpu_share"],
];

/**
 * A cost model from a `ksmd-truth/cost-model v1` document (what
 * tools/ksmd-truth fits to a real ksmd): each `model.*_ns` field onto its
 * cost-model field (negative fitted values count as 0).
 * `batch_nosleep_ns` defaults to `batch_ns`, `stable_compare_ns` to
 * `compare_ns`, `nosleep_cpu_share` (not fitted: the timing table's 96 %)
 * to 0.96. Throws a RangeError naming what is missing or bad.
 */
export function costModelFromTruth(doc: unknown): CostModel {
  const d = doc as { format?: unknown; model?: Record<string, unknown> };
  if (typeof d !== "object" || d === null || d.format !== "ksmd-truth/cost-model v1")
    throw new RangeError('cost model: not a "ksmd-truth/cost-model v1" document');
  const m = d.model ?? {};
  const fallback: Record<string, string> = { batch_nosleep_ns: "batch_ns", stable_compare_ns: "compare_ns" };
  const out: Partial<Record<keyof CostModel, number>> = {};
  for (const [field, key] of TRUTH_FIELDS) {
    let v = m[key];
    if (v === undefined && key === "nosleep_cpu_share") continue;
    if (v === undefined && fallback[key] !== undefined) v = m[fallback[key]];
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new RangeError(`cost model: model.${key} must be a number, got ${String(v)}`);
    out[field] = key === "nosleep_cpu_share" ? v : Math.max(0, v);
  }
  return costModel(out);
}
