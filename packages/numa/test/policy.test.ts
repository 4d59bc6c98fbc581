import { describe, expect, it } from "vitest";
import {
  createTopology,
  interleaveNode,
  nextInterleaveNode,
  type PolicySpec,
  parsePolicy,
  placeOrder,
  placePage,
} from "../src/index.js";
import { expectNumaError } from "./expect-error.js";

// Two sockets of two nodes: 0-1 and 2-3 are 12 apart, the sockets 21.
const topo = createTopology({
  nodes: 4,
  pagesPerNode: 16,
  distances: [
    [10, 12, 21, 21],
    [12, 10, 21, 21],
    [21, 21, 10, 12],
    [21, 21, 12, 10],
  ],
});
const bad = (spec: unknown, field: string, message: string) =>
  expectNumaError(() => parsePolicy(spec as PolicySpec, topo), "INVALID_POLICY", field, message);
const freeOn =
  (...nodes: number[]) =>
  (n: number) =>
    nodes.includes(n);

describe("parsePolicy", () => {
  it("reads the mode:nodelist syntax and the object form alike", () => {
    expect(parsePolicy("local", topo)).toMatchObject({ mode: "local", nodes: [] });
    expect(parsePolicy("bind:3,0-1", topo)).toMatchObject({ mode: "bind", nodes: [0, 1, 3] });
    expect(parsePolicy("interleave:0-1,1-2", topo).nodes).toEqual([0, 1, 2]); // a bitmap: overlaps are fine
    expect(parsePolicy("preferred:2", topo)).toMatchObject({ mode: "preferred", nodes: [2] });
    expect(parsePolicy({ mode: "interleave", nodes: [2, 0] }, topo).nodes).toEqual([0, 2]);
    expect(parsePolicy({ mode: "preferred", node: 1 }, topo).toString()).toBe("preferred:1");
    expect(String(parsePolicy("bind:1-3", topo))).toBe("bind:1,2,3");
  });

  it("names a bad mode", () => {
    bad(7, "policy", 'policy: must be a string like "bind:0-1" or an object { mode, ... }, got 7');
    bad(
      { mode: "default" },
      "policy.mode",
      'policy.mode: must be one of local, bind, preferred, interleave, got "default"',
    );
    bad("weighted:0", "policy.mode", 'policy.mode: must be one of local, bind, preferred, interleave, got "weighted"');
  });

  it("names fields that the mode does not take", () => {
    bad(
      { mode: "local", nodes: [0] },
      "policy.nodes",
      'policy.nodes: is not a field of mode "local" (expected mode), got [0]',
    );
    bad(
      { mode: "bind", node: 0, nodes: [0] },
      "policy.node",
      'policy.node: is not a field of mode "bind" (expected mode, nodes), got 0',
    );
    bad("local:0", "policy.nodes", 'policy.nodes: is not a field of mode "local", got "0"');
  });

  it("names a bad node set", () => {
    bad({ mode: "bind", nodes: [] }, "policy.nodes", "policy.nodes: must be a non-empty array of node ids, got []");
    bad({ mode: "interleave" }, "policy.nodes", "policy.nodes: must be a non-empty array of node ids, got undefined");
    bad({ mode: "bind", nodes: [0, 4] }, "policy.nodes[1]", "policy.nodes[1]: must be a node id from 0 to 3, got 4");
    bad(
      { mode: "bind", nodes: [1, 0.5] },
      "policy.nodes[1]",
      "policy.nodes[1]: must be a node id from 0 to 3, got 0.5",
    );
    bad({ mode: "bind", nodes: [1, 2, 1] }, "policy.nodes[2]", "policy.nodes[2]: must not repeat a node id, got 1");
    bad({ mode: "preferred", node: 9 }, "policy.node", "policy.node: must be a node id from 0 to 3, got 9");
    bad("bind", "policy.nodes", 'policy.nodes: mode "bind" needs a nodelist, got "bind"');
    for (const list of ["0-4", "2-1", "x", "", "0,,1"]) {
      bad(
        `interleave:${list}`,
        "policy.nodes",
        `policy.nodes: must be a nodelist like 0-2,4 of node ids from 0 to 3, got "${list}"`,
      );
    }
    bad("preferred:0-1", "policy.node", 'policy.node: must be exactly one node id, got "0-1"');
  });
});

describe("placement orders", () => {
  it("local: every node, nearest to the faulting CPU first", () => {
    const p = parsePolicy("local", topo);
    expect(placeOrder(p, 0)).toEqual([0, 1, 2, 3]);
    expect(placeOrder(p, 3)).toEqual([3, 2, 0, 1]);
    expect(placePage(p, freeOn(0, 1, 2), 3)).toBe(2); // local full: the socket neighbour
    expect(placePage(p, freeOn(0, 1), 3)).toBe(0); // socket full: the nearest remote, lowest id
    expect(placePage(p, freeOn(), 3)).toBeNull();
  });

  it("bind: only the set, nearest to the local node first, ties by id", () => {
    const p = parsePolicy("bind:0,2,3", topo);
    expect(placeOrder(p, 1)).toEqual([0, 2, 3]);
    expect(placeOrder(p, 3)).toEqual([3, 2, 0]);
    expect(placeOrder(p, 2)).toEqual([2, 3, 0]);
    expect(placePage(p, freeOn(0, 1), 3)).toBe(0);
    expect(placePage(p, freeOn(1), 0)).toBeNull(); // node 1 has memory but is outside the set: OOM
    expect(placeOrder(p, 1)).toBe(placeOrder(p, 1)); // precomputed, allocation-free
  });

  it("preferred: the preferred node, then every node by distance from it", () => {
    const p = parsePolicy("preferred:2", topo);
    expect(placeOrder(p, 0)).toEqual([2, 3, 0, 1]);
    expect(placePage(p, freeOn(0, 1, 2, 3), 0)).toBe(2);
    expect(placePage(p, freeOn(0, 1, 3), 0)).toBe(3);
    expect(placePage(p, freeOn(0, 1), 0)).toBe(0);
  });

  it("interleave by page offset: nodes[pageIndex % n], falling back by distance from the target", () => {
    const p = parsePolicy("interleave:1-3", topo);
    expect([0, 1, 2, 3, 4, 5, 302].map((i) => interleaveNode(p, i))).toEqual([1, 2, 3, 1, 2, 3, 3]);
    expect(placeOrder(p, 0, 4)).toEqual([2, 3, 0, 1]);
    expect(placePage(p, freeOn(0, 1, 3), 0, 4)).toBe(3); // target 2 full
    expect(placePage(p, freeOn(0), 0, 4)).toBe(0); // interleave falls back beyond the set
    expect(interleaveNode(p, 4)).toBe(2); // the offset form has no state
  });

  it("interleave by counter: round-robin from the first node, one counter per policy", () => {
    const p = parsePolicy("interleave:0,2", topo);
    const q = parsePolicy("interleave:0,2", topo);
    expect([1, 2, 3, 4, 5].map(() => nextInterleaveNode(p))).toEqual([0, 2, 0, 2, 0]);
    expect(nextInterleaveNode(q)).toBe(0);
    expect(placeOrder(p, 0)).toEqual([2, 3, 0, 1]); // no pageIndex: the counter's next node (2)
    expect(placeOrder(p, 0)[0]).toBe(0);
  });

  it("spreads interleaved pages evenly", () => {
    const p = parsePolicy("interleave:0-3", topo);
    const byOffset = [0, 0, 0, 0];
    const byCounter = [0, 0, 0, 0];
    for (let i = 0; i < 1001; i++) {
      byOffset[interleaveNode(p, i)]!++;
      byCounter[nextInterleaveNode(p)]!++;
    }
    expect(byOffset).toEqual([251, 250, 250, 250]);
    expect(byCounter).toEqual([251, 250, 250, 250]);
  });

  it("names bad arguments", () => {
    const p = parsePolicy("bind:0", topo);
    expectNumaError(
      () => placeOrder(p, 4),
      "INVALID_NODE",
      "localNode",
      "localNode: must be a node id from 0 to 3, got 4",
    );
    expectNumaError(
      () => interleaveNode(p, 0),
      "INVALID_POLICY",
      "policy.mode",
      'policy.mode: must be "interleave" for interleaveNode, got "bind"',
    );
    expectNumaError(
      () => nextInterleaveNode(p),
      "INVALID_POLICY",
      "policy.mode",
      'policy.mode: must be "interleave" for nextInterleaveNode, got "bind"',
    );
    const il = parsePolicy("interleave:0-1", topo);
    expectNumaError(
      () => interleaveNode(il, -1),
      "INVALID_POLICY",
      "pageIndex",
      "pageIndex: must be a non-negative integer, got -1",
    );
  });
});
