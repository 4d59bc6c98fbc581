/**
 * The engine benchmark runs each row in a worker thread of its own. Workers
 * load the built dist/engine-row-worker.js, so this runs after a build (CI
 * builds first) and is skipped on sources alone.
 */
import { existsSync } from "node:fs";
import { BUILTIN_BACKEND_NAMES } from "@ksm-sim/backends";
import { describe, expect, it } from "vitest";

const built = existsSync(new URL("../dist/engine-row-worker.js", import.meta.url));

describe.skipIf(!built)("engine benchmark in workers", () => {
  it("gives one row per backend and content mode, each scanning the workload it describes", async () => {
    const { runEngineBench, formatEngineBench } = (await import(
      new URL("../dist/engine-bench.js", import.meta.url).href
    )) as typeof import("../src/engine-bench.js");
    const seen: string[] = [];
    const rows = await runEngineBench(true, (r) => seen.push(`${r.backend}/${r.mode}`), 2000);
    const names = [...BUILTIN_BACKEND_NAMES, "mine"];
    expect(seen).toEqual([...names.map((n) => `${n}/tokens`), ...names.map((n) => `${n}/bytes`)]);
    for (const r of rows) {
      expect(r.pages).toBe(2000);
      expect([r.pagesShared, r.pagesSharing, r.pagesUnshared]).toEqual([64, 1000 - 64, 1000]);
      expect(r.overallPagesPerSec).toBeGreaterThan(0);
    }
    expect(formatEngineBench(rows)).toMatch(/rbtree tokens: [\d.]+-[\d.]+x/);
    // the module re-exporting rbtree under another name runs the same walks: the same compares
    for (const mode of ["tokens", "bytes"]) {
      const of = (b: string) => rows.find((r) => r.backend === b && r.mode === mode)!;
      expect(of("mine").comparesPerPage).toBe(of("rbtree").comparesPerPage);
    }
  }, 120_000);
});
