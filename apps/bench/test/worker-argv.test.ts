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
