/**
 * ksmd's CPU-cost model: what one batch (one ksm_do_scan call of
 * ksm_scan_thread) costs in CPU time, from the work the engine counted
 * while doing it. Simulated time includes this scan time as well as the
 * sleeps, and the scan-time advisor reads the sum as ksmd's runtime.
 *
 * The defaults are the values measured on this project's reference machine
 * (Linux 6.18.44, HZ 250, AMD EPYC; fixtures/ksmd-truth/cost-model.json of
 * 2026-11-25, mapped by {@link costModelFromTruth}); pass your own, or a
 * newer cost-model document, to change them.
 */

/** Nanoseconds per unit of work. Every field is a finite number >= 0. */
export interface CostModel {
  /** Per batch that scans: taking ksm_thread_mutex, the wakeup, the loop around ksm_do_scan. */
  readonly batchNs: number;
  /** Per page scanned (pages_scanned): the page-table walk, get_next_rmap_item, cmp_and_merge_page's bookkeeping. */
  readonly pageNs: number;
  /** Per page skipped by smart scan (pages_skipped). */
  readonly skippedNs: number;
  /** Per calc_checksum (xxhash of 4 KiB). */
  readonly checksumNs: number;
  /** Per memcmp_pages (a tree descent step or pages_identical). */
  readonly compareNs: number;
  /** Per page merged (try_to_merge_one_page: write_protect_page, replace_page, TLB flush). */
  readonly mergeNs: number;
}

/** The default cost model: fixtures/ksmd-truth/cost-model.json (2026-11-25) through costModelFromTruth. */
export const DEFAULT_COST_MODEL: CostModel = Object.freeze({
  batchNs: 40359,
  pageNs: 353,
  skippedNs: 361,
  checksumNs: 768,
  compareNs: 370,
  mergeNs: 2062,
});

export const COST_FIELDS = ["batchNs", "pageNs", "skippedNs", "checksumNs", "compareNs", "mergeNs"] as const;

/** The work of one batch, as counted by the engine. */
export interface BatchWork {
  pages: number;
  skipped: number;
  checksums: number;
  compares: number;
  merges: number;
}

/**
 * A full cost model from `partial` over the defaults; throws a RangeError
 * naming the field and value for a field that is not a finite number >= 0
 * or a name that is not a field.
 */
export function costModel(partial: Partial<CostModel> = {}): CostModel {
  for (const [key, value] of Object.entries(partial)) {
    if (!(COST_FIELDS as readonly string[]).includes(key))
      throw new RangeError(`cost.${key}: not a cost-model field (expected ${COST_FIELDS.join(", ")})`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
      throw new RangeError(`cost.${key}: must be a finite number of ns >= 0, got ${String(value)}`);
  }
  return Object.freeze({ ...DEFAULT_COST_MODEL, ...partial });
}

/** CPU time of a batch's work so far, ns (not rounded). */
export function batchCostNs(model: CostModel, w: BatchWork): number {
  return (
    model.batchNs +
    w.pages * model.pageNs +
    w.skipped * model.skippedNs +
    w.checksums * model.checksumNs +
    w.compares * model.compareNs +
    w.merges * model.mergeNs
  );
}

/**
 * A cost model from a `ksmd-truth/cost-model v1` document (what
 * tools/ksmd-truth fits to a real ksmd): batch_ns per batch; ksm_page_ns,
 * the cost of visiting a page that is already a KSM page, per page; the
 * checksum as `derived.checksum_ns_approx` (else first_visit_ns -
 * ksm_page_ns); compare_ns per comparison; merge_ns per merge; skip_ns per
 * skipped page. Negative fitted values count as 0. Throws a RangeError
 * naming what is missing.
 */
export function costModelFromTruth(doc: unknown): CostModel {
  const d = doc as { format?: unknown; model?: Record<string, unknown>; derived?: Record<string, unknown> };
  if (typeof d !== "object" || d === null || d.format !== "ksmd-truth/cost-model v1")
    throw new RangeError('cost model: not a "ksmd-truth/cost-model v1" document');
  const m = d.model ?? {};
  const num = (key: string, v: unknown): number => {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new RangeError(`cost model: model.${key} must be a number of ns, got ${String(v)}`);
    return Math.max(0, v);
  };
  const page = num("ksm_page_ns", m.ksm_page_ns);
  const approx = d.derived?.checksum_ns_approx;
  const checksum =
    typeof approx === "number" ? Math.max(0, approx) : Math.max(0, num("first_visit_ns", m.first_visit_ns) - page);
  return costModel({
    batchNs: num("batch_ns", m.batch_ns),
    pageNs: page,
    skippedNs: num("skip_ns", m.skip_ns),
    checksumNs: checksum,
    compareNs: num("compare_ns", m.compare_ns),
    mergeNs: num("merge_ns", m.merge_ns),
  });
}
