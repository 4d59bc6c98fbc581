import type { BackendRow, ResultLike, SeriesLike } from "../src/index.js";

const counters = (shared: number, sharing: number, unshared: number) => ({
  pages_shared: shared,
  pages_sharing: sharing,
  pages_unshared: unshared,
  pages_volatile: 0,
  pages_scanned: 0,
  pages_skipped: 0,
  full_scans: 0,
  stable_node_chains: 0,
  stable_node_dups: 0,
  ksm_zero_pages: 0,
  general_profit: sharing * 4096,
});
const stat = (merging: number) => ({
  ksm_rmap_items: 8,
  ksm_zero_pages: 0,
  ksm_merging_pages: merging,
  ksm_process_profit: merging * 4096,
  ksm_merge_any: false,
  ksm_mergeable: true,
});

/** Two processes on two nodes, merging over three snapshots. */
export const RESULT: ResultLike = {
  name: "two-vms",
  snapshots: [
    { label: "boot", ksm: counters(0, 0, 0), procs: { A: stat(0), B: stat(0) } },
    { label: "scan1", ksm: counters(0, 0, 16), procs: { A: stat(0), B: stat(0) } },
    { label: "scan2", ksm: counters(8, 8, 0), procs: { A: stat(8), B: stat(8) } },
  ],
  placement: [
    {
      label: "boot",
      procs: { A: { heap: { node0: 8, node1: 0, other: 0 } }, B: { heap: { node0: 0, node1: 8, other: 0 } } },
    },
    {
      label: "scan1",
      procs: { A: { heap: { node0: 8, node1: 0, other: 0 } }, B: { heap: { node0: 0, node1: 8, other: 0 } } },
    },
    {
      label: "scan2",
      procs: { A: { heap: { node0: 8, node1: 0, other: 0 } }, B: { heap: { node0: 8, node1: 0, other: 0 } } },
    },
  ],
};

export const SERIES: SeriesLike = {
  every_ms: 100,
  samples: Array.from({ length: 11 }, (_, i) => ({
    t_ms: i * 100,
    ksm: counters(Math.min(8, i), Math.min(8, i), Math.max(0, 8 - i)),
    ksmd: { run: 1, pages_to_scan: 100, sleep_millisecs: 20, state: "sleeping", cpu_ms: i * 0.5, batches: i * 5 },
    procs: { A: stat(Math.min(8, i)) },
    nodes: [16 - Math.min(8, i), 8],
  })),
};

export const BACKENDS: BackendRow[] = [
  { backend: "rbtree", mode: "tokens", pagesPerSec: 900_000, comparesPerPage: 12.1 },
  { backend: "functional-red-black-tree", mode: "tokens", pagesPerSec: 400_000, comparesPerPage: 12.1 },
  { backend: "bintrees", mode: "tokens", pagesPerSec: 500_000, comparesPerPage: 12.1 },
];
