/** Small scenarios and specs for the sweep tests (each variant runs in milliseconds). */
import type { Scenario } from "@ksm-sim/scenario";

export const tiny: Scenario = {
  version: 1,
  name: "tiny",
  sysfs: { pages_to_scan: 100, sleep_millisecs: 20 },
  steps: [
    { op: "spawn", proc: "A" },
    { op: "mmap", proc: "A", vma: "h", pages: 24 },
    { op: "write", proc: "A", vma: "h", content: { from: 1, period: 3 } },
    { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
    { op: "scan", full_scans: 1 },
    { op: "snapshot", label: "one" },
    { op: "scan", full_scans: 1 },
    { op: "snapshot", label: "two" },
  ],
};

/** 2 backends × 2 knobs of 2 values: 8 variants whose counters differ with max_page_sharing. */
export const spec = {
  name: "tiny-grid",
  scenario: tiny,
  grid: {
    backends: ["rbtree", "bintrees"],
    sysfs: { max_page_sharing: [2, 256], pages_to_scan: [5, "1000"] },
  },
};
