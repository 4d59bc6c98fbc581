/**
 * Scenario documents shared by the validator and schema tests: valid ones
 * covering every op and field form, and invalid ones with the exact errors
 * validateScenario gives. `schema: true` marks the invalid documents the JSON
 * Schema can reject too (structure); the others break a rule only the
 * validator checks (the namespace through the steps, SLIT diagonal, ...).
 */
import { MAX_MACHINE_PAGES } from "../../src/index.js";

/** The machine limit as the validator words it (it follows the PTE's width, so it is not written out here). */
const LIMIT = `${MAX_MACHINE_PAGES} pages in all (2^${Math.log2(MAX_MACHINE_PAGES)}: the frames a PTE can name)`;

export const doc = (steps: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  version: 1,
  name: "t",
  ...extra,
  steps,
});

const spawnA = { op: "spawn", proc: "A" };
const mmapA = { op: "mmap", proc: "A", vma: "h", pages: 100 };
const A = [spawnA, mmapA];
const two = { topology: { nodes: 2 } };

/** Valid documents: each must pass validateScenario and the schema. */
export const VALID: [string, unknown][] = [
  ["the smallest scenario", doc([])],
  [
    "every kernel op",
    doc(
      [
        spawnA,
        { op: "mmap", proc: "A", vma: "h", pages: 100, node: 1, address: 2 ** 41 },
        { op: "write", proc: "A", vma: "h", content: 7 },
        { op: "write", proc: "A", vma: "h", start: 10, count: 20, content: { from: 100 } },
        { op: "write", proc: "A", vma: "h", start: 90, content: { from: 4294967286 } },
        { op: "write", proc: "A", vma: "h", content: { from: 4294967290, period: 6 } },
        { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
        { op: "madvise", proc: "A", vma: "h", advice: "dontneed", start: 5, count: 1 },
        { op: "prctl", proc: "A", merge_any: true },
        { op: "fork", proc: "A", child: "B" },
        { op: "write", proc: "B", vma: "h", start: 0, count: 1, content: 0 },
        { op: "migrate", proc: "B", vma: "h", node: 0 },
        { op: "sysfs", knob: "pages_to_scan", value: 5000 },
        { op: "sysfs", knob: "pages_shared", value: 1 },
        { op: "sysfs", knob: "run", value: "abc" },
        { op: "sysfs", knob: "run", value: "" },
        { op: "sysfs", knob: "run", value: 2 },
        { op: "scan", full_scans: 3 },
        { op: "snapshot" },
        { op: "snapshot", label: "s" },
        { op: "munmap", proc: "A", vma: "h" },
        { op: "mmap", proc: "A", vma: "h", pages: 1 },
        { op: "exit", proc: "B" },
      ],
      { ...two, description: "all", fixes: { remove_all_stable_nodes: false } },
    ),
  ],
  [
    "simulator-only ops",
    doc(
      [
        ...A,
        { op: "swapout", proc: "A", vma: "h", start: 0, count: 10 },
        { op: "swapin", proc: "A", vma: "h" },
        { op: "pin", proc: "A", vma: "h", start: 3, count: 1, id: "p1" },
        { op: "exit", proc: "A" },
        { op: "unpin", id: "p1" },
        { op: "spawn", proc: "C" },
        { op: "mmap", proc: "C", vma: "h", pages: 1 },
        { op: "pin", proc: "C", vma: "h", id: "p1" },
        { op: "offline", node: 1 },
      ],
      { ...two, fixes: { enter_at_tail_while_unmerging: true, copy_on_swapin_while_unmerging: false } },
    ),
  ],
  [
    "a run=2 write with during",
    doc([
      ...A,
      { op: "spawn", proc: "B" },
      { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
      { op: "scan", full_scans: 1 },
      {
        op: "sysfs",
        knob: "run",
        value: "2\n",
        during: [
          {
            after_mm: "A",
            steps: [
              { op: "fork", proc: "A", child: "A2" },
              { op: "swapin", proc: "A2", vma: "h" },
            ],
          },
          {
            after_mm: "B",
            steps: [{ op: "exit", proc: "B" }, { op: "snapshot" }, { op: "sysfs", knob: "smart_scan", value: 0 }],
          },
        ],
      },
      { op: "write", proc: "A2", vma: "h", content: 1 },
    ]),
  ],
  [
    "initial sysfs writes that succeed",
    doc([], {
      sysfs: {
        run: 0,
        max_page_sharing: "+0002\n",
        merge_across_nodes: 0,
        use_zero_pages: "yes",
        smart_scan: "e",
        pages_to_scan: 0,
        advisor_mode: "scan-time\n",
        advisor_target_scan_time: 1,
        sleep_millisecs: "",
      },
    }),
  ],
  [
    "a SLIT with distances",
    doc([], {
      topology: {
        nodes: 3,
        distances: [
          [10, 20, 30],
          [21, 10, 254],
          [11, 12, 10],
        ],
      },
    }),
  ],
  ["an editor's $schema", doc([], { $schema: "../schema.json" })],
  [
    "pages_per_node: one for all, one per node, VMAs of 2^28 pages",
    doc(
      [
        spawnA,
        { op: "mmap", proc: "A", vma: "big", pages: 2 ** 28, node: 1 },
        { op: "write", proc: "A", vma: "big", start: 2 ** 28 - 1, content: 1 },
        { op: "mmap", proc: "A", vma: "small", pages: 1 },
      ],
      { topology: { nodes: 2, pages_per_node: [2 ** 20, 2 ** 25] } },
    ),
  ],
  ["pages_per_node for every node", doc([], { topology: { nodes: 3, pages_per_node: 2 ** 23 } })],
];

/** Invalid documents with the exact errors validateScenario reports. */
export interface BadCase {
  name: string;
  doc: unknown;
  errors: [path: string, message: string][];
  /** Whether the JSON Schema rejects it too. */
  schema: boolean;
}

export const INVALID: BadCase[] = [
  {
    name: "not an object",
    doc: [1],
    errors: [["", "(document): must be a JSON object (a scenario document), got [1]"]],
    schema: true,
  },
  {
    name: "version 2, no name, no steps",
    doc: { version: 2 },
    errors: [
      ["version", "version: must be 1 (this is scenario format version 1), got 2"],
      ["name", "name: is required (a string, echoed in the result)"],
      ["steps", "steps: is required (an array of steps)"],
    ],
    schema: true,
  },
  {
    name: "unknown top-level field",
    doc: doc([], { step: [] }),
    errors: [
      [
        "step",
        "step: unknown field of a scenario (expected $schema, version, name, description, topology, sysfs, fixes, steps)",
      ],
    ],
    schema: true,
  },
  {
    name: "negative count",
    doc: doc([
      ...A,
      { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
      { op: "scan", full_scans: 1 },
      { op: "write", proc: "A", vma: "h", start: 0, count: -3, content: 1 },
    ]),
    errors: [["steps[4].count", "steps[4].count: must be a positive integer, got -3"]],
    schema: true,
  },
  {
    name: "unknown op",
    doc: doc([{ op: "sleep", ms: 100 }]),
    errors: [
      [
        "steps[0].op",
        'steps[0].op: must be one of spawn, mmap, munmap, write, madvise, prctl, fork, exit, sysfs, scan, snapshot, migrate, swapout, swapin, pin, unpin, offline, run_for, workload, workload_stop, got "sleep"',
      ],
    ],
    schema: true,
  },
  {
    name: "unknown field of a step, missing field",
    doc: doc([spawnA, { op: "mmap", proc: "A", vma: "h", size: 3 }]),
    errors: [
      ["steps[1].size", 'steps[1].size: unknown field for op "mmap" (expected op, proc, vma, pages, node, address)'],
      ["steps[1].pages", 'steps[1].pages: is required for op "mmap"'],
    ],
    schema: true,
  },
  {
    name: "pages 0 and over 2^28",
    doc: doc([
      spawnA,
      { op: "mmap", proc: "A", vma: "a", pages: 0 },
      { op: "mmap", proc: "A", vma: "b", pages: 2 ** 28 + 1 },
    ]),
    errors: [
      ["steps[1].pages", "steps[1].pages: must be an integer from 1 to 268435456 (2^28), got 0"],
      ["steps[2].pages", "steps[2].pages: must be an integer from 1 to 268435456 (2^28), got 268435457"],
    ],
    schema: true,
  },
  {
    name: "full_scans 0, period 0, bad advice, merge_any not boolean",
    doc: doc([
      ...A,
      { op: "scan", full_scans: 0 },
      { op: "write", proc: "A", vma: "h", content: { from: 1, period: 0 } },
      { op: "madvise", proc: "A", vma: "h", advice: "MADV_MERGEABLE" },
      { op: "prctl", proc: "A", merge_any: 1 },
    ]),
    errors: [
      ["steps[2].full_scans", "steps[2].full_scans: must be an integer >= 1, got 0"],
      ["steps[3].content.period", "steps[3].content.period: must be an integer >= 1, got 0"],
      ["steps[4].advice", 'steps[4].advice: must be one of mergeable, unmergeable, dontneed, got "MADV_MERGEABLE"'],
      ["steps[5].merge_any", "steps[5].merge_any: must be a boolean, got 1"],
    ],
    schema: true,
  },
  {
    name: "a token of 2^32",
    doc: doc([...A, { op: "write", proc: "A", vma: "h", content: 4294967296 }]),
    errors: [["steps[2].content", "steps[2].content: must be a token (an integer from 0 to 2^32 - 1), got 4294967296"]],
    schema: true,
  },
  {
    name: "content reaching 2^32 over the range",
    doc: doc([
      ...A,
      { op: "write", proc: "A", vma: "h", start: 90, content: { from: 4294967287 } },
      { op: "write", proc: "A", vma: "h", content: { from: 4294967290, period: 7 } },
    ]),
    errors: [
      [
        "steps[2].content",
        'steps[2].content: must give every page of the range a token below 2^32 (from 4294967287 over 10 pages reaches 4294967296), got {"from":4294967287}',
      ],
      [
        "steps[3].content",
        'steps[3].content: must give every page of the range a token below 2^32 (from 4294967290 over 100 pages reaches 4294967296), got {"from":4294967290,"period":7}',
      ],
    ],
    schema: false,
  },
  {
    name: "node outside the topology",
    doc: doc([spawnA, { op: "mmap", proc: "A", vma: "h", pages: 1, node: 1 }, { op: "offline", node: 2 }], two),
    errors: [["steps[2].node", "steps[2].node: must be a node of the topology (0 to 1; topology.nodes is 2), got 2"]],
    schema: false,
  },
  {
    name: "node 1 on the default one-node machine",
    doc: doc([spawnA, { op: "mmap", proc: "A", vma: "h", pages: 1, node: 1 }]),
    errors: [["steps[1].node", "steps[1].node: must be a node of the topology (0 to 0; topology.nodes is 1), got 1"]],
    schema: false,
  },
  {
    name: "SLIT distances",
    doc: doc([], {
      topology: {
        nodes: 2,
        distances: [
          [10, 10],
          [255, 11],
        ],
      },
    }),
    errors: [
      [
        "topology.distances[0][1]",
        "topology.distances[0][1]: must be an integer > 10 off the diagonal (ACPI SLIT), got 10",
      ],
      [
        "topology.distances[1][0]",
        "topology.distances[1][0]: must be at most 254 (255 means unreachable in ACPI SLIT), got 255",
      ],
      ["topology.distances[1][1]", "topology.distances[1][1]: must be exactly 10 on the diagonal (ACPI SLIT), got 11"],
    ],
    schema: true,
  },
  {
    name: "SLIT not square",
    doc: doc([], { topology: { nodes: 2, distances: [[10, 20]] } }),
    errors: [["topology.distances", "topology.distances: must be a 2x2 matrix (an array of 2 rows), got [[10,20]]"]],
    schema: false,
  },
  {
    name: "unknown knob, value of another type",
    doc: doc([
      { op: "sysfs", knob: "pages_to_scann", value: 1 },
      { op: "sysfs", knob: "sleep_millisecs", value: 1.5 },
      { op: "sysfs", knob: "smart_scan", value: true },
    ]),
    errors: [
      [
        "steps[0].knob",
        'steps[0].knob: must be a file of /sys/kernel/mm/ksm (sleep_millisecs, pages_to_scan, run, merge_across_nodes, max_page_sharing, stable_node_chains_prune_millisecs, use_zero_pages, smart_scan, advisor_mode, advisor_max_cpu, advisor_min_pages_to_scan, advisor_max_pages_to_scan, advisor_target_scan_time, pages_scanned, pages_shared, pages_sharing, pages_unshared, pages_volatile, pages_skipped, ksm_zero_pages, full_scans, stable_node_chains, stable_node_dups, general_profit), got "pages_to_scann"',
      ],
      [
        "steps[1].value",
        "steps[1].value: must be an integer (written in decimal) or a string (written as given), got 1.5",
      ],
      [
        "steps[2].value",
        "steps[2].value: must be an integer (written in decimal) or a string (written as given), got true",
      ],
    ],
    schema: true,
  },
  {
    name: "run set to 1, in every spelling",
    doc: doc([
      { op: "sysfs", knob: "run", value: 1 },
      { op: "sysfs", knob: "run", value: "1" },
      { op: "sysfs", knob: "run", value: "+1" },
      { op: "sysfs", knob: "run", value: "1\n" },
      { op: "sysfs", knob: "run", value: "001" },
    ]),
    errors: [0, 1, 2, 3, 4].map((i) => [
      `steps[${i}].value`,
      `steps[${i}].value: must not set run to 1: ksmd runs only inside scan steps (run_store parses this as 1), got ${JSON.stringify([1, "1", "+1", "1\n", "001"][i])}`,
    ]),
    schema: true,
  },
  {
    name: "initial sysfs: run=1, a read-only counter, an unknown knob, writes that fail",
    doc: doc([], {
      sysfs: {
        run: "1\n",
        full_scans: 0,
        speed: 1,
        max_page_sharing: 1,
        advisor_mode: "scan-time",
        pages_to_scan: 100,
        smart_scan: "maybe",
      },
    }),
    errors: [
      ["sysfs.run", 'sysfs.run: must not set run to 1: ksmd runs only inside scan steps, got "1\\n"'],
      [
        "sysfs.full_scans",
        "sysfs.full_scans: is a read-only counter: the write would fail with EACCES, and an initial write must succeed, got 0",
      ],
      [
        "sysfs.speed",
        "sysfs.speed: unknown knob (the writable files of /sys/kernel/mm/ksm are sleep_millisecs, pages_to_scan, run, merge_across_nodes, max_page_sharing, stable_node_chains_prune_millisecs, use_zero_pages, smart_scan, advisor_mode, advisor_max_cpu, advisor_min_pages_to_scan, advisor_max_pages_to_scan, advisor_target_scan_time)",
      ],
      [
        "sysfs.max_page_sharing",
        "sysfs.max_page_sharing: would fail with EINVAL, and an initial write must succeed, got 1",
      ],
      [
        "sysfs.pages_to_scan",
        "sysfs.pages_to_scan: would fail with EINVAL, and an initial write must succeed, got 100",
      ],
      ["sysfs.smart_scan", 'sysfs.smart_scan: would fail with EINVAL, and an initial write must succeed, got "maybe"'],
    ],
    schema: true,
  },
  {
    name: "initial merge_across_nodes overflow gives ERANGE",
    doc: doc([], { sysfs: { merge_across_nodes: "18446744073709551616" } }),
    errors: [
      [
        "sysfs.merge_across_nodes",
        'sysfs.merge_across_nodes: would fail with ERANGE, and an initial write must succeed, got "18446744073709551616"',
      ],
    ],
    schema: false,
  },
  {
    name: "unknown process, process after exit, name reused after exit",
    doc: doc([
      { op: "write", proc: "A", vma: "h", content: 1 },
      spawnA,
      { op: "exit", proc: "A" },
      { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
      { op: "spawn", proc: "A" },
    ]),
    errors: [
      [
        "steps[0].proc",
        'steps[0].proc: must name a process alive at this step (none of that name was spawned or forked), got "A"',
      ],
      ["steps[3].proc", 'steps[3].proc: must name a process alive at this step (it exited at steps[2]), got "A"'],
      [
        "steps[4].proc",
        'steps[4].proc: must be a new process name (it belonged to the process created at steps[1], which exited at steps[2]; names are never reused), got "A"',
      ],
    ],
    schema: false,
  },
  {
    name: "spawn twice, fork onto a live name",
    doc: doc([spawnA, spawnA, { op: "fork", proc: "A", child: "A" }]),
    errors: [
      [
        "steps[1].proc",
        'steps[1].proc: must be a new process name (the live process created at steps[0] has it), got "A"',
      ],
      [
        "steps[2].child",
        'steps[2].child: must be a new process name (the live process created at steps[0] has it), got "A"',
      ],
    ],
    schema: false,
  },
  {
    name: "VMA never mapped, after munmap, mapped twice",
    doc: doc([
      ...A,
      { op: "write", proc: "A", vma: "x", content: 1 },
      { op: "mmap", proc: "A", vma: "h", pages: 5 },
      { op: "munmap", proc: "A", vma: "h" },
      { op: "swapout", proc: "A", vma: "h" },
      { op: "munmap", proc: "A", vma: "h" },
    ]),
    errors: [
      [
        "steps[2].vma",
        'steps[2].vma: must name a VMA mapped in this process at this step (this process never mapped one of that name), got "x"',
      ],
      [
        "steps[3].vma",
        'steps[3].vma: must not name a VMA already mapped in this process (mapped at steps[1]), got "h"',
      ],
      [
        "steps[5].vma",
        'steps[5].vma: must name a VMA mapped in this process at this step (it was unmapped at steps[4]), got "h"',
      ],
      [
        "steps[6].vma",
        'steps[6].vma: must name a VMA mapped in this process at this step (it was unmapped at steps[4]), got "h"',
      ],
    ],
    schema: false,
  },
  {
    name: "fork copies VMA names; the child's own mmap does not reach the parent",
    doc: doc([
      ...A,
      { op: "fork", proc: "A", child: "B" },
      { op: "mmap", proc: "B", vma: "k", pages: 1 },
      { op: "write", proc: "B", vma: "h", content: 1 },
      { op: "write", proc: "A", vma: "k", content: 1 },
    ]),
    errors: [
      [
        "steps[5].vma",
        'steps[5].vma: must name a VMA mapped in this process at this step (this process never mapped one of that name), got "k"',
      ],
    ],
    schema: false,
  },
  {
    name: "pages outside the VMA",
    doc: doc([
      ...A,
      { op: "write", proc: "A", vma: "h", start: 95, count: 6, content: 1 },
      { op: "madvise", proc: "A", vma: "h", start: 100, advice: "mergeable" },
      { op: "pin", proc: "A", vma: "h", start: 2 ** 28, id: "p" },
    ]),
    errors: [
      [
        "steps[2].count",
        "steps[2].count: must keep the range inside the VMA (start 95 + count 6 > its 100 pages), got 6",
      ],
      ["steps[3].start", "steps[3].start: must be a page of the VMA (it has 100 pages), got 100"],
      ["steps[4].start", "steps[4].start: must be an integer >= 0 (a page of the VMA), got 268435456"],
    ],
    schema: true,
  },
  {
    name: "pin and unpin ids",
    doc: doc([
      ...A,
      { op: "pin", proc: "A", vma: "h", id: "p" },
      { op: "pin", proc: "A", vma: "h", id: "p" },
      { op: "unpin", id: "p" },
      { op: "unpin", id: "p" },
      { op: "unpin", id: "q" },
    ]),
    errors: [
      [
        "steps[3].id",
        'steps[3].id: must not be the id of a pin still held (taken at steps[2]; unpin it first), got "p"',
      ],
      ["steps[5].id", 'steps[5].id: must be the id of a pin held at this step (it was unpinned at steps[4]), got "p"'],
      ["steps[6].id", 'steps[6].id: must be the id of a pin held at this step (no pin step took it), got "q"'],
    ],
    schema: false,
  },
  {
    name: "during on a write that is not run=2",
    doc: doc([spawnA, { op: "sysfs", knob: "run", value: 0, during: [{ after_mm: "A", steps: [] }] }]),
    errors: [
      [
        "steps[1].during",
        'steps[1].during: is allowed only on a write of 2 to run (the unmerge pass), got {"knob":"run","value":0}',
      ],
    ],
    schema: true,
  },
  {
    name: "during: after_mm not alive, steps that cannot run inside the pass, nesting",
    doc: doc([
      spawnA,
      { op: "spawn", proc: "D" },
      { op: "exit", proc: "D" },
      {
        op: "sysfs",
        knob: "run",
        value: 2,
        during: [
          {
            after_mm: "A",
            steps: [
              { op: "fork", proc: "A", child: "B" },
              { op: "scan", full_scans: 1 },
            ],
          },
          { after_mm: "B", steps: [{ op: "sysfs", knob: "max_page_sharing", value: 3 }] },
          { after_mm: "D", steps: [{ op: "sysfs", knob: "run", value: 2, during: [] }] },
          { after_mm: "Z", steps: [], extra: 1 },
        ],
      },
    ]),
    errors: [
      [
        "steps[3].during[0].steps[1].op",
        'steps[3].during[0].steps[1].op: "scan" cannot run inside the unmerge pass: ksmd cannot scan while the unmerge pass holds ksm_thread_mutex',
      ],
      [
        "steps[3].during[1].after_mm",
        'steps[3].during[1].after_mm: must name a process alive at the run write (it is created inside this during list, at steps[3].during[0].steps[0]), got "B"',
      ],
      [
        "steps[3].during[1].steps[0].knob",
        'steps[3].during[1].steps[0].knob: "max_page_sharing" cannot be written inside the unmerge pass: its store function takes ksm_thread_mutex, which the pass holds',
      ],
      [
        "steps[3].during[2].after_mm",
        'steps[3].during[2].after_mm: must name a process alive at the run write (it exited at steps[2]), got "D"',
      ],
      [
        "steps[3].during[2].steps[0].knob",
        'steps[3].during[2].steps[0].knob: "run" cannot be written inside the unmerge pass: its store function takes ksm_thread_mutex, which the pass holds',
      ],
      [
        "steps[3].during[2].steps[0].during",
        "steps[3].during[2].steps[0].during: cannot be nested: a step inside the unmerge pass cannot start another one",
      ],
      [
        "steps[3].during[3].extra",
        "steps[3].during[3].extra: unknown field of a during entry (expected after_mm, steps)",
      ],
      [
        "steps[3].during[3].after_mm",
        'steps[3].during[3].after_mm: must name a process alive at the run write (none of that name exists), got "Z"',
      ],
    ],
    schema: true,
  },
  {
    name: "names: empty, with a space, too long, not a string",
    doc: doc([
      { op: "spawn", proc: "" },
      { op: "spawn", proc: "a b" },
      { op: "spawn", proc: "x".repeat(64) },
      { op: "unpin", id: 3 },
    ]),
    errors: [
      ["steps[0].proc", `steps[0].proc: must be a name of 1 to 63 characters without white space or '/', got ""`],
      ["steps[1].proc", `steps[1].proc: must be a name of 1 to 63 characters without white space or '/', got "a b"`],
      [
        "steps[2].proc",
        `steps[2].proc: must be a name of 1 to 63 characters without white space or '/', got "${"x".repeat(64)}"`,
      ],
      ["steps[3].id", "steps[3].id: must be a name of 1 to 63 characters without white space or '/', got 3"],
    ],
    schema: true,
  },
  {
    name: "addresses: unaligned, below mmap_min_addr, overlapping, past user space",
    doc: doc([
      spawnA,
      { op: "mmap", proc: "A", vma: "a", pages: 1, address: 4097 },
      { op: "mmap", proc: "A", vma: "b", pages: 1, address: 4096 },
      { op: "mmap", proc: "A", vma: "c", pages: 16, address: 2 ** 40 },
      { op: "mmap", proc: "A", vma: "d", pages: 1, address: 2 ** 40 + 15 * 4096 },
      { op: "mmap", proc: "A", vma: "e", pages: 2, address: 2 ** 47 - 8192 },
    ]),
    errors: [
      ["steps[1].address", "steps[1].address: must be a multiple of 4096 (page aligned), got 4097"],
      ["steps[2].address", "steps[2].address: must be at least 65536 (vm.mmap_min_addr), got 4096"],
      [
        "steps[4].address",
        'steps[4].address: must not overlap VMA "c" (0x10000000000, 16 pages, mapped at steps[3]), got 1099511689216',
      ],
      [
        "steps[5].address",
        "steps[5].address: must map below the end of user space (0x7ffffffff000); 2 pages from there end at 0x800000000000, got 140737488347136",
      ],
    ],
    schema: true,
  },
  {
    name: "an explicit address on the slot of a default one",
    doc: doc([
      spawnA,
      { op: "mmap", proc: "A", vma: "a", pages: 1, address: 2 ** 40 + 2 ** 32 },
      { op: "mmap", proc: "A", vma: "b", pages: 1 },
    ]),
    errors: [
      [
        "steps[2]",
        'steps[2]: must not overlap VMA "a" (0x10100000000, 1 pages, mapped at steps[1]), got "0x10100000000 (the default address of mmap number 1, slot 1)"',
      ],
    ],
    schema: false,
  },
  {
    name: "fixes and topology fields",
    doc: doc([], { fixes: { remove_all_stable_nodes: "yes", fix4: true }, topology: { nodes: 65 } }),
    errors: [
      ["topology.nodes", "topology.nodes: must be an integer from 1 to 64, got 65"],
      [
        "fixes.fix4",
        "fixes.fix4: unknown field of fixes (expected remove_all_stable_nodes, enter_at_tail_while_unmerging, copy_on_swapin_while_unmerging)",
      ],
      ["fixes.remove_all_stable_nodes", 'fixes.remove_all_stable_nodes: must be a boolean, got "yes"'],
    ],
    schema: true,
  },
  {
    name: "a step that is not an object, and one without op",
    doc: doc(["spawn", { proc: "A" }]),
    errors: [
      ["steps[0]", 'steps[0]: must be a step object { op, ... }, got "spawn"'],
      ["steps[1].op", "steps[1].op: is required in every step"],
    ],
    schema: true,
  },
  {
    name: "pages_per_node: a node of 0 pages",
    doc: doc([], { topology: { nodes: 2, pages_per_node: [2 ** 20, 0] } }),
    errors: [
      ["topology.pages_per_node[1]", "topology.pages_per_node[1]: must be an integer from 1 to 268435456, got 0"],
    ],
    schema: true,
  },
  {
    name: "pages_per_node: one value over 2^28",
    doc: doc([], { topology: { nodes: 1, pages_per_node: 2 ** 28 + 1 } }),
    errors: [
      ["topology.pages_per_node", "topology.pages_per_node: must be an integer from 1 to 268435456, got 268435457"],
    ],
    schema: true,
  },
  {
    name: "pages_per_node: a fraction in the array, a string",
    doc: doc([], { topology: { nodes: 2, pages_per_node: [1.5, "4GiB"] } }),
    errors: [
      ["topology.pages_per_node[0]", "topology.pages_per_node[0]: must be an integer from 1 to 268435456, got 1.5"],
      ["topology.pages_per_node[1]", 'topology.pages_per_node[1]: must be an integer from 1 to 268435456, got "4GiB"'],
    ],
    schema: true,
  },
  {
    name: "pages_per_node: neither an integer nor an array",
    doc: doc([], { topology: { nodes: 2, pages_per_node: "4GiB" } }),
    errors: [
      [
        "topology.pages_per_node",
        'topology.pages_per_node: must be an integer from 1 to 268435456 or an array of such integers, one per node, got "4GiB"',
      ],
    ],
    schema: true,
  },
  {
    name: "pages_per_node: an array of the wrong length",
    doc: doc([], { topology: { nodes: 2, pages_per_node: [2 ** 20, 2 ** 20, 2 ** 20] } }),
    errors: [
      [
        "topology.pages_per_node",
        "topology.pages_per_node: must have one entry per node (topology.nodes is 2), or be one integer for every node, got [1048576,1048576,1048576]",
      ],
    ],
    schema: false,
  },
  {
    name: "pages_per_node: more pages in all than a PTE can name (one for all)",
    doc: doc([], { topology: { nodes: 4, pages_per_node: 2 ** 28 } }),
    errors: [
      [
        "topology.pages_per_node",
        `topology.pages_per_node: must give the machine at most ${LIMIT}, got 268435456 on each of 4 nodes (1073741824 pages in all)`,
      ],
    ],
    schema: false,
  },
  {
    name: "pages_per_node: more pages in all than a PTE can name (one per node)",
    doc: doc([], { topology: { nodes: 3, pages_per_node: [2 ** 28, 2 ** 28, 2 ** 28] } }),
    errors: [
      [
        "topology.pages_per_node",
        `topology.pages_per_node: must give the machine at most ${LIMIT}, got [268435456,268435456,268435456] (805306368 pages in all)`,
      ],
    ],
    schema: false,
  },
  {
    name: "pages_per_node without nodes, and an unknown topology field",
    doc: doc([], { topology: { pages_per_node: 0, cpus: 4 } }),
    errors: [
      ["topology.cpus", "topology.cpus: unknown field of topology (expected nodes, pages_per_node, distances)"],
      ["topology.nodes", "topology.nodes: is required in topology"],
      ["topology.pages_per_node", "topology.pages_per_node: must be an integer from 1 to 268435456, got 0"],
    ],
    schema: true,
  },
  {
    name: "a default address past the end of user space (127 mmaps of 2^28 pages)",
    doc: doc([
      spawnA,
      ...Array.from({ length: 127 }, (_, i) => ({ op: "mmap", proc: "A", vma: `v${i}`, pages: 2 ** 28 })),
    ]),
    errors: [
      [
        "steps[127]",
        'steps[127]: must map below the end of user space (0x7ffffffff000); 268435456 pages from there end at 0x800000000000 (the default rule maps from 2^40 up, so a process maps at most 2^47 - 2^40 bytes by it; map the rest with address), got "0x7f0000000000 (the default address of mmap number 126, slot 32256)"',
      ],
    ],
    schema: false,
  },
  {
    name: "a VMA of 2^21 pages takes two slots: an explicit address in its second one overlaps it",
    doc: doc([
      spawnA,
      { op: "mmap", proc: "A", vma: "big", pages: 2 ** 21 },
      { op: "mmap", proc: "A", vma: "x", pages: 1, address: 2 ** 40 + 2 ** 32 },
      { op: "mmap", proc: "A", vma: "next", pages: 1 },
      { op: "write", proc: "A", vma: "next", content: 1 },
    ]),
    errors: [
      [
        "steps[2].address",
        'steps[2].address: must not overlap VMA "big" (0x10000000000, 2097152 pages, mapped at steps[1]), got 1103806595072',
      ],
    ],
    schema: false,
  },
];
