import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { peakRssBytes } from "../src/peak-rss.js";

describe("peakRssBytes", () => {
  it("reads this process's high-water mark, from VmHWM where there is procfs", () => {
    const p = peakRssBytes();
    expect(p.source).toBe(existsSync("/proc/self/status") ? "VmHWM" : "maxRSS");
    expect(p.bytes).toBeGreaterThan(process.memoryUsage().heapUsed / 2);
    expect(p.bytes).toBeGreaterThanOrEqual(process.memoryUsage().rss * 0.9); // never below what is resident now
  });
});
