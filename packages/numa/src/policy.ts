import { checkNodeId, fail } from "./errors.js";
import type { Topology } from "./topology.js";

/**
 * The memory policies of `set_mempolicy(2)` / `mbind(2)` that the simulator
 * models (MPOL_LOCAL, MPOL_BIND, MPOL_PREFERRED, MPOL_INTERLEAVE; not
 * PREFERRED_MANY or WEIGHTED_INTERLEAVE).
 */
export type PolicyMode = "local" | "bind" | "preferred" | "interleave";

/**
 * A policy as written: `"local"`, `"bind:0-1"`, `"preferred:2"`,
 * `"interleave:0,2"` (the `mode:nodelist` syntax of tmpfs `mpol=` and
 * numactl), or the same as an object.
 */
export type PolicySpec =
  | string
  | { readonly mode: "local" }
  | { readonly mode: "preferred"; readonly node: number }
  | { readonly mode: "bind" | "interleave"; readonly nodes: readonly number[] };

const MODES: readonly PolicyMode[] = ["local", "bind", "preferred", "interleave"];
const KEYS: Record<PolicyMode, readonly string[]> = {
  local: ["mode"],
  preferred: ["mode", "node"],
  bind: ["mode", "nodes"],
  interleave: ["mode", "nodes"],
};
const P = "INVALID_POLICY";

/** A validated policy bound to its topology, with its fallback orders precomputed. Build it with {@link parsePolicy}. */
export class Policy {
  readonly mode: PolicyMode;
  /** The node set in ascending id order (a nodemask): `[]` for local, `[node]` for preferred. */
  readonly nodes: readonly number[];
  readonly topology: Topology;
  readonly #bindOrders: readonly (readonly number[])[]; // per local node, for bind
  #ilNext = 0; // index into nodes of the next counter-driven interleave node

  /** @internal Use {@link parsePolicy}, which validates. */
  constructor(mode: PolicyMode, nodes: readonly number[], topology: Topology) {
    this.mode = mode;
    this.nodes = Object.freeze([...nodes].sort((a, b) => a - b));
    this.topology = topology;
    const set = new Set(nodes);
    this.#bindOrders =
      mode === "bind"
        ? Object.freeze(
            Array.from({ length: topology.nodes }, (_, local) =>
              Object.freeze(topology.nodesByDistance(local).filter((n) => set.has(n))),
            ),
          )
        : [];
  }

  /** See {@link placeOrder}. */
  placeOrder(localNode: number, pageIndex?: number): readonly number[] {
    const topo = this.topology;
    checkNodeId(topo.nodes, localNode, "localNode");
    switch (this.mode) {
      case "local":
        return topo.nodesByDistance(localNode);
      case "bind":
        return this.#bindOrders[localNode]!;
      case "preferred":
        return topo.nodesByDistance(this.nodes[0]!);
      case "interleave":
        return topo.nodesByDistance(
          pageIndex === undefined ? this.nextInterleaveNode() : this.interleaveNode(pageIndex),
        );
    }
  }

  /** See {@link interleaveNode}. */
  interleaveNode(pageIndex: number): number {
    this.#requireInterleave("interleaveNode");
    if (!Number.isSafeInteger(pageIndex) || pageIndex < 0) {
      fail(P, "pageIndex", "must be a non-negative integer", pageIndex);
    }
    return this.nodes[pageIndex % this.nodes.length]!;
  }

  /** See {@link nextInterleaveNode}. */
  nextInterleaveNode(): number {
    this.#requireInterleave("nextInterleaveNode");
    const node = this.nodes[this.#ilNext]!;
    this.#ilNext = (this.#ilNext + 1) % this.nodes.length;
    return node;
  }

  /** The policy in `mode:nodelist` form, e.g. `bind:0,2` (kernel: `mpol_to_str`). */
  toString(): string {
    return this.mode === "local" ? "local" : `${this.mode}:${this.nodes.join(",")}`;
  }

  #requireInterleave(what: string): void {
    if (this.mode !== "interleave") fail(P, "policy.mode", `must be "interleave" for ${what}`, this.mode);
  }
}

/**
 * The nodes to try for one page, in order; the caller takes the first with
 * free memory. Allocation-free: the arrays are precomputed, do not mutate.
 * - `local`: every node by distance from `localNode` (its zonelist).
 * - `bind`: the set's nodes only, by distance from `localNode`, ties by id
 *   (the local zonelist filtered by the nodemask). Nothing else: an empty
 *   result after these is an OOM, as in the kernel.
 * - `preferred`: every node by distance from the preferred node.
 * - `interleave`: every node by distance from the interleave target:
 *   {@link interleaveNode}`(pageIndex)` when `pageIndex` is given (a VMA
 *   fault), else {@link nextInterleaveNode} (advances the counter).
 */
export function placeOrder(policy: Policy, localNode: number, pageIndex?: number): readonly number[] {
  return policy.placeOrder(localNode, pageIndex);
}

/**
 * The first node of {@link placeOrder} for which `hasFree(node)` holds, or
 * `null` when none does (an OOM for this policy).
 */
export function placePage(
  policy: Policy,
  hasFree: (node: number) => boolean,
  localNode: number,
  pageIndex?: number,
): number | null {
  for (const node of policy.placeOrder(localNode, pageIndex)) if (hasFree(node)) return node;
  return null;
}

/**
 * Interleave target by page offset: `nodes[pageIndex % nodes.length]`, as the
 * kernel's `interleave_nid` → `offset_il_node` does for a VMA fault, where
 * the index is `vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT)`.
 * This holds for a task interleave policy met at a fault too (`get_vma_policy`
 * falls back to the task policy and the offset still applies).
 */
export function interleaveNode(policy: Policy, pageIndex: number): number {
  return policy.interleaveNode(pageIndex);
}

/**
 * Interleave target by counter: round-robin over the set, starting at its
 * first node, one counter per Policy. The kernel's `interleave_nodes` keeps
 * it per task (`current->il_prev`) and uses it for allocations without a page
 * offset (NO_INTERLEAVE_INDEX).
 */
export function nextInterleaveNode(policy: Policy): number {
  return policy.nextInterleaveNode();
}

/** Validates `spec` against `topology`; throws NumaError naming the bad field (`policy.nodes[1]`) and value. */
export function parsePolicy(spec: PolicySpec, topology: Topology): Policy {
  const obj: unknown = typeof spec === "string" ? fromString(spec, topology) : spec;
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    fail(P, "policy", 'must be a string like "bind:0-1" or an object { mode, ... }', spec);
  }
  const o = obj as Record<string, unknown>;
  const mode = o.mode as PolicyMode;
  if (!MODES.includes(mode)) fail(P, "policy.mode", `must be one of ${MODES.join(", ")}`, o.mode);
  for (const key of Object.keys(o)) {
    if (!KEYS[mode].includes(key)) {
      fail(P, `policy.${key}`, `is not a field of mode "${mode}" (expected ${KEYS[mode].join(", ")})`, o[key]);
    }
  }
  if (mode === "local") return new Policy(mode, [], topology);
  if (mode === "preferred") return new Policy(mode, [checkNodeId(topology.nodes, o.node, "policy.node", P)], topology);
  const nodes = o.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) {
    fail(P, "policy.nodes", "must be a non-empty array of node ids", nodes);
  }
  const seen = new Set<number>();
  nodes.forEach((n: unknown, i) => {
    const node = checkNodeId(topology.nodes, n, `policy.nodes[${i}]`, P);
    if (seen.has(node)) fail(P, `policy.nodes[${i}]`, "must not repeat a node id", n);
    seen.add(node);
  });
  return new Policy(mode, nodes as number[], topology);
}

/** `mode[:nodelist]`, nodelist = comma-separated ids or `a-b` ranges. */
function fromString(spec: string, topology: Topology): unknown {
  const colon = spec.indexOf(":");
  const mode = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  if (!MODES.includes(mode as PolicyMode)) fail(P, "policy.mode", `must be one of ${MODES.join(", ")}`, mode);
  if (colon < 0) return mode === "local" ? { mode } : fail(P, "policy.nodes", `mode "${mode}" needs a nodelist`, spec);
  if (mode === "local") fail(P, "policy.nodes", 'is not a field of mode "local"', spec.slice(colon + 1));
  const list = spec.slice(colon + 1);
  const nodes = new Set<number>(); // a nodelist is a bitmap: overlaps are fine
  for (const part of list.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    const lo = m ? Number(m[1]) : Number.NaN;
    const hi = m?.[2] === undefined ? lo : Number(m[2]);
    if (!(lo <= hi) || hi >= topology.nodes) {
      fail(P, "policy.nodes", `must be a nodelist like 0-2,4 of node ids from 0 to ${topology.nodes - 1}`, list);
    }
    for (let n = lo; n <= hi; n++) nodes.add(n);
  }
  if (mode === "preferred") {
    if (nodes.size !== 1) fail(P, "policy.node", "must be exactly one node id", list);
    return { mode, node: [...nodes][0] };
  }
  return { mode, nodes: [...nodes] };
}
