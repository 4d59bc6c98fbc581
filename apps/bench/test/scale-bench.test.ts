/**
 * The scale rows run in child processes of their own, which load the built
 * dist/scale-row-child.js: this runs after a build and is skipped on sources
 * alone (as engine-bench.test.ts).
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

const built = existsSync(new URL("../dist/scale-row-child.js", import.meta.url));

describe.skipIf(!built)("engine benchmark at scale, in child processes", () => {
  it("gives a row per size and mode with its own peak RSS, and the floor once per size", async () => {
    const { runScaleBench } = (await import(
      new URL("../dist/scale-bench.js", import.meta.url).href
    )) as typeof import("../src/scale-bench.js");
    // the parent holds 768 MiB while the children run: their peak RSS must not include it (getrusage's maxRSS would)
    const held = Buffer.alloc(768 * 2 ** 20, 1);
    const seen: string[] = [];
    const rows = await runScaleBench([2000, 4000], ["tokens", "bytes"], {
      warmupPages: 1000,
      onRow: (r) => seen.push(`${r.mode}/${r.pages}`),
    });
    expect(seen).toEqual(["tokens/2000", "bytes/2000", "tokens/4000", "bytes/4000"]);
    for (const r of rows) {
      if (r.skipped !== undefined) throw new Error(`row ${r.mode} ${r.pages} skipped: ${r.skipped}`);
      expect(r.scan.pages).toBe(r.pages);
      expect([r.scan.pagesShared, r.scan.pagesUnshared]).toEqual([64, r.pages / 2]);
      expect(r.peakRssBytes).toBeGreaterThan(10 * 2 ** 20); // a node process's own
      if (r.peakRssSource === "VmHWM") expect(r.peakRssBytes).toBeLessThan(held.length / 2);
      expect(Number.isFinite(r.scan.bytesPerPage)).toBe(true); // the child has gc
      expect(r.floor === null).toBe(r.mode === "bytes"); // the first mode at a size times the floor
      if (r.floor) expect(r.floor.pages).toBe(r.pages);
    }
  }, 120_000);
});
