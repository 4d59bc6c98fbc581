import { describe, expect, it } from "vitest";
import { workerArgv } from "../src/engine-bench.js";

describe("engine rows' worker execArgv", () => {
  it("drops the process-wide V8 flags `pnpm bench` starts node with (a worker would refuse them) and the source condition", () => {
    expect(
      workerArgv([
        "--expose-gc",
        "--max-old-space-size=16384",
        "--conditions",
        "@ksm-sim/source",
        "--enable-source-maps",
      ]),
    ).toEqual(["--enable-source-maps"]);
    expect(workerArgv(["--expose_gc", "--max_old_space_size=8192"])).toEqual([]);
  });
});

describe("the floor as text", () => {
  it("sets the floor against the recorded kernel rate where there is one, else the estimate", async () => {
    const { formatFloorBench } = await import("../src/engine-bench.js");
    const f = {
      pages: 1000,
      hashSeconds: 0.001,
      unstableSeconds: 0.001,
      unstableLevels: 2e6,
      stableSeconds: 0.001,
      floorSeconds: 0.003,
      floorPagesPerSec: 1e6,
    };
    expect(formatFloorBench(f, 250_000)).toMatch(/= 1\.00 M pages\/s, 4\.0x the kernel \(recorded\)$/);
    expect(formatFloorBench(f)).toMatch(/= 1\.00 M pages\/s, 2\.0-3\.0x the kernel \(estimated\)$/);
  });
});
