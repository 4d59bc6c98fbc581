/**
 * Sweep equivalence: every variant's result document is exactly what
 * runScenario gives for it alone in the main thread, in worker threads and in
 * the main-thread lanes; a variant that throws gives an error row and the
 * others still run.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runScenario } from "@ksm-sim/scenario";
import { bintreesBackend } from "@ksm-sim/tree-bintrees";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";
import {
  loadSweep,
  mainThreadLanes,
  runSweep,
  type Sweep,
  type VariantOutcome,
  withKnobs,
  workerLanes,
  workerScript,
} from "../src/index.js";
import { spec, tiny } from "./helpers.js";

async function load(doc: unknown): Promise<Sweep> {
  const r = await loadSweep(doc);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.sweep;
}

/** Each variant run alone in this thread, as JSON. */
function alone(sweep: Sweep): string[] {
  const trees = { rbtree: rbtreeBackend, bintrees: bintreesBackend } as Record<string, typeof rbtreeBackend>;
  return sweep.variants.map((v) =>
    JSON.stringify(runScenario(v.scenario, { tree: trees[v.backend]!, content: v.content })),
  );
}

const results = (outcomes: readonly VariantOutcome[]) =>
  outcomes.map((o) => (o.ok ? JSON.stringify(o.result) : `error: ${o.error}`));

/** A sweep whose variant 1 cannot run: a knob value validation would refuse, written past loadSweep. */
function withBrokenVariant(sweep: Sweep): Sweep {
  const variants = sweep.variants.map((v) =>
    v.index === 1 ? { ...v, scenario: withKnobs(v.scenario, { pages_to_scan: "lots" }) } : v,
  );
  return { ...sweep, variants };
}

const sweep = await load(spec);

describe("sweep equivalence", () => {
  it("the grid's variants really differ (else equivalence would prove little)", () => {
    const finals = new Set(alone(sweep).map((j) => JSON.stringify(JSON.parse(j).snapshots)));
    expect(finals.size).toBeGreaterThan(1);
  });

  it("main-thread lanes give each variant's result alone, in variant order, with progress", async () => {
    const progress: string[] = [];
    const r = await runSweep(sweep, { jobs: 3, threads: false, onProgress: (d, t) => progress.push(`${d}/${t}`) });
    expect(r.runner).toBe("main-thread");
    expect(r.jobs).toBe(3);
    expect(results(r.outcomes)).toEqual(alone(sweep));
    expect(r.outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(progress).toEqual(["1/8", "2/8", "3/8", "4/8", "5/8", "6/8", "7/8", "8/8"]);
  });

  it("a variant that throws gives an error row; the others still run", async () => {
    const broken = withBrokenVariant(sweep);
    const r = await runSweep(broken, { jobs: 2, lanes: mainThreadLanes });
    expect(r.runner).toBe("custom");
    const expected = alone(sweep);
    const got = results(r.outcomes);
    expect(got[1]).toBe('error: ScenarioRunError: sysfs.pages_to_scan: the write of "lots" fails with EINVAL');
    expect(got.filter((_, i) => i !== 1)).toEqual(expected.filter((_, i) => i !== 1));
  });

  it("refuses a jobs count that is not a positive integer", async () => {
    await expect(runSweep(sweep, { jobs: 0 })).rejects.toThrow("jobs: must be an integer >= 1, got 0");
  });

  it("replaces a worker that dies and reports its variant as an error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ksm-sim-sweep-worker-"));
    const script = join(dir, "dies-on-1.mjs");
    writeFileSync(
      script,
      `import { parentPort } from "node:worker_threads";
parentPort.on("message", (t) => {
  if (t.index === 1) process.exit(3);
  parentPort.postMessage({ index: t.index, ok: true, result: { name: t.scenario.name, steps: [], snapshots: [] }, wallMs: 1 });
});
`,
    );
    const r = await runSweep(sweep, { jobs: 1, lanes: workerLanes(pathToFileURL(script)) });
    expect(r.outcomes.map((o) => (o.ok ? "ok" : o.error))).toEqual([
      "ok",
      "worker thread exited with code 3",
      "ok",
      "ok",
      "ok",
      "ok",
      "ok",
      "ok",
    ]);
  });

  // The worker threads load the built dist/worker.js (a worker cannot load the .ts sources); run `pnpm build` first.
  describe.skipIf(workerScript() === null)("in worker threads (built dist/worker.js)", () => {
    it("gives each variant's result alone, identical JSON", async () => {
      const r = await runSweep(sweep, { jobs: 2, threads: true });
      expect(r.runner).toBe("threads");
      expect(r.jobs).toBe(2);
      expect(results(r.outcomes)).toEqual(alone(sweep));
      for (const o of r.outcomes) expect(o.wallMs).toBeGreaterThan(0);
    });

    it("reports a variant that throws in its worker as an error row", async () => {
      const r = await runSweep(withBrokenVariant(sweep), { jobs: 2, threads: true });
      const got = results(r.outcomes);
      expect(got[1]).toBe('error: ScenarioRunError: sysfs.pages_to_scan: the write of "lots" fails with EINVAL');
      expect(got.filter((_, i) => i !== 1)).toEqual(alone(sweep).filter((_, i) => i !== 1));
    });

    it("runs content modes too", async () => {
      const s = await load({ scenario: tiny, grid: { content: ["tokens", "bytes"] } });
      const r = await runSweep(s, { jobs: 2, threads: true });
      expect(results(r.outcomes)).toEqual(alone(s));
    });
  });
});
