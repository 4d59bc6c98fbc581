/**
 * --backend NAME|MODULE of `ksm-sim run` and `ksm-sim sweep`, and module
 * backends in a sweep spec: a module's backend gives the result the backend
 * it wraps gives; a module that cannot be used is exit 2 and one line on
 * stderr, before anything runs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUILTIN_BACKEND_NAMES } from "@ksm-sim/backends";
import { describe, expect, it } from "vitest";
import { USAGE } from "../src/args.js";
import { main } from "../src/main.js";
import { mainAsync } from "../src/main-async.js";
import { mergeScenario, tempFiles } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "fixtures");
/** A path as a user types it: relative to the working directory, starting with ./ */
const typed = (path: string) => `./${relative(process.cwd(), path)}`;
const mine = typed(join(fixtures, "fixture-backend.mjs"));
const myBintrees = typed(join(fixtures, "bintrees-backend.mjs"));
const staleChain = join(here, "../../../examples/tree-shape-stale-chain.json");

const { dir, file } = tempFiles("ksm-sim-backend-option-");
const scenario = file("s.json", mergeScenario("via-module", 32, 4));
const bad = {
  "missing.mjs": null,
  "throws.mjs": 'throw new Error("boom at import");\n',
  "syntax.mjs": "export default { name: 'x',,, };\n",
  "named.mjs": "export const backend = {};\n",
  "no-create.mjs": `export default { name: "x", flags: { kernelShape: false, identity: "intrusive", persistent: false } };\n`,
} as const;
for (const [name, text] of Object.entries(bad)) if (text !== null) file(name, text);
const badReasons: Record<keyof typeof bad, RegExp> = {
  "missing.mjs": /: cannot find the module: there is no file .*missing\.mjs$/,
  "throws.mjs": /: loading the module failed: Error: boom at import$/,
  "syntax.mjs": /: loading the module failed: \w*Error: \S.*$/,
  "named.mjs": /: the module has no default export \(export default a TreeBackend: \{ name, flags, create \}\)$/,
  "no-create.mjs": /: the module's default export has no create\(\) function$/,
};

/** Exit 2 and exactly one line on stderr, naming --backend and the module, no stack trace. */
function refused(out: { code: number; stdout: string; stderr: string }, spec: string, reason: RegExp): void {
  expect(out.code).toBe(2);
  expect(out.stdout).toBe("");
  expect(out.stderr.split("\n")).toHaveLength(2); // one line and its newline
  expect(out.stderr.startsWith(`ksm-sim: --backend ${spec}: `)).toBe(true);
  expect(out.stderr.trimEnd()).toMatch(reason);
  expect(out.stderr).not.toMatch(/\n\s+at /);
}

describe("ksm-sim run --backend MODULE", () => {
  it("gives the same result document as the backend the module wraps", async () => {
    for (const trace of [[], ["--trace"]]) {
      const viaModule = await mainAsync(["run", scenario, "--backend", mine, ...trace]);
      const builtin = await mainAsync(["run", scenario, "--backend", "rbtree", ...trace]);
      expect(viaModule).toMatchObject({ code: 0, stderr: "" });
      expect(viaModule.stdout).toBe(builtin.stdout);
      // the comparison is honest: a result document does not name the backend at all
      const doc = JSON.parse(viaModule.stdout);
      expect(Object.keys(doc).sort()).toEqual(
        ["name", "simulator", "snapshots", "steps", ...(trace.length ? ["trace"] : [])].sort(),
      );
      expect(viaModule.stdout).not.toMatch(/rbtree|"mine"|backend/);
      expect(doc.snapshots[0].ksm.pages_sharing).toBeGreaterThan(0);
    }
  });

  it("really runs the module's backend: a wrapped bintrees gives bintrees' counters, not rbtree's", async () => {
    const viaModule = await mainAsync(["run", staleChain, "--backend", myBintrees]);
    expect(viaModule.code).toBe(0);
    expect(viaModule.stdout).toBe(main(["run", staleChain, "--backend", "bintrees"]).stdout);
    expect(viaModule.stdout).not.toBe(main(["run", staleChain, "--backend", "rbtree"]).stdout);
  });

  it("takes an absolute path too", async () => {
    const builtin = main(["run", scenario]).stdout;
    const viaModule = await mainAsync(["run", scenario, "--backend", join(fixtures, "fixture-backend.mjs")]);
    expect(viaModule.stdout).toBe(builtin);
  });

  it("refuses a module that cannot be used with exit 2 and one line on stderr", async () => {
    for (const [name, reason] of Object.entries(badReasons)) {
      const spec = typed(join(dir, name));
      refused(await mainAsync(["run", scenario, "--backend", spec]), spec, reason);
    }
    refused(
      await mainAsync(["run", scenario, "--backend", "skiplist"]),
      "skiplist",
      new RegExp(
        `: is neither a built-in backend \\(${BUILTIN_BACKEND_NAMES.join(", ")}\\) nor an installed package \\(.*\\); a module path starts with \\./, \\.\\./ or /$`,
      ),
    );
  });

  it("in the synchronous main, takes built-in names only and says why", () => {
    const out = main(["run", scenario, "--backend", mine]);
    expect(out.code).toBe(2);
    expect(out.stderr.split("\n")[0]).toBe(
      `ksm-sim: --backend: ${mine} is not a built-in backend (${BUILTIN_BACKEND_NAMES.join(", ")}); a module backend is loaded by mainAsync, as the ksm-sim command does`,
    );
  });

  it("lists the built-ins from the registry and says a module is accepted in --help", () => {
    expect(main(["run", "--help"]).stdout).toBe(USAGE);
    expect(USAGE).toContain("ksm-sim run FILE [--backend NAME|MODULE]");
    expect(USAGE).toContain("[--jobs N] [--backend NAME|MODULE]");
    const [first, ...rest] = BUILTIN_BACKEND_NAMES;
    expect(USAGE).toContain(
      `--backend NAME     a built-in tree backend: ${[`${first} (default)`, ...rest].join(", ")}\n`,
    );
    expect(USAGE).toMatch(
      /--backend MODULE {3}a path \(\.\/my-backend\.js\) or package name of an ES module whose default export\n\s+is a TreeBackend/,
    );
  });
});

describe("ksm-sim sweep with module backends", () => {
  const { file: specFile } = tempFiles("ksm-sim-sweep-modules-");
  specFile("s.json", mergeScenario("module-sweep", 16, 2));
  specFile(
    "mine.mjs",
    `export { default } from ${JSON.stringify(pathToFileURL(join(fixtures, "fixture-backend.mjs")).href)};\n`,
  );
  specFile("throws.mjs", 'throw new Error("boom");\n');
  const spec = specFile("spec.json", {
    scenario: "s.json",
    grid: { backends: ["rbtree", "./mine.mjs"], sysfs: { max_page_sharing: [2, 256] } },
  });
  const rowsOf = (csv: string) =>
    csv
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((r) => r.split(","));

  it("loads a module named in the spec relative to the spec file; the CSV shows its name", async () => {
    const out = await mainAsync(["sweep", spec, "--jobs", "2"]);
    expect(out).toMatchObject({ code: 0, stderr: "" });
    const rows = rowsOf(out.stdout);
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      ["rbtree max_page_sharing=2", "rbtree"],
      ["rbtree max_page_sharing=256", "rbtree"],
      ["mine max_page_sharing=2", "mine"],
      ["mine max_page_sharing=256", "mine"],
    ]);
    // the module wraps rbtree: the same counters as the rbtree variants
    const counters = (r: string[]) => r.slice(5, -2);
    expect(counters(rows[2]!)).toEqual(counters(rows[0]!));
    expect(counters(rows[3]!)).toEqual(counters(rows[1]!));
  });

  it("takes --backend MODULE on the command line, relative to the working directory, for every variant", async () => {
    const out = await mainAsync(["sweep", spec, "--backend", myBintrees, "--jobs", "2"]);
    expect(out).toMatchObject({ code: 0, stderr: "" });
    expect(rowsOf(out.stdout).map((r) => [r[1], r[3]])).toEqual([
      ["max_page_sharing=2", "my-bintrees"],
      ["max_page_sharing=256", "my-bintrees"],
    ]);
  });

  it("exits 2 up front when a module in the spec cannot be loaded, and writes nothing", async () => {
    const broken = specFile("broken.json", { scenario: "s.json", grid: { backends: ["rbtree", "./throws.mjs"] } });
    const csv = join(dirname(broken), "never.csv");
    const out = await mainAsync(["sweep", broken, "--csv", csv]);
    expect(out).toEqual({
      code: 2,
      stdout: "",
      stderr: `${broken}: invalid sweep spec\n  grid.backends[1]: ./throws.mjs: loading the module failed: Error: boom\n`,
    });
    expect(existsSync(csv)).toBe(false);
  });

  it("exits 2 with one line when --backend cannot be loaded", async () => {
    for (const [name, reason] of Object.entries(badReasons)) {
      const backend = typed(join(dir, name));
      refused(await mainAsync(["sweep", spec, "--backend", backend]), backend, reason);
    }
  });
});

const bin = join(here, "../dist/bin.js");
const bundle = join(here, "../dist/ksm-sim.js");
describe.skipIf(!existsSync(bundle))("the built CLI with a module backend (skipped before a build)", () => {
  const run = (args: string[], cwd = fixtures) =>
    spawnSync(process.execPath, [bundle, ...args], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });

  it("runs ./fixture-backend.mjs from its folder as --backend rbtree runs", () => {
    const viaModule = run(["run", scenario, "--backend", "./fixture-backend.mjs"]);
    expect(viaModule.stderr).toBe("");
    expect(viaModule.status).toBe(0);
    expect(viaModule.stdout).toBe(run(["run", scenario, "--backend", "rbtree"]).stdout);
  });

  it("refuses a module with a syntax error in Node's words, in one line, exit 2", () => {
    const r = run(["run", scenario, "--backend", "./syntax.mjs"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "ksm-sim: --backend ./syntax.mjs: loading the module failed: SyntaxError: Unexpected token ','\n",
    );
  });

  it("finds a package by name from the working directory, as Node would", () => {
    const { dir: project, file: put } = tempFiles("ksm-sim-package-backend-");
    mkdirSync(join(project, "pkg"));
    put("pkg/package.json", { name: "my-backend", type: "module", exports: { ".": { import: "./index.mjs" } } });
    put(
      "pkg/index.mjs",
      `export { default } from ${JSON.stringify(pathToFileURL(join(fixtures, "fixture-backend.mjs")).href)};\n`,
    );
    mkdirSync(join(project, "node_modules"));
    symlinkSync(join(project, "pkg"), join(project, "node_modules/my-backend"), "dir");
    const viaPackage = run(["run", scenario, "--backend", "my-backend"], project);
    expect(viaPackage.stderr).toBe("");
    expect(viaPackage.stdout).toBe(run(["run", scenario, "--backend", "rbtree"]).stdout);
    // a package without a default export: resolved and imported, and what it lacks named
    const noDefault = run(["run", scenario, "--backend", "@ksm-sim/tree-rbtree"], here);
    expect(noDefault.status).toBe(2);
    expect(noDefault.stderr).toBe(
      "ksm-sim: --backend @ksm-sim/tree-rbtree: the module has no default export (it exports rbtreeBackend; write export default rbtreeBackend)\n",
    );
  });

  it("sweeps with the module in worker threads", () => {
    const csv = join(dir, "dist-sweep.csv");
    const r = spawnSync(process.execPath, [bin, "sweep", spec(), "--csv", csv, "--jobs", "2"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const rows = readFileSync(csv, "utf8").trimEnd().split("\n").slice(1);
    expect(rows.map((row) => row.split(",")[2])).toEqual(["rbtree", "mine"]);
  });
});

/** A spec of two variants, rbtree and the fixture module (by absolute path: relative paths go from the spec). */
function spec(): string {
  return file("dist-spec.json", {
    scenario: scenario,
    grid: { backends: ["rbtree", join(fixtures, "fixture-backend.mjs")] },
  });
}
