import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTopology } from "../src/index.js";

/** A random valid topology: 1..64 nodes, positive page counts, a random (possibly asymmetric) SLIT. */
const topologies = fc.integer({ min: 1, max: 64 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    pagesPerNode: fc.oneof(
      fc.integer({ min: 1, max: 50 }),
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: nodes, maxLength: nodes }),
    ),
    distances: fc
      .array(fc.integer({ min: 11, max: 254 }), { minLength: nodes * nodes, maxLength: nodes * nodes })
      .map((flat) =>
        Array.from({ length: nodes }, (_, i) =>
          Array.from({ length: nodes }, (_, j) => (i === j ? 10 : flat[i * nodes + j]!)),
        ),
      ),
  }),
);

describe("pfn ranges (property)", () => {
  it("tile [0, totalPages) in node order and every pfn maps to exactly the node whose range holds it", () => {
    fc.assert(
      fc.property(topologies, (spec) => {
        const t = createTopology(spec);
        let next = 0;
        for (let node = 0; node < t.nodes; node++) {
          const { start, end } = t.pfnRange(node);
          expect(start).toBe(next);
          expect(end).toBeGreaterThan(start);
          next = end;
        }
        expect(next).toBe(t.totalPages);
        const ranges = Array.from({ length: t.nodes }, (_, n) => t.pfnRange(n));
        const wrong: string[] = [];
        for (let pfn = 0; pfn < t.totalPages; pfn++) {
          const node = t.nodeOfPfn(pfn);
          let owners = 0;
          let owner = -1;
          ranges.forEach((r, n) => {
            if (r.start <= pfn && pfn < r.end) [owners, owner] = [owners + 1, n];
          });
          if (owners !== 1 || owner !== node) wrong.push(`pfn ${pfn}: nodeOfPfn ${node}, ${owners} owners`);
        }
        expect(wrong).toEqual([]);
        expect(() => t.nodeOfPfn(t.totalPages)).toThrow(/^pfn: /);
      }),
      { numRuns: 200 },
    );
  });

  it("order every node's zonelist by distance, itself first", () => {
    fc.assert(
      fc.property(topologies, (spec) => {
        const t = createTopology(spec);
        for (let from = 0; from < t.nodes; from++) {
          const order = t.nodesByDistance(from);
          expect(order[0]).toBe(from);
          expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: t.nodes }, (_, n) => n));
          const sorted = order.every((b, k) => {
            const a = order[k - 1];
            if (a === undefined) return true;
            const [da, db] = [t.distance(from, a), t.distance(from, b)];
            return da < db || (da === db && a < b);
          });
          expect(sorted).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
