/**
 * record, report and sweep are loaded on demand by mainAsync (bin.js), and
 * dist/ksm-sim.js is the bundled CLI the `ksm-sim` script runs: the same
 * outputs and exit codes as the unbundled one, usage errors included.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { mainAsync } from "../src/main-async.js";
import { mergeScenario, tempFiles } from "./helpers.js";

const { dir, file } = tempFiles("ksm-sim-lazy-");
const scenarioFile = file("s.json", mergeScenario("lazy", 8, 2));

describe("commands loaded on demand", () => {
  it("report draws a result document into one HTML file and prints its path", async () => {
    const result = join(dir, "r.json");
    writeFileSync(result, (await mainAsync(["run", scenarioFile])).stdout);
    const out = join(dir, "report.html");
    const r = await mainAsync(["report", result, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    const html = readFileSync(out, "utf8");
    expect(html).toContain('id="r0-counters"');
    expect(html).toContain("lazy: KSM counters at each snapshot");
  });

  it("report and record refuse bad input with exit 2, naming the file or what is missing", async () => {
    expect((await mainAsync(["report"])).stderr).toContain("report takes one or more result or series JSON files");
    const missing = await mainAsync(["record", join(dir, "missing.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ version: 2, name: "x", steps: [] }));
    const invalid = await mainAsync(["record", bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("version");
  });

  it("the synchronous main says to use mainAsync for them", () => {
    for (const cmd of ["record", "report", "sweep"]) {
      const r = main([cmd, scenarioFile]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${cmd} is loaded on demand: call mainAsync`);
    }
  });
});

const bundle = join(dirname(fileURLToPath(import.meta.url)), "../dist/ksm-sim.js");
const unbundled = join(dirname(fileURLToPath(import.meta.url)), "../dist/bin.js");
describe.skipIf(!existsSync(bundle))("the bundled CLI (dist/ksm-sim.js; skipped before a build)", () => {
  it("prints what the unbundled CLI prints", () => {
    const a = execFileSync(process.execPath, [bundle, "run", scenarioFile, "--trace"], { encoding: "utf8" });
    const b = execFileSync(process.execPath, [unbundled, "run", scenarioFile, "--trace"], { encoding: "utf8" });
    expect(a).toBe(b);
  });

  it("usage errors of commands loaded on demand still exit 2, never an internal error", () => {
    const r = spawnSync(process.execPath, [bundle, "record", join(dir, "missing.json")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("cannot read");
    expect(r.stderr).not.toContain("internal error");
  });
});
