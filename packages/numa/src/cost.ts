import { checkNodeId, fail } from "./errors.js";
import { LOCAL_DISTANCE, type Topology } from "./topology.js";

/**
 * Latency in ns of one access from a CPU on `cpuNode` to memory on
 * `memNode`: `distance / 10 × topology.localLatencyNs`. This is a model, not
 * a measurement: SLIT distances are relative, and firmware only promises
 * that they order nodes. Use it to compare placements, not to predict time.
 */
export function accessCost(topology: Topology, cpuNode: number, memNode: number): number {
  checkNodeId(topology.nodes, cpuNode, "cpuNode");
  checkNodeId(topology.nodes, memNode, "memNode");
  return (topology.distances[cpuNode]![memNode]! * topology.localLatencyNs) / LOCAL_DISTANCE;
}

/** `count` accesses from CPUs on `cpuNode` to pages on `memNode`. */
export interface AccessCount {
  readonly cpuNode: number;
  readonly memNode: number;
  readonly count: number;
}

/** Page-access counts: a nodes×nodes matrix `counts[cpuNode][memNode]`, or a list of {@link AccessCount}. */
export type AccessCounts = readonly (readonly number[])[] | readonly AccessCount[];

export interface RemoteAccessReport {
  /** Accesses with cpuNode === memNode. */
  readonly localAccesses: number;
  readonly remoteAccesses: number;
  /** remote / all; 0 when there are no accesses. */
  readonly remoteFraction: number;
  /** Mean {@link accessCost} per access; 0 when there are no accesses. */
  readonly meanLatencyNs: number;
  /** Total cost over the cost of the same accesses all local (>= 1); 1 when there are no accesses. */
  readonly costRelativeToAllLocal: number;
}

/**
 * Summarises where accesses land. To weigh KSM's merge_across_nodes, count
 * accesses to merged pages under each setting: with 1, one KSM page serves
 * every node (fewer pages, some mappings remote); with 0, each node keeps its
 * own copy (more pages, all local). Compare `costRelativeToAllLocal` with
 * the pages saved.
 */
export function remoteAccessReport(topology: Topology, accesses: AccessCounts): RemoteAccessReport {
  let local = 0;
  let remote = 0;
  let cost = 0;
  const add = (cpu: number, mem: number, count: unknown, field: string) => {
    if (typeof count !== "number" || !Number.isFinite(count) || count < 0) {
      fail("INVALID_ACCESSES", field, "must be a non-negative finite count", count);
    }
    if (cpu === mem) local += count;
    else remote += count;
    cost += count * topology.distances[cpu]![mem]!;
  };
  if (!Array.isArray(accesses)) fail("INVALID_ACCESSES", "accesses", "must be a matrix or a list", accesses);
  const n = topology.nodes;
  if (Array.isArray(accesses[0])) {
    if (accesses.length !== n) fail("INVALID_ACCESSES", "accesses", `must be a ${n}x${n} matrix`, accesses);
    (accesses as readonly unknown[]).forEach((row, cpu) => {
      if (!Array.isArray(row) || row.length !== n) {
        fail("INVALID_ACCESSES", `accesses[${cpu}]`, `must be a row of ${n} counts`, row);
      }
      for (let mem = 0; mem < n; mem++) add(cpu, mem, row[mem], `accesses[${cpu}][${mem}]`);
    });
  } else {
    (accesses as readonly unknown[]).forEach((item, i) => {
      if (typeof item !== "object" || item === null || Array.isArray(item)) {
        fail("INVALID_ACCESSES", `accesses[${i}]`, "must be { cpuNode, memNode, count }", item);
      }
      const a = item as Record<string, unknown>;
      const cpu = checkNodeId(n, a.cpuNode, `accesses[${i}].cpuNode`, "INVALID_ACCESSES");
      const mem = checkNodeId(n, a.memNode, `accesses[${i}].memNode`, "INVALID_ACCESSES");
      add(cpu, mem, a.count, `accesses[${i}].count`);
    });
  }
  const total = local + remote;
  return {
    localAccesses: local,
    remoteAccesses: remote,
    remoteFraction: total === 0 ? 0 : remote / total,
    meanLatencyNs: total === 0 ? 0 : (cost * topology.localLatencyNs) / (total * LOCAL_DISTANCE),
    costRelativeToAllLocal: total === 0 ? 1 : cost / (total * LOCAL_DISTANCE),
  };
}
