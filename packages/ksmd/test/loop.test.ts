/** ksm_scan_thread's loop on the simulated clock (ksm-semantics §8.1). */
import { createKsm } from "@ksm-sim/ksm";
import { createMachine } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import { Simulation } from "../src/index.js";
import { FLAT, MS, world } from "./helpers.js";

describe("sleeps are whole jiffies (msecs_to_jiffies rounds up)", () => {
  const sleepNs = (hz: number, ms: number) => {
    const k = createKsm(createMachine({ topology: { nodes: 1, pagesPerNode: 1024 } }), { hz });
    return new Simulation(k).ksmd.sleepNs(ms);
  };
  it("HZ 250: 20 ms is 5 jiffies = 20 ms; 1 ms is 1 jiffy = 4 ms; 21 ms is 24 ms", () => {
    expect(sleepNs(250, 20)).toBe(20 * MS);
    expect(sleepNs(250, 1)).toBe(4 * MS);
    expect(sleepNs(250, 21)).toBe(24 * MS);
  });
  it("HZ 100: 1 ms sleeps 10 ms; HZ 1000: 1 ms sleeps 1 ms; 0 never sleeps", () => {
    expect(sleepNs(100, 1)).toBe(10 * MS);
    expect(sleepNs(100, 20)).toBe(20 * MS);
    expect(sleepNs(1000, 1)).toBe(1 * MS);
    expect(sleepNs(250, 0)).toBe(0);
  });
  it("the engine rejects a bad HZ with the value", () => {
    const m = createMachine({ topology: { nodes: 1, pagesPerNode: 1024 } });
    expect(() => createKsm(m, { hz: 0 })).toThrow("hz: must be an integer from 1 to 10000 (the kernel's HZ), got 0");
  });
});

describe("the loop: a batch, then a sleep of sleep_millisecs", () => {
  it("batches of pages_to_scan every (cost + sleep); a batch never crosses a full-scan boundary", () => {
    const w = world(250); // pages_to_scan 100, sleep 20 ms, 1 ms per batch
    w.sim.runFor(130);
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 21, 42, 63, 84, 105, 126]);
    // 100 + 100 + 50: the third batch reaches the end of the list and stops there with budget left
    expect(w.batches.map((b) => b.pages)).toEqual([100, 100, 50, 100, 100, 50, 100]);
    expect(w.k.counters().full_scans).toBe(2);
    expect(w.k.counters().pages_scanned).toBe(500 + 100);
  });

  it("full_scans advances in the batch that reaches the end of the list; the next batch starts a new scan", () => {
    const w = world(250);
    const seen: number[] = [];
    w.sim.ksmd.onBatch = () => seen.push(w.k.counters().full_scans);
    w.sim.runFor(70);
    expect(seen).toEqual([0, 0, 1, 1]);
  });

  it("simulated time includes the batch's CPU cost from the cost model", () => {
    const w = world(100, {
      cost: { batchNs: 1000, pageNs: 10, skippedNs: 0, checksumNs: 100, compareNs: 0, mergeNs: 0 },
    });
    w.sim.runFor(50);
    const [b0, b1] = w.batches;
    expect(b0).toEqual({ startNs: 0, costNs: 1000 + 100 * 10 + 100 * 100, pages: 100 });
    // the second batch ends scan 1 and starts scan 2: scanned 100 pages, 100 checksums
    expect(b1!.startNs).toBe(b0!.costNs + 20 * MS);
    expect(w.sim.ksmd.runtimeNs).toBe(w.batches.reduce((n, b) => n + b.costNs, 0));
  });

  it("sleep_millisecs 0: batches back to back", () => {
    const w = world(250);
    w.k.sysfsWrite("sleep_millisecs", "0");
    w.sim.runFor(3);
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 1, 2]);
  });
});

describe("wakeups", () => {
  it("a sleep is cut short only when sleep_millisecs changes", () => {
    const w = world(250);
    w.sim.start();
    w.sim.runUntil(10 * MS); // batch at 0 (busy to 1 ms), asleep until 21 ms
    expect(w.sim.ksmd.state).toBe("sleeping");
    expect(w.sim.sysfsWrite("sleep_millisecs", "20")).toBe("ok"); // same value: keeps sleeping
    w.sim.runUntil(15 * MS);
    expect(w.batches).toHaveLength(1);
    expect(w.sim.sysfsWrite("sleep_millisecs", "100")).toBe("ok"); // a change: ksmd wakes now
    w.sim.runUntil(200 * MS);
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 15, 116]);
    expect(w.sim.ksmd.sleepsCutShort).toBe(1);
  });

  it("run=0 parks ksmd after its current sleep; run=1 wakes a parked ksmd at once", () => {
    const w = world(250);
    w.sim.start();
    w.sim.runUntil(5 * MS);
    w.sim.stop(); // asleep until 21 ms: the sleep is not cut short
    expect(w.sim.ksmd.state).toBe("sleeping");
    w.sim.runUntil(1000 * MS);
    expect(w.sim.ksmd.state).toBe("parked");
    expect(w.batches).toHaveLength(1);
    const scanned = w.k.counters().pages_scanned;
    w.sim.start();
    w.sim.runUntil(1001 * MS);
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 1000]);
    expect(w.k.counters().pages_scanned).toBe(scanned + 100);
  });

  it("run=1 with no mm registered parks ksmd; __ksm_enter on the empty list wakes it", () => {
    const w = world(50, { madvise: false });
    w.sim.start();
    w.sim.runUntil(7 * MS);
    expect(w.sim.ksmd.state).toBe("parked");
    expect(w.m.madviseMergeable(w.p, w.h)).toBe("ok");
    w.sim.poke();
    w.sim.runUntil(8 * MS);
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([7]);
  });

  it("run=1 while ksmd sleeps does not wake it early", () => {
    const w = world(250);
    w.sim.runFor(5); // batch at 0, asleep until 21 ms, run=0 at 5 ms
    w.sim.runFor(30); // run=1 at 5 ms: the batch comes at 21 ms, not 5
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 21]);
  });
});

describe("cost model options", () => {
  it("rejects unknown fields and bad values with the field and value", () => {
    const k = createKsm(createMachine({ topology: { nodes: 1, pagesPerNode: 1024 } }));
    expect(() => new Simulation(k, { cost: { pageNs: -1 } })).toThrow(
      "cost.pageNs: must be a finite number of ns >= 0, got -1",
    );
    expect(() => new Simulation(k, { cost: { pagesNs: 1 } as never })).toThrow("cost.pagesNs: not a cost-model field");
  });

  it("a zero cost model still lets time pass (1 ns per batch)", () => {
    const w = world(10, { cost: FLAT(0) });
    w.k.sysfsWrite("sleep_millisecs", "0");
    w.k.sysfsWrite("pages_to_scan", "0");
    w.sim.runFor(0.00001); // 10 ns
    expect(w.batches.length).toBe(10);
  });
});

describe("the calibrated cost model", () => {
  it("maps a ksmd-truth cost-model document onto the model's fields", async () => {
    const { costModelFromTruth, DEFAULT_COST_MODEL } = await import("../src/index.js");
    const doc = {
      format: "ksmd-truth/cost-model v1",
      model: { batch_ns: 40359, first_visit_ns: 1142, ksm_page_ns: 353, compare_ns: 370, merge_ns: 2062, skip_ns: 361 },
      derived: { checksum_ns_approx: 768 },
    };
    expect(costModelFromTruth(doc)).toEqual(DEFAULT_COST_MODEL);
    const noApprox = { ...doc, derived: {} };
    expect(costModelFromTruth(noApprox).checksumNs).toBe(1142 - 353);
    expect(() => costModelFromTruth({ format: "x" })).toThrow('not a "ksmd-truth/cost-model v1" document');
    expect(() => costModelFromTruth({ ...doc, model: { ...doc.model, merge_ns: "a" } })).toThrow(
      "cost model: model.merge_ns must be a number of ns, got a",
    );
  });
});
