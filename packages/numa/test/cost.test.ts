import { describe, expect, it } from "vitest";
import { type AccessCounts, accessCost, createTopology, remoteAccessReport } from "../src/index.js";
import { expectNumaError } from "./expect-error.js";

const topo = createTopology({
  nodes: 2,
  pagesPerNode: 8,
  distances: [
    [10, 21],
    [31, 10],
  ],
});

describe("accessCost", () => {
  it("is distance / 10 x the local latency, in the direction CPU -> memory", () => {
    expect(accessCost(topo, 0, 0)).toBe(100);
    expect(accessCost(topo, 0, 1)).toBeCloseTo(210);
    expect(accessCost(topo, 1, 0)).toBeCloseTo(310);
    const fast = createTopology({ nodes: 2, pagesPerNode: 1, localLatencyNs: 80 });
    expect(accessCost(fast, 1, 1)).toBe(80);
    expect(accessCost(fast, 1, 0)).toBe(160);
  });

  it("names a bad node", () => {
    expectNumaError(
      () => accessCost(topo, 2, 0),
      "INVALID_NODE",
      "cpuNode",
      "cpuNode: must be a node id from 0 to 1, got 2",
    );
    expectNumaError(
      () => accessCost(topo, 0, -1),
      "INVALID_NODE",
      "memNode",
      "memNode: must be a node id from 0 to 1, got -1",
    );
  });
});

describe("remoteAccessReport", () => {
  it("weighs a matrix of counts", () => {
    // 60 local accesses, 30 from node 0 to node 1 (21), 10 from node 1 to node 0 (31).
    const r = remoteAccessReport(topo, [
      [40, 30],
      [10, 20],
    ]);
    expect(r.localAccesses).toBe(60);
    expect(r.remoteAccesses).toBe(40);
    expect(r.remoteFraction).toBeCloseTo(0.4);
    const cost = (60 * 10 + 30 * 21 + 10 * 31) / 10; // in units of the local latency
    expect(r.meanLatencyNs).toBeCloseTo((cost / 100) * 100);
    expect(r.costRelativeToAllLocal).toBeCloseTo(cost / 100);
  });

  it("reads a list the same as the matrix, summing repeats", () => {
    const list: AccessCounts = [
      { cpuNode: 0, memNode: 0, count: 40 },
      { cpuNode: 0, memNode: 1, count: 10 },
      { cpuNode: 0, memNode: 1, count: 20 },
      { cpuNode: 1, memNode: 0, count: 10 },
      { cpuNode: 1, memNode: 1, count: 20 },
    ];
    expect(remoteAccessReport(topo, list)).toEqual(
      remoteAccessReport(topo, [
        [40, 30],
        [10, 20],
      ]),
    );
  });

  it("compares merge_across_nodes=1 with 0", () => {
    // One shared page read 100 times from each node. Merged across nodes it
    // lives on node 0; kept per node, each node reads its own copy.
    const across = remoteAccessReport(topo, [
      [100, 0],
      [100, 0],
    ]);
    const perNode = remoteAccessReport(topo, [
      [100, 0],
      [0, 100],
    ]);
    expect(across.remoteFraction).toBe(0.5);
    expect(across.costRelativeToAllLocal).toBeCloseTo(2.05);
    expect(across.meanLatencyNs).toBeCloseTo(205);
    expect(perNode).toEqual({
      localAccesses: 200,
      remoteAccesses: 0,
      remoteFraction: 0,
      meanLatencyNs: 100,
      costRelativeToAllLocal: 1,
    });
  });

  it("reports no accesses as nothing lost", () => {
    expect(remoteAccessReport(topo, [])).toEqual({
      localAccesses: 0,
      remoteAccesses: 0,
      remoteFraction: 0,
      meanLatencyNs: 0,
      costRelativeToAllLocal: 1,
    });
  });

  it("names bad counts", () => {
    const bad = (a: unknown, field: string, message: string) =>
      expectNumaError(() => remoteAccessReport(topo, a as AccessCounts), "INVALID_ACCESSES", field, message);
    bad({}, "accesses", "accesses: must be a matrix or a list, got {}");
    bad([[1, 2]], "accesses", "accesses: must be a 2x2 matrix, got [[1,2]]");
    bad([[1, 2], [3]], "accesses[1]", "accesses[1]: must be a row of 2 counts, got [3]");
    bad(
      [
        [1, -2],
        [3, 4],
      ],
      "accesses[0][1]",
      "accesses[0][1]: must be a non-negative finite count, got -2",
    );
    bad(
      [
        [1, 2],
        [3, Number.NaN],
      ],
      "accesses[1][1]",
      "accesses[1][1]: must be a non-negative finite count, got NaN",
    );
    bad([5], "accesses[0]", "accesses[0]: must be { cpuNode, memNode, count }, got 5");
    bad(
      [{ cpuNode: 2, memNode: 0, count: 1 }],
      "accesses[0].cpuNode",
      "accesses[0].cpuNode: must be a node id from 0 to 1, got 2",
    );
    bad(
      [
        { cpuNode: 0, memNode: 0, count: 1 },
        { cpuNode: 0, memNode: 1 },
      ],
      "accesses[1].count",
      "accesses[1].count: must be a non-negative finite count, got undefined",
    );
  });
});
