/** The scan-time advisor (ksm-semantics §8.2), against values computed by hand from mm/ksm.c. */
import { createMachine } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import { createKsm, newAdvisorCtx, scanTimeAdvisorStep, type TraceEvent } from "../src/index.js";

const S = 1e9; // ns per second
const base = { targetScanTime: 200, maxCpu: 70, maxPagesToScan: 30000 };

describe("scan_time_advisor arithmetic", () => {
  it("first step: change = ewma(0, 100) = 30 (x0.3); the 10% CPU floor wins", () => {
    // scan 50 s, ksmd ran 5 s: cpu 5000 ms * 100 / 50000 = 10%; factor 200*100/50 = 400;
    // pages 500*100/400 = 125, *30/100 = 37; per-page cost 500/10 = 50: min(37, 3500) = 37, max(37, 500) = 500
    const r = scanTimeAdvisorStep({
      ...base,
      elapsedNs: 50 * S,
      runtimeNs: 5 * S,
      pagesToScan: 500,
      ctx: newAdvisorCtx(),
    });
    expect(r).toEqual({
      scanTime: 50n,
      change: 30n,
      cpuTime: 5_000_000_000n,
      cpuPercent: 10,
      pages: 500n,
      pagesToScan: 500,
    });
  });

  it("advisor_max_cpu caps: pages <= (pages_to_scan / cpu%) * max_cpu", () => {
    // scan 100 s, 90 s of CPU since the last: 90%; factor 20*100/100 = 20; change 100*100/50 = 200, ewma(100, 200) = 130;
    // pages 1000*100/20 = 5000, *130/100 = 6500; per-page 1000/90 = 11: min(6500, 770) = 770, max(770, 110) = 770
    const r = scanTimeAdvisorStep({
      ...base,
      targetScanTime: 20,
      elapsedNs: 100 * S,
      runtimeNs: 100 * S,
      pagesToScan: 1000,
      ctx: { startScanNs: 0, scanTime: 50n, change: 100n, cpuTime: 10n * BigInt(S) },
    });
    expect(r).toMatchObject({ scanTime: 100n, change: 130n, cpuPercent: 90, pages: 770n, pagesToScan: 770 });
  });

  it("advisor_max_pages_to_scan caps last; scan_time and cpu_percent are at least 1", () => {
    // scan 0.3 s -> 1 s; cpu 0 -> 1%; factor 20000; pages 20000*100/20000 = 100, *ewma(100,100)=100 -> 100;
    // per-page 20000: max(100, 200000) = 200000; min(200000, 30000) = 30000
    const r = scanTimeAdvisorStep({
      ...base,
      elapsedNs: 0.3 * S,
      runtimeNs: 0,
      pagesToScan: 20000,
      ctx: { startScanNs: 0, scanTime: 1n, change: 100n, cpuTime: 0n },
    });
    expect(r).toMatchObject({ scanTime: 1n, cpuPercent: 1, change: 100n, pages: 30000n, pagesToScan: 30000 });
  });
});

describe("advisor knobs and the hooks in the scan", () => {
  function setup() {
    const m = createMachine({ topology: { nodes: 1, pagesPerNode: 1 << 16 } });
    const k = createKsm(m);
    const p = m.spawn("P");
    const h = m.mmap(p, "h", 64);
    for (let i = 0; i < 64; i++) m.write(p, h, i, 5 + i);
    m.madviseMergeable(p, h);
    return { m, k };
  }

  it("pages_to_scan is EINVAL while the advisor is on; switching sets its defaults", () => {
    const { k } = setup();
    expect(k.sysfsWrite("pages_to_scan", "300")).toBe("ok");
    expect(k.sysfsWrite("advisor_min_pages_to_scan", "700")).toBe("ok");
    expect(k.sysfsWrite("advisor_mode", "scan-time")).toBe("ok");
    expect(k.sysfsRead("pages_to_scan")).toBe("700\n");
    expect(k.sysfsWrite("pages_to_scan", "300")).toBe("EINVAL");
    expect(k.sysfsWrite("advisor_mode", "scan-time\n")).toBe("ok"); // no change: no defaults
    expect(k.sysfsWrite("advisor_mode", "none")).toBe("ok");
    expect(k.sysfsRead("pages_to_scan")).toBe("100\n");
    expect(k.sysfsWrite("pages_to_scan", "300")).toBe("ok");
  });

  it("each completed full scan runs the advisor and traces ksm_advisor before ksm_stop_scan", () => {
    const { k } = setup();
    const events: TraceEvent[] = [];
    k.setTraceSink((e) => events.push(e));
    k.sysfsWrite("advisor_mode", "scan-time");
    k.runFullScans(1); // no ksmd clock: the scan takes no time, ksmd no CPU
    // scan_time 0 -> 1 s; cpu 0 -> 1%; factor 20000; pages 500*100/20000 = 2, *30/100 = 0;
    // per-page 500/1: max(0, 5000) = 5000
    const names = events.map((e) => e.event);
    expect(names.slice(-2)).toEqual(["ksm_advisor", "ksm_stop_scan"]);
    expect(events.at(-2)!.args).toBe("scan_time=1 pages_to_scan=5000 cpu_percent=1");
    expect(k.sysfsRead("pages_to_scan")).toBe("5000\n");
    expect(k.advisorCtx).toMatchObject({ scanTime: 1n, change: 30n });
    k.runFullScans(1); // change ewma(30, 100) = 51; pages 5000*100/20000 = 25 *51/100 = 12; per-page 5000: 50000 -> 30000
    expect(k.sysfsRead("pages_to_scan")).toBe("30000\n");
  });

  it("with the advisor off no ksm_advisor event fires", () => {
    const { k } = setup();
    const events: TraceEvent[] = [];
    k.setTraceSink((e) => events.push(e));
    k.runFullScans(2);
    expect(events.some((e) => e.event === "ksm_advisor")).toBe(false);
  });
});
