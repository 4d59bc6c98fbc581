import { checkNodeId, fail } from "./errors.js";

/** `LOCAL_DISTANCE` of include/linux/topology.h: a node's SLIT distance to itself. */
export const LOCAL_DISTANCE = 10;
/** `REMOTE_DISTANCE` of include/linux/topology.h: the default distance between two nodes. */
export const REMOTE_DISTANCE = 20;
/** The largest reachable SLIT distance; ACPI reserves 255 for "unreachable", which is not modelled. */
export const MAX_DISTANCE = 254;
/**
 * The largest node count the simulator accepts. The kernel's MAX_NUMNODES is
 * 1 << CONFIG_NODES_SHIFT (up to 1024); 64 keeps node sets to one machine word.
 */
export const MAX_NODES = 64;
/** Default latency of a local (distance 10) access: a model parameter, not a measurement. */
export const DEFAULT_LOCAL_LATENCY_NS = 100;

export interface TopologySpec {
  /** Node count, 1..64; nodes are numbered 0..nodes-1. */
  readonly nodes: number;
  /** Pages (frames) of each node: one count for all, or one per node. */
  readonly pagesPerNode: number | readonly number[];
  /** ACPI SLIT matrix, `distances[from][to]`; default 10 on the diagonal, 20 elsewhere. */
  readonly distances?: readonly (readonly number[])[];
  /** Latency of a local access in ns for the cost model; default 100. */
  readonly localLatencyNs?: number;
}

/** The frames of one node: pfns `start` (inclusive) to `end` (exclusive). */
export interface PfnRange {
  readonly start: number;
  readonly end: number;
}

const FIELDS = ["nodes", "pagesPerNode", "distances", "localLatencyNs"];
const T = "INVALID_TOPOLOGY";

/**
 * A validated NUMA machine: nodes, their memory as contiguous pfn ranges in
 * node order, and the SLIT distances between them. Immutable. Build it with
 * {@link createTopology}.
 */
export class Topology {
  readonly nodes: number;
  readonly totalPages: number;
  readonly localLatencyNs: number;
  /** The SLIT matrix, `distances[from][to]` (frozen copy). */
  readonly distances: readonly (readonly number[])[];
  readonly #ranges: readonly PfnRange[];
  readonly #ends: readonly number[];
  readonly #uniform: number; // pages per node when all nodes are equal, else 0
  readonly #byDistance: readonly (readonly number[])[];

  /** @internal Use {@link createTopology}, which validates. */
  constructor(pages: readonly number[], distances: readonly (readonly number[])[], localLatencyNs: number) {
    this.nodes = pages.length;
    this.localLatencyNs = localLatencyNs;
    this.distances = Object.freeze(distances.map((row) => Object.freeze([...row])));
    const ranges: PfnRange[] = [];
    let start = 0;
    for (const n of pages) {
      ranges.push(Object.freeze({ start, end: start + n }));
      start += n;
    }
    this.totalPages = start;
    this.#ranges = Object.freeze(ranges);
    this.#ends = Object.freeze(ranges.map((r) => r.end));
    this.#uniform = pages.every((n) => n === pages[0]) ? pages[0]! : 0;
    this.#byDistance = Object.freeze(
      pages.map((_, from) => {
        const row = this.distances[from]!;
        const order = pages.map((_, to) => to).sort((a, b) => row[a]! - row[b]! || a - b);
        return Object.freeze(order);
      }),
    );
  }

  /** The node whose range holds `pfn` (kernel: `pfn_to_nid`). O(1) for equal nodes, else O(log nodes). */
  nodeOfPfn(pfn: number): number {
    if (!Number.isInteger(pfn) || pfn < 0 || pfn >= this.totalPages) {
      fail("INVALID_PFN", "pfn", `must be an integer from 0 to ${this.totalPages - 1}`, pfn);
    }
    if (this.#uniform > 0) return Math.floor(pfn / this.#uniform);
    const ends = this.#ends;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pfn < ends[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The pfns of `node`, `[start, end)` (kernel: `node_start_pfn`, `node_end_pfn`). */
  pfnRange(node: number): PfnRange {
    return this.#ranges[checkNodeId(this.nodes, node, "node")]!;
  }

  /** Pages of `node` (kernel: `node_present_pages`). */
  pagesOnNode(node: number): number {
    const r = this.pfnRange(node);
    return r.end - r.start;
  }

  /** SLIT distance from `from` (where the CPU is) to `to` (where the memory is); kernel `node_distance`. */
  distance(from: number, to: number): number {
    return this.distances[checkNodeId(this.nodes, from, "from")]![checkNodeId(this.nodes, to, "to")]!;
  }

  /**
   * Every node, nearest first as seen from `node` (itself first), ties by
   * node id: the node order of `node`'s zonelist. The kernel's
   * `find_next_best_node` also penalises lower ids, nodes with CPUs, and
   * rotates equal-distance nodes between zonelists by load; this model keeps
   * distance order only. Precomputed; do not mutate.
   */
  nodesByDistance(node: number): readonly number[] {
    return this.#byDistance[checkNodeId(this.nodes, node, "node")]!;
  }
}

/** Validates `spec` and builds its {@link Topology}; throws NumaError naming the bad field and value. */
export function createTopology(spec: TopologySpec): Topology {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    fail(T, "topology", "must be an object { nodes, pagesPerNode, distances?, localLatencyNs? }", spec);
  }
  for (const key of Object.keys(spec)) {
    if (!FIELDS.includes(key)) fail(T, `topology.${key}`, `unknown field (expected ${FIELDS.join(", ")})`, key);
  }
  const nodes = spec.nodes;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) {
    fail(T, "topology.nodes", `must be an integer from 1 to ${MAX_NODES}`, nodes);
  }
  const latency = spec.localLatencyNs ?? DEFAULT_LOCAL_LATENCY_NS;
  if (typeof latency !== "number" || !Number.isFinite(latency) || latency <= 0) {
    fail(T, "topology.localLatencyNs", "must be a positive finite number of nanoseconds", latency);
  }
  return new Topology(checkPages(spec.pagesPerNode, nodes), checkDistances(spec.distances, nodes), latency);
}

function checkPages(spec: unknown, nodes: number): number[] {
  const field = "topology.pagesPerNode";
  if (!Array.isArray(spec) && typeof spec !== "number") {
    fail(T, field, `must be a positive integer or an array of ${nodes} (one per node)`, spec);
  }
  if (Array.isArray(spec) && spec.length !== nodes) {
    fail(T, field, `must have one entry per node (${nodes})`, spec);
  }
  const pages: unknown[] = Array.isArray(spec) ? spec : new Array(nodes).fill(spec);
  let total = 0;
  pages.forEach((n, i) => {
    const at = Array.isArray(spec) ? `${field}[${i}]` : field;
    if (!Number.isSafeInteger(n) || (n as number) < 1) fail(T, at, "must be a positive integer", n);
    total += n as number;
  });
  if (!Number.isSafeInteger(total)) fail(T, field, "must total at most 2^53 - 1 pages", total);
  return pages as number[];
}

/**
 * SLIT rules: integers (SLIT entries are bytes), exactly 10 on the diagonal
 * and more than 10 off it (what the kernel's `slit_valid` checks), at most
 * 254 (ACPI's 255 means "unreachable", which this model does not support).
 * The matrix need not be symmetric: ACPI allows asymmetric SLITs, firmware
 * ships them, and the kernel accepts them, so this does too.
 */
function checkDistances(spec: unknown, nodes: number): number[][] {
  const field = "topology.distances";
  if (spec === undefined) {
    return Array.from({ length: nodes }, (_, i) =>
      Array.from({ length: nodes }, (_, j) => (i === j ? LOCAL_DISTANCE : REMOTE_DISTANCE)),
    );
  }
  if (!Array.isArray(spec) || spec.length !== nodes) {
    fail(T, field, `must be a ${nodes}x${nodes} matrix (an array of ${nodes} rows)`, spec);
  }
  return spec.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== nodes) {
      fail(T, `${field}[${i}]`, `must be a row of ${nodes} distances`, row);
    }
    return row.map((d: unknown, j) => {
      const at = `${field}[${i}][${j}]`;
      if (i === j) {
        if (d !== LOCAL_DISTANCE) fail(T, at, `must be exactly ${LOCAL_DISTANCE} on the diagonal`, d);
      } else if (!Number.isInteger(d) || (d as number) <= LOCAL_DISTANCE) {
        fail(T, at, `must be an integer > ${LOCAL_DISTANCE} off the diagonal`, d);
      } else if ((d as number) > MAX_DISTANCE) {
        fail(T, at, `must be at most ${MAX_DISTANCE} (255 means unreachable in ACPI and is not modelled)`, d);
      }
      return d as number;
    });
  });
}
