import { describe, expect, it } from "vitest";
import { createTopology, type TopologySpec } from "../src/index.js";
import { expectNumaError } from "./expect-error.js";

const bad = (spec: unknown, field: string, message: string) =>
  expectNumaError(() => createTopology(spec as TopologySpec), "INVALID_TOPOLOGY", field, message);

describe("createTopology validation", () => {
  it("wants an object with known fields", () => {
    bad(null, "topology", "topology: must be an object { nodes, pagesPerNode, distances?, localLatencyNs? }, got null");
    bad(
      { nodes: 1, pagesPerNode: 1, node: 2 },
      "topology.node",
      'topology.node: unknown field (expected nodes, pagesPerNode, distances, localLatencyNs), got "node"',
    );
  });

  it("wants nodes to be an integer 1..64", () => {
    for (const nodes of [0, 65, 1.5, -1, Number.NaN, "2", undefined]) {
      const got = typeof nodes === "string" ? `"${nodes}"` : String(nodes);
      bad({ nodes, pagesPerNode: 1 }, "topology.nodes", `topology.nodes: must be an integer from 1 to 64, got ${got}`);
    }
    expect(createTopology({ nodes: 64, pagesPerNode: 1 }).nodes).toBe(64);
    expect(createTopology({ nodes: 1, pagesPerNode: 1 }).nodes).toBe(1);
  });

  it("wants positive integer page counts, one per node", () => {
    bad(
      { nodes: 2, pagesPerNode: 0 },
      "topology.pagesPerNode",
      "topology.pagesPerNode: must be a positive integer, got 0",
    );
    bad(
      { nodes: 2, pagesPerNode: 2.5 },
      "topology.pagesPerNode",
      "topology.pagesPerNode: must be a positive integer, got 2.5",
    );
    bad(
      { nodes: 2, pagesPerNode: "8" },
      "topology.pagesPerNode",
      'topology.pagesPerNode: must be a positive integer or an array of 2 (one per node), got "8"',
    );
    bad(
      { nodes: 2, pagesPerNode: [4] },
      "topology.pagesPerNode",
      "topology.pagesPerNode: must have one entry per node (2), got [4]",
    );
    bad(
      { nodes: 3, pagesPerNode: [4, -1, 4] },
      "topology.pagesPerNode[1]",
      "topology.pagesPerNode[1]: must be a positive integer, got -1",
    );
    bad(
      { nodes: 2, pagesPerNode: [2 ** 53 - 1, 1] },
      "topology.pagesPerNode",
      "topology.pagesPerNode: must total at most 2^53 - 1 pages, got 9007199254740992",
    );
  });

  it("wants a square SLIT matrix", () => {
    bad(
      { nodes: 2, pagesPerNode: 1, distances: [[10, 20]] },
      "topology.distances",
      "topology.distances: must be a 2x2 matrix (an array of 2 rows), got [[10,20]]",
    );
    bad(
      { nodes: 2, pagesPerNode: 1, distances: [[10, 20], [20]] },
      "topology.distances[1]",
      "topology.distances[1]: must be a row of 2 distances, got [20]",
    );
  });

  it("wants exactly 10 on the diagonal", () => {
    for (const d of [11, 9, 10.5, "10"]) {
      const got = typeof d === "string" ? `"${d}"` : String(d);
      bad(
        {
          nodes: 2,
          pagesPerNode: 1,
          distances: [
            [10, 20],
            [20, d],
          ],
        },
        "topology.distances[1][1]",
        `topology.distances[1][1]: must be exactly 10 on the diagonal, got ${got}`,
      );
    }
  });

  it("wants an integer > 10 off the diagonal", () => {
    for (const d of [10, 5, 0, 20.5, Number.NaN]) {
      bad(
        {
          nodes: 2,
          pagesPerNode: 1,
          distances: [
            [10, d],
            [20, 10],
          ],
        },
        "topology.distances[0][1]",
        `topology.distances[0][1]: must be an integer > 10 off the diagonal, got ${d}`,
      );
    }
  });

  it("refuses 255 (unreachable) and beyond", () => {
    for (const d of [255, 300]) {
      bad(
        {
          nodes: 2,
          pagesPerNode: 1,
          distances: [
            [10, 20],
            [d, 10],
          ],
        },
        "topology.distances[1][0]",
        `topology.distances[1][0]: must be at most 254 (255 means unreachable in ACPI and is not modelled), got ${d}`,
      );
    }
    expect(
      createTopology({
        nodes: 2,
        pagesPerNode: 1,
        distances: [
          [10, 254],
          [11, 10],
        ],
      }).distance(0, 1),
    ).toBe(254);
  });

  it("wants a positive local latency", () => {
    bad(
      { nodes: 1, pagesPerNode: 1, localLatencyNs: 0 },
      "topology.localLatencyNs",
      "topology.localLatencyNs: must be a positive finite number of nanoseconds, got 0",
    );
    bad(
      { nodes: 1, pagesPerNode: 1, localLatencyNs: Number.POSITIVE_INFINITY },
      "topology.localLatencyNs",
      "topology.localLatencyNs: must be a positive finite number of nanoseconds, got Infinity",
    );
  });
});

describe("distances", () => {
  it("default to 10 local and 20 remote", () => {
    const t = createTopology({ nodes: 3, pagesPerNode: 4 });
    expect(t.distances).toEqual([
      [10, 20, 20],
      [20, 10, 20],
      [20, 20, 10],
    ]);
    expect(t.localLatencyNs).toBe(100);
  });

  it("accept an asymmetric SLIT and keep its direction", () => {
    const t = createTopology({
      nodes: 2,
      pagesPerNode: 1,
      distances: [
        [10, 16],
        [22, 10],
      ],
    });
    expect(t.distance(0, 1)).toBe(16);
    expect(t.distance(1, 0)).toBe(22);
  });

  it("are a frozen copy", () => {
    const rows = [
      [10, 20],
      [20, 10],
    ];
    const t = createTopology({ nodes: 2, pagesPerNode: 1, distances: rows });
    rows[0]![1] = 99;
    expect(t.distance(0, 1)).toBe(20);
    expect(Object.isFrozen(t.distances[0])).toBe(true);
  });

  it("order the nodes nearest first, ties by node id", () => {
    const t = createTopology({
      nodes: 4,
      pagesPerNode: 1,
      distances: [
        [10, 21, 12, 21],
        [21, 10, 21, 12],
        [12, 21, 10, 21],
        [21, 12, 21, 10],
      ],
    });
    expect(t.nodesByDistance(0)).toEqual([0, 2, 1, 3]);
    expect(t.nodesByDistance(3)).toEqual([3, 1, 0, 2]);
    expect(t.nodesByDistance(3)).toBe(t.nodesByDistance(3)); // precomputed
  });

  it("name a bad node id", () => {
    const t = createTopology({ nodes: 2, pagesPerNode: 1 });
    expectNumaError(() => t.distance(0, 2), "INVALID_NODE", "to", "to: must be a node id from 0 to 1, got 2");
    expectNumaError(() => t.nodesByDistance(-1), "INVALID_NODE", "node", "node: must be a node id from 0 to 1, got -1");
  });
});

describe("pfn ranges", () => {
  it("tile the frames in node order", () => {
    const t = createTopology({ nodes: 3, pagesPerNode: [5, 1, 3] });
    expect(t.totalPages).toBe(9);
    expect([0, 1, 2].map((n) => t.pfnRange(n))).toEqual([
      { start: 0, end: 5 },
      { start: 5, end: 6 },
      { start: 6, end: 9 },
    ]);
    expect([0, 1, 2].map((n) => t.pagesOnNode(n))).toEqual([5, 1, 3]);
  });

  it("map pfns to nodes at the range edges (unequal nodes)", () => {
    const t = createTopology({ nodes: 3, pagesPerNode: [5, 1, 3] });
    const nodes = Array.from({ length: 9 }, (_, pfn) => t.nodeOfPfn(pfn));
    expect(nodes).toEqual([0, 0, 0, 0, 0, 1, 2, 2, 2]);
  });

  it("map pfns to nodes at the range edges (equal nodes)", () => {
    const t = createTopology({ nodes: 4, pagesPerNode: 1000 });
    expect([0, 999, 1000, 1999, 2000, 2999, 3000, 3999].map((p) => t.nodeOfPfn(p))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it("reject pfns outside [0, totalPages)", () => {
    const t = createTopology({ nodes: 2, pagesPerNode: [3, 4] });
    for (const pfn of [-1, 7, 1.5, Number.NaN]) {
      expectNumaError(() => t.nodeOfPfn(pfn), "INVALID_PFN", "pfn", `pfn: must be an integer from 0 to 6, got ${pfn}`);
    }
    expectNumaError(() => t.pfnRange(2), "INVALID_NODE", "node", "node: must be a node id from 0 to 1, got 2");
  });
});
