/** The advisor and the chain-pruning rule read ksmd's clock: ktime, jiffies and ksmd's runtime. */
import type { StableNode, TraceEvent } from "@ksm-sim/ksm";
import { describe, expect, it } from "vitest";
import { FLAT, MS, world } from "./helpers.js";

describe("the scan-time advisor on the clock", () => {
  it("reads the scan's simulated duration and ksmd's CPU time (hand-computed from §8.2)", () => {
    // 1000 pages, batches of 500 pages each costing 500 ms, sleep 1000 ms (250 jiffies: level 1 of the timer
    // wheel, expiries rounded up to 8 jiffies), target 1 s:
    // batch 1 at 0 (start_scan at 500 ms, after the batch overhead), ends in jiffy 125: 375 -> 376, batch 2 at
    // 1504 ms; it ends in jiffy 501: 751 -> 752, batch 3 at 3008 finds the end of the list at 3508 (and returns,
    // scanning nothing): scan_time 3008 ms -> 3 s; runtime 1500 ms -> cpu 1500*100/3000 = 50%;
    // factor 1*100/3 = 33; change ewma(0, 100) = 30; pages 500*100/33 = 1515, *30/100 = 454;
    // per-page 500/50 = 10: min(454, 700) = 454, max(454, 100) = 454, min(454, 30000) = 454
    const w = world(1000, { cost: FLAT(500) });
    const events: TraceEvent[] = [];
    w.k.setTraceSink((e) => events.push(e));
    expect(w.k.sysfsWrite("sleep_millisecs", "1000")).toBe("ok");
    expect(w.k.sysfsWrite("advisor_target_scan_time", "1")).toBe("ok");
    expect(w.k.sysfsWrite("advisor_mode", "scan-time")).toBe("ok");
    w.sim.runFor(4600);
    expect(w.batches.map((b) => [b.startNs / MS, b.pages])).toEqual([
      [0, 500],
      [1504, 500],
      [3008, 0],
      [4512, 454],
    ]);
    const adv = events.filter((e) => e.event === "ksm_advisor");
    expect(adv).toEqual([{ t: 3.508, event: "ksm_advisor", args: "scan_time=3 pages_to_scan=454 cpu_percent=50" }]);
    expect(w.k.sysfsRead("pages_to_scan")).toBe("454\n");
    // the trace carries simulated time: the second scan starts in batch 4, after its overhead
    const starts = events.filter((e) => e.event === "ksm_start_scan").map((e) => e.t);
    expect(starts).toEqual([0.5, 5.012]);
  });
});

describe("stable_node_chains_prune_millisecs on the clock", () => {
  function chainOf(nodes: Iterable<StableNode>): StableNode {
    for (const n of nodes) if (n.isChain) return n;
    throw new Error("no chain");
  }

  /** A chain made at ~100 ms; a new page of its content searched at ~3.2 s. */
  function run(pruneMs: number) {
    const w = world(4, { tokens: 1 });
    w.k.sysfsWrite("max_page_sharing", "2");
    w.k.sysfsWrite("sleep_millisecs", "100");
    w.k.sysfsWrite("stable_node_chains_prune_millisecs", String(pruneMs));
    w.sim.runFor(150); // scan 1 at 0, scan 2 at 104 ms (tick 0 + 25 + 1): two dups, one chain
    const chain = chainOf(w.k.stableNodes.values());
    const made = chain.chainPruneTime;
    w.sim.runFor(2850); // to 3 s
    const b = w.m.spawn("B");
    const bh = w.m.mmap(b, "h", 1);
    w.m.write(b, bh, 0, 100);
    w.m.madviseMergeable(b, bh);
    w.sim.runFor(300); // B's page: checksum at one visit, stable-tree search at the next
    return { made, after: chain.chainPruneTime, k: w.k };
  }

  it("a chain made in a batch at 104 ms (+1 ms of batch overhead) records jiffies 26 at HZ 250", () => {
    expect(run(2000).made).toBe(26);
  });

  it("a search after the interval prunes the chain and restamps it; within the interval it does not", () => {
    const pruned = run(2000);
    expect(pruned.after).toBeGreaterThan(750); // >= 3 s at 4 ms per jiffy
    const notYet = run(100_000);
    expect(notYet.after).toBe(26);
  });
});
