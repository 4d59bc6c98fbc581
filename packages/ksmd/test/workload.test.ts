/** Seeded write workloads interleaved with ksmd. */
import { describe, expect, it } from "vitest";
import { Prng, Workload } from "../src/index.js";
import { MS, world } from "./helpers.js";

describe("Workload", () => {
  it("writes at n * 1e9 / rate, pages from the seeded PRNG, tokens by content", () => {
    const writes: [number, number, number][] = [];
    const w = new Workload({ pagesPerSec: 200, seed: 7, pages: 10, content: { from: 1000 } }, 0, (p, t) => {
      writes.push([w.nextNs, p, t]);
      return true;
    });
    for (let i = 0; i < 3; i++) w.fire();
    const prng = new Prng(7);
    expect(writes.map(([, p, t]) => [p, t])).toEqual([
      [prng.below(10), 1000],
      [prng.below(10), 1001],
      [prng.below(10), 1002],
    ]);
    expect(writes.map(([t]) => t / MS)).toEqual([10, 15, 20]); // nextNs after each write: 5 ms apart
  });

  it("the same seed gives the same writes; another seed others", () => {
    const seq = (seed: number) => {
      const out: number[] = [];
      const w = new Workload({ pagesPerSec: 1, seed, pages: 1000, content: { from: 1, period: 50 } }, 0, (p, t) => {
        out.push(p, t);
        return true;
      });
      for (let i = 0; i < 20; i++) w.fire();
      return out;
    };
    expect(seq(1)).toEqual(seq(1));
    expect(seq(1)).not.toEqual(seq(2));
    expect(
      seq(3)
        .filter((_, i) => i % 2 === 1)
        .every((t) => t >= 1 && t < 51),
    ).toBe(true);
  });

  it("rejects a rate that is not > 0", () => {
    expect(() => new Workload({ pagesPerSec: 0, seed: 1, pages: 1, content: 1 }, 0, () => true)).toThrow(
      "pagesPerSec: must be a finite number > 0, got 0",
    );
  });
});

describe("workloads on the simulation", () => {
  it("keep pages volatile while ksmd merges the rest; writes happen in the run only", () => {
    const w = world(200, { tokens: 10 });
    w.k.sysfsWrite("pages_to_scan", "1000");
    w.k.sysfsWrite("smart_scan", "0");
    let writes = 0;
    w.sim.startWorkload("P.h", { pagesPerSec: 1000, seed: 1, pages: 50, content: { from: 5000 } }, (page, token) => {
      w.m.write(w.p, w.h, page, token);
      writes++;
      return true;
    });
    w.sim.runFor(1000);
    expect(writes).toBe(999); // at 1, 2, ..., 999 ms: the one due at 1000 ms is past the run's end
    const c = w.k.counters();
    // pages 50..199 (10 contents) merge; the rewritten ones among 0..49 keep changing
    expect(c.pages_shared + c.pages_sharing).toBeGreaterThanOrEqual(150);
    expect(c.pages_volatile).toBeGreaterThan(0);
    w.sim.stopWorkload("P.h");
    w.sim.runFor(1000);
    expect(writes).toBe(999);
  });

  it("a workload whose writer reports its VMA gone is dropped", () => {
    const w = world(10);
    let calls = 0;
    w.sim.startWorkload("x", { pagesPerSec: 100, seed: 1, pages: 10, content: 3 }, () => ++calls < 3);
    w.sim.runFor(1000);
    expect(calls).toBe(3);
    expect(w.sim.workloads.size).toBe(0);
  });
});
