import { describe, expect, it } from "vitest";
import { formatMmBench, runMmBench } from "../src/bench/index.js";

describe("mm benchmark", () => {
  it("returns one row per content mode with positive rates", () => {
    const rows = runMmBench({ frames: { tokens: 20_000, bytes: 2_000 } });
    expect(rows.map((r) => [r.mode, r.frames])).toEqual([
      ["tokens", 20_000],
      ["bytes", 2_000],
    ]);
    for (const r of rows) {
      for (const rate of [r.faultsPerSec, r.cowFaultsPerSec, r.checksumsPerSec, r.comparesPerSec]) {
        expect(rate).toBeGreaterThan(0);
      }
    }
    expect(formatMmBench(rows)).toMatch(/^mode\s+frames\s+faults\/s/);
  });
});
