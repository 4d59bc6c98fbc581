/** ksm_scan_thread's loop on the simulated clock (ksm-semantics §8.1). */
import { createKsm } from "@ksm-sim/ksm";
import { createMachine } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import { costModelFromTruth, DEFAULT_COST_MODEL, Simulation, timerExpiryJiffies } from "../src/index.js";
import { FLAT, MS, world } from "./helpers.js";
import { truth } from "./truth.js";

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

describe("the timer wheel: a sleep armed in jiffy J for j jiffies ends at the tick J + j + 1", () => {
  const w = world(10);
  const end = (nowMs: number, ms: number) => w.sim.ksmd.sleepEndNs(nowMs * MS, ms) / MS;
  it("HZ 250: 20 ms from inside jiffy 0 ends at 24 ms; from jiffy 1 at 28 ms; 1 ms at 8 ms; 10 ms at 16 ms", () => {
    expect(end(1, 20)).toBe(24);
    expect(end(3.999, 20)).toBe(24);
    expect(end(4, 20)).toBe(28);
    expect(end(0.1, 1)).toBe(8);
    expect(end(0.1, 10)).toBe(16);
    expect(end(5, 0)).toBe(5); // no wait
  });
  it("a sleep of 63 jiffies or more lands on level 1 of the wheel: rounded up to 8 jiffies (32 ms at HZ 250)", () => {
    expect(timerExpiryJiffies(62, 0, 250)).toBe(63);
    expect(timerExpiryJiffies(63, 0, 250)).toBe(64);
    expect(timerExpiryJiffies(250, 0, 250)).toBe(256);
    expect(end(500, 1000)).toBe(1504); // armed in jiffy 125 for 250 jiffies: 375 -> 376
    expect(timerExpiryJiffies(600, 0, 250)).toBe(640); // level 2: 64 jiffies
  });
  it("HZ 1000: 20 ms from inside ms 0 ends at 21 ms", () => {
    const k = world(10, { hz: 1000 });
    expect(k.sim.ksmd.sleepEndNs(0.5 * MS, 20) / MS).toBe(21);
  });
});

describe("the loop: a batch, then a sleep of sleep_millisecs", () => {
  it("batches of pages_to_scan on tick-aligned cycles; a batch never crosses a full-scan boundary", () => {
    const w = world(250); // pages_to_scan 100, sleep 20 ms (5 jiffies), 1 ms per batch
    w.sim.runFor(130);
    // each batch ends in the jiffy it began in: the next one starts 6 jiffies (24 ms) later
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 24, 48, 72, 96, 120]);
    // 100 + 100 + 50: the third batch reaches the end of the list and stops there with budget left
    expect(w.batches.map((b) => b.pages)).toEqual([100, 100, 50, 100, 100, 50]);
    expect(w.k.counters().full_scans).toBe(2);
    expect(w.k.counters().pages_scanned).toBe(500);
  });

  it("a batch that crosses a tick moves the cycle by a jiffy", () => {
    const w = world(250, { cost: FLAT(5) }); // 5 ms batches: 0-5 ends in jiffy 1 -> next at tick 7 (28 ms)
    w.sim.runFor(60);
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 28, 56]);
  });

  it("full_scans advances in the batch that reaches the end of the list; the next batch starts a new scan", () => {
    const w = world(250);
    const seen: number[] = [];
    w.sim.ksmd.onBatch = () => seen.push(w.k.counters().full_scans);
    w.sim.runFor(80);
    expect(seen).toEqual([0, 0, 1, 1]);
  });

  it("a scan that is an exact multiple of pages_to_scan costs an extra, empty batch", () => {
    const w = world(200); // 100 + 100, then a batch that only meets the end of the list
    w.sim.runFor(130);
    expect(w.batches.map((b) => b.pages)).toEqual([100, 100, 0, 100, 100, 0]);
  });

  it("simulated time includes the batch's CPU cost from the cost model", () => {
    const w = world(100, {
      cost: { ...FLAT(0), batchNs: 1000, firstVisitNs: 100, revisitNs: 7, compareNs: 3 },
    });
    w.sim.runFor(60);
    const [b0, b1, b2] = w.batches;
    // scan 1: every page a first visit (a new checksum)
    expect(b0).toEqual({ startNs: 0, costNs: 1000 + 100 * 100, pages: 100 });
    // the batch ended in jiffy 0: the next one at tick 6 only meets the end of scan 1 (the batch overhead)
    expect(b1).toEqual({ startNs: 24 * MS, costNs: 1000, pages: 0 });
    // scan 2: 100 revisits, each inserted into the unstable tree (every comparison counted by the engine)
    expect(w.k.nrCompares).toBeGreaterThan(100);
    expect(b2).toEqual({ startNs: 48 * MS, costNs: 1000 + 100 * 7 + 3 * w.k.nrCompares, pages: 100 });
    expect(w.sim.ksmd.runtimeNs).toBe(w.batches.reduce((n, b) => n + b.costNs, 0));
  });

  it("sleep_millisecs 0: batches back to back", () => {
    const w = world(250);
    w.k.sysfsWrite("sleep_millisecs", "0");
    w.sim.runFor(3);
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 1, 2]);
  });

  it("sleep_millisecs 0: the no-sleep overhead, and a batch takes cost / noSleepCpuShare of simulated time", () => {
    const w = world(250, { cost: { ...FLAT(2), batchNoSleepNs: 1 * MS, noSleepCpuShare: 0.5 } });
    w.k.sysfsWrite("sleep_millisecs", "0");
    w.sim.runFor(7);
    // the first batch follows the wakeup of run=1 (2 ms at a whole CPU); the others 1 ms of CPU in 2 ms
    expect(w.batches.map((b) => [b.startNs / MS, b.costNs / MS])).toEqual([
      [0, 2],
      [2, 1],
      [4, 1],
      [6, 1],
    ]);
    expect(w.sim.ksmd.runtimeNs).toBe(5 * MS);
  });
});

describe("wakeups", () => {
  it("a sleep is cut short only when sleep_millisecs changes", () => {
    const w = world(250);
    w.sim.start();
    w.sim.runUntil(10 * MS); // batch at 0 (busy to 1 ms), asleep until 24 ms
    expect(w.sim.ksmd.state).toBe("sleeping");
    expect(w.sim.sysfsWrite("sleep_millisecs", "20")).toBe("ok"); // same value: keeps sleeping
    w.sim.runUntil(15 * MS);
    expect(w.batches).toHaveLength(1);
    expect(w.sim.sysfsWrite("sleep_millisecs", "100")).toBe("ok"); // a change: ksmd wakes now
    w.sim.runUntil(200 * MS);
    // the batch at 15 ms ends in jiffy 4: 100 ms is 25 jiffies, the next batch at tick 30
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 15, 120]);
    expect(w.sim.ksmd.sleepsCutShort).toBe(1);
  });

  it("run=0 parks ksmd after its current sleep; run=1 wakes a parked ksmd at once", () => {
    const w = world(250);
    w.sim.start();
    w.sim.runUntil(5 * MS);
    w.sim.stop(); // asleep until 24 ms: the sleep is not cut short
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
    w.sim.runFor(5); // batch at 0, asleep until 24 ms, run=0 at 5 ms
    w.sim.runFor(30); // run=1 at 5 ms: the batch comes at 24 ms, not 5
    expect(w.batches.map((b) => b.startNs / MS)).toEqual([0, 24]);
  });
});

describe("cost model options", () => {
  it("rejects unknown fields and bad values with the field and value", () => {
    const k = createKsm(createMachine({ topology: { nodes: 1, pagesPerNode: 1024 } }));
    expect(() => new Simulation(k, { cost: { firstVisitNs: -1 } })).toThrow(
      "cost.firstVisitNs: must be a finite number of ns >= 0, got -1",
    );
    expect(() => new Simulation(k, { cost: { noSleepCpuShare: 0 } })).toThrow(
      "cost.noSleepCpuShare: must be a share of a CPU in (0, 1], got 0",
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
  it("is fixtures/ksmd-truth/cost-model.json mapped by costModelFromTruth", () => {
    expect(costModelFromTruth(truth("cost-model.json"))).toEqual(DEFAULT_COST_MODEL);
  });

  it("maps each model.*_ns field; optional ones fall back; bad documents throw naming the field", () => {
    const model = {
      batch_ns: 24167,
      first_visit_ns: 1111,
      revisit_ns: 1131,
      compare_ns: 369,
      merge_ns: 2053,
      ksm_page_ns: 355,
      skip_ns: -3,
    };
    const doc = { format: "ksmd-truth/cost-model v1", model };
    expect(costModelFromTruth(doc)).toEqual({
      ...DEFAULT_COST_MODEL,
      batchNoSleepNs: 24167, // batch_ns
      stableCompareNs: 369, // compare_ns
      skipNs: 0, // negative fits count as 0
    });
    expect(costModelFromTruth({ ...doc, model: { ...model, nosleep_cpu_share: 0.5 } }).noSleepCpuShare).toBe(0.5);
    expect(() => costModelFromTruth({ format: "x" })).toThrow('not a "ksmd-truth/cost-model v1" document');
    expect(() => costModelFromTruth({ ...doc, model: { ...model, merge_ns: "a" } })).toThrow(
      "cost model: model.merge_ns must be a number, got a",
    );
  });
});
