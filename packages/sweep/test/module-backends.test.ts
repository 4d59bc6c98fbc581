/**
 * Backends of one's own in a sweep: modules named in the spec (relative to
 * the spec file) or by the caller, loaded once before anything runs; the
 * variants carry the backend's name and the module's URL, and run exactly as
 * runScenario runs them alone, in this thread and in worker threads.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runScenario } from "@ksm-sim/scenario";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";
import {
  loadSweep,
  loadSweepFile,
  runSweep,
  type Sweep,
  sweepToCsv,
  type VariantOutcome,
  workerScript,
} from "../src/index.js";
import { tiny } from "./helpers.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures/mine-rbtree.mjs");
const fixtureUrl = pathToFileURL(fixture).href;

// A spec folder with a module beside it that re-exports the fixture, and modules that cannot be used.
const dir = mkdtempSync(join(tmpdir(), "ksm-sim-sweep-modules-"));
const write = (name: string, content: unknown) => {
  writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return join(dir, name);
};
write("tiny.json", tiny);
write("mine.mjs", `export { default } from ${JSON.stringify(fixtureUrl)};\n`);
write(
  "no-create.mjs",
  'export default { name: "x", flags: { kernelShape: false, identity: "intrusive", persistent: false } };\n',
);
write("throws.mjs", 'throw new Error("boom");\n');
write("rbtree-again.mjs", `import b from ${JSON.stringify(fixtureUrl)};\nexport default { ...b, name: "rbtree" };\n`);
const specFile = write("spec.json", {
  scenario: "tiny.json",
  grid: { backends: ["rbtree", "./mine.mjs"], sysfs: { max_page_sharing: [2, 256] } },
});

async function loaded(file: string, options: Parameters<typeof loadSweepFile>[1] = {}): Promise<Sweep> {
  const r = await loadSweepFile(file, options);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.sweep;
}

const errorsOf = async (doc: unknown, options: Parameters<typeof loadSweep>[1] = {}) => {
  const r = await loadSweep(doc, { baseDir: dir, ...options });
  return r.ok ? [] : r.errors.map((e) => e.message);
};

const alone = (sweep: Sweep) =>
  sweep.variants.map((v) => JSON.stringify(runScenario(v.scenario, { tree: rbtreeBackend, content: v.content })));
const results = (outcomes: readonly VariantOutcome[]) =>
  outcomes.map((o) => (o.ok ? JSON.stringify(o.result) : `error: ${o.error}`));

describe("a sweep with a module backend", () => {
  it("loads the module relative to the spec file; variants carry its name and URL", async () => {
    const sweep = await loaded(specFile);
    expect(sweep.backends.map((b) => [b.spec, b.name])).toEqual([
      ["rbtree", "rbtree"],
      ["./mine.mjs", "mine"],
    ]);
    expect(sweep.backends[1]!.specifier).toBe(pathToFileURL(join(dir, "mine.mjs")).href);
    expect(sweep.variants.map((v) => [v.label, v.backend, v.backendSpecifier])).toEqual([
      ["rbtree max_page_sharing=2", "rbtree", "rbtree"],
      ["rbtree max_page_sharing=256", "rbtree", "rbtree"],
      ["mine max_page_sharing=2", "mine", sweep.backends[1]!.specifier],
      ["mine max_page_sharing=256", "mine", sweep.backends[1]!.specifier],
    ]);
  });

  it("runs each variant as runScenario does alone; the CSV names the backend by its name", async () => {
    const sweep = await loaded(specFile);
    const r = await runSweep(sweep, { jobs: 2, threads: false });
    expect(results(r.outcomes)).toEqual(alone(sweep));
    const rows = sweepToCsv(r).trimEnd().split("\n").slice(1);
    // two snapshots per variant
    expect(rows.map((row) => row.split(",")[3])).toEqual([
      "rbtree",
      "rbtree",
      "rbtree",
      "rbtree",
      "mine",
      "mine",
      "mine",
      "mine",
    ]);
  });

  it.skipIf(workerScript() === null)("runs it in worker threads too, loading the module there by its URL", async () => {
    const sweep = await loaded(specFile);
    const r = await runSweep(sweep, { jobs: 2, threads: true });
    expect(r.runner).toBe("threads");
    expect(results(r.outcomes)).toEqual(alone(sweep));
  });

  it("takes backends that replace the grid's, paths relative to the working directory", async () => {
    const sweep = await loaded(specFile, { backends: [fixture] });
    expect(sweep.grid.backends).toEqual([fixture]);
    expect(sweep.variants.map((v) => v.label)).toEqual(["max_page_sharing=2", "max_page_sharing=256"]);
    expect(sweep.variants.map((v) => v.backend)).toEqual(["mine", "mine"]);
    const r = await runSweep(sweep, { jobs: 1, threads: false });
    expect(results(r.outcomes)).toEqual(alone(sweep));
  });
});

describe("a sweep whose backend cannot be loaded", () => {
  const doc = (backends: string[]) => ({ scenario: tiny, grid: { backends } });

  it("is an invalid spec, with the grid path, the spec and what is wrong", async () => {
    expect(await errorsOf(doc(["rbtree", "./no-create.mjs"]))).toEqual([
      "grid.backends[1]: ./no-create.mjs: the module's default export has no create() function",
    ]);
    expect(await errorsOf(doc(["./throws.mjs"]))).toEqual([
      "grid.backends[0]: ./throws.mjs: loading the module failed: Error: boom",
    ]);
    expect(await errorsOf(doc(["./missing.mjs"]))).toEqual([
      `grid.backends[0]: ./missing.mjs: cannot find the module: there is no file ${join(dir, "missing.mjs")}`,
    ]);
    expect(await errorsOf(doc(["skiplist"]))).toEqual([
      expect.stringMatching(
        /^grid\.backends\[0\]: skiplist: is neither a built-in backend \(rbtree, .*\) nor an installed package/,
      ),
    ]);
  });

  it("is an invalid spec when two backends have one name", async () => {
    expect(await errorsOf(doc(["rbtree", "./rbtree-again.mjs"]))).toEqual([
      "grid.backends[1]: ./rbtree-again.mjs: its name rbtree is the name of grid.backends[0] (rbtree) too; the CSV tells backends apart by name",
    ]);
  });

  it("reports the caller's backends at backends[i]", async () => {
    expect(await errorsOf(doc(["rbtree"]), { backends: [join(dir, "throws.mjs")] })).toEqual([
      `backends[0]: ${join(dir, "throws.mjs")}: loading the module failed: Error: boom`,
    ]);
    expect(await errorsOf(doc(["rbtree"]), { backends: [] })).toEqual([
      "backends: must be a non-empty list of backends, got []",
    ]);
  });
});
