/**
 * The shapes of the documents a report is made from, as plain JSON: a
 * scenario result document (scenario-format.md, "Result") and a time series
 * (`ksm-sim run --series out.json`). Declared here structurally so that this
 * package depends on nothing.
 */

export interface ResultLike {
  name: string;
  snapshots: readonly {
    label: string;
    ksm: Readonly<Record<string, number>>;
    /** Process name → its ksm_stat (only ksm_merging_pages is drawn). */
    procs: Readonly<Record<string, { readonly ksm_merging_pages?: number }>>;
  }[];
  placement?: readonly {
    label: string;
    procs: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;
  }[];
}

export interface SeriesLike {
  every_ms: number;
  samples: readonly {
    t_ms: number;
    ksm: Readonly<Record<string, number>>;
    ksmd?: Readonly<Record<string, number | string>>;
    procs: Readonly<Record<string, { readonly ksm_merging_pages?: number }>>;
    nodes: readonly number[];
  }[];
}

/** One row of a backend comparison (the demo's and the bench's). */
export interface BackendRow {
  backend: string;
  /** e.g. "tokens" or "bytes" */
  mode?: string;
  pagesPerSec: number;
  /** Key comparisons per scanned page, when measured. */
  comparesPerPage?: number;
}
