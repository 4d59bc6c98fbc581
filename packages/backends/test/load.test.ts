/** loadBackend: built-in names, paths, file URLs and package names; every failure one BackendLoadError naming the spec. */
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";
import {
  BackendLoadError,
  BUILTIN_BACKEND_NAMES,
  BUILTIN_BACKENDS,
  isBackendLoadError,
  loadBackend,
} from "../src/index.js";
import { project, renamedBackend, SORTED_ARRAY } from "./helpers.js";

/** The BackendLoadError that loading `spec` rejects with. */
async function failure(spec: string, baseDir?: string): Promise<BackendLoadError> {
  const e = await loadBackend(spec, baseDir === undefined ? {} : { baseDir }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BackendLoadError);
  expect(isBackendLoadError(e)).toBe(true);
  const err = e as BackendLoadError;
  expect(err.spec).toBe(spec);
  expect(err.message).toBe(`${spec || '""'}: ${err.reason}`);
  expect(err.message).not.toContain("\n");
  return err;
}

describe("loadBackend finds", () => {
  it("every built-in by name, as the very object", async () => {
    for (const b of BUILTIN_BACKENDS) expect(await loadBackend(b.name)).toBe(b);
  });

  const dir = project({ "mods/mine.mjs": renamedBackend("mine"), "mods/sub/.keep": "" });
  it("a path relative to baseDir, or to the working directory without one", async () => {
    const mine = await loadBackend("./mods/mine.mjs", { baseDir: dir });
    expect(mine.name).toBe("mine");
    const tree = mine.create<number>();
    tree.searchOrInsert(tree.newNode(7), (v) => 7 - v);
    expect([...tree.nodes()].map((n) => n.value)).toEqual([7]);
    expect((await loadBackend("../mine.mjs", { baseDir: join(dir, "mods/sub") })).name).toBe("mine");
    const fromCwd = `./${relative(process.cwd(), join(dir, "mods/mine.mjs"))}`;
    expect((await loadBackend(fromCwd)).name).toBe("mine");
  });

  it("an absolute path and a file URL", async () => {
    expect((await loadBackend(join(dir, "mods/mine.mjs"), { baseDir: "/nonexistent" })).name).toBe("mine");
    expect((await loadBackend(pathToFileURL(SORTED_ARRAY).href)).name).toBe("sorted-array");
  });

  // The packages are symlinks into the project, as pnpm installs them: a module under node_modules would be
  // imported by Node itself, outside vitest, and could not import the TypeScript sources of @ksm-sim/tree.
  it("a package by name from baseDir's node_modules or a folder above, through an import-only exports map", async () => {
    const p = project({
      "pkgs/esm-only/package.json": {
        name: "esm-only-backend",
        type: "module",
        exports: { ".": { import: "./dist/index.mjs" } },
      },
      "pkgs/esm-only/dist/index.mjs": renamedBackend("esm-only"),
      "pkgs/lab/package.json": {
        name: "@lab/trees",
        exports: { "./*": { require: "./cjs/*.cjs", default: "./lib/*.mjs" } },
      },
      "pkgs/lab/lib/avl.mjs": renamedBackend("lab-avl"),
      "node_modules/esm-only-backend": { symlink: "pkgs/esm-only" },
      "node_modules/@lab/trees": { symlink: "pkgs/lab" },
      "app/src/.keep": "",
    });
    expect((await loadBackend("esm-only-backend", { baseDir: join(p, "app/src") })).name).toBe("esm-only");
    expect((await loadBackend("@lab/trees/avl", { baseDir: p })).name).toBe("lab-avl");
  });

  it("a CommonJS module compiled from `export default`", async () => {
    const p = project({
      "compiled.cjs": `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.default = { name: "compiled", flags: { kernelShape: false, identity: "intrusive", persistent: false }, create: () => ({}) };\n`,
    });
    expect((await loadBackend("./compiled.cjs", { baseDir: p })).name).toBe("compiled");
  });

  it("a built-in name before a package of that name", async () => {
    const p = project({
      "node_modules/rbtree/package.json": { name: "rbtree", exports: "./index.mjs" },
      "node_modules/rbtree/index.mjs": renamedBackend("impostor"),
    });
    expect(await loadBackend("rbtree", { baseDir: p })).toBe(rbtreeBackend);
  });
});

describe("loadBackend refuses, in one line naming the spec", () => {
  const dir = project({
    "throws.mjs": 'throw new Error("boom at import");\n',
    "throws-string.mjs": 'throw "just a string";\n',
    "syntax.mjs": "export default { name: 'x',,, };\n",
    "broken-import.mjs": 'import x from "no-such-dependency";\nexport default x;\n',
    "named.mjs": "export const answer = 42;\n",
    "named-backend.mjs": renamedBackend("x").replace("export default", "export const myBackend ="),
    "number.mjs": "export default 42;\n",
    "factory.mjs": "export default () => ({});\n",
    "no-create.mjs": `export default { name: "mine", flags: { kernelShape: false, identity: "intrusive", persistent: false } };\n`,
    "bad-flags.mjs": `export default { name: "", flags: { kernelShape: "no", identity: "labels" }, create() {} };\n`,
    "mine.mjs": renamedBackend("mine"),
    "folder/.keep": "",
    "node_modules/exports-less/package.json": { name: "exports-less", exports: { "./other": "./other.mjs" } },
    "node_modules/require-only/package.json": { name: "require-only", exports: { require: "./index.cjs" } },
    "node_modules/require-only/index.cjs": "module.exports = {};\n",
    "node_modules/bad-json/package.json": "{ not json",
  });

  it("a missing file", async () => {
    const e = await failure("./nope.mjs", dir);
    expect(e.reason).toBe(`cannot find the module: there is no file ${join(dir, "nope.mjs")}`);
    expect((await failure(join(dir, "nope.mjs"))).reason).toBe(
      `cannot find the module: there is no file ${join(dir, "nope.mjs")}`,
    );
  });

  it("a folder", async () => {
    expect((await failure("./folder", dir)).reason).toBe(
      `is a folder (${join(dir, "folder")}); name the module file in it, or the package by its name`,
    );
  });

  it("a name that is no built-in and no installed package, with a hint when a file of that name is there", async () => {
    expect((await failure("skiplist", dir)).reason).toBe(
      `is neither a built-in backend (${BUILTIN_BACKEND_NAMES.join(", ")}) nor an installed package ` +
        `(no package skiplist is installed in ${dir} or a folder above it); a module path starts with ./, ../ or /`,
    );
    expect((await failure("mine.mjs", dir)).reason).toMatch(
      new RegExp(`nor an installed package .*; for the file ${join(dir, "mine.mjs")}, write \\./mine\\.mjs$`),
    );
    expect((await failure("", dir)).message).toBe(
      `"": is not a backend; give a built-in name (${BUILTIN_BACKEND_NAMES.join(", ")}), a module path or a package name`,
    );
  });

  it("a package that exports no main entry for import, or whose package.json is not JSON", async () => {
    expect((await failure("exports-less", dir)).reason).toBe(
      'package exports-less does not export its main entry for the conditions node, import, default (its package.json "exports")',
    );
    expect((await failure("require-only", dir)).reason).toMatch(/^package require-only does not export its main entry/);
    expect((await failure("exports-less/missing", dir)).reason).toMatch(
      /^package exports-less does not export \.\/missing /,
    );
    expect((await failure("bad-json", dir)).reason).toMatch(/^.*bad-json.package\.json is not JSON \(/);
  });

  it("a module that throws while it loads", async () => {
    expect((await failure("./throws.mjs", dir)).reason).toBe("loading the module failed: Error: boom at import");
    expect((await failure("./throws-string.mjs", dir)).reason).toBe(
      'loading the module failed: it threw "just a string"',
    );
  });

  it("a module with a syntax error or a missing import", async () => {
    expect((await failure("./syntax.mjs", dir)).reason).toMatch(/^loading the module failed: \w*Error: \S/);
    expect((await failure("./broken-import.mjs", dir)).reason).toMatch(
      /^loading the module failed: Error: Cannot find package 'no-such-dependency' imported from /,
    );
  });

  it("a module with no default export, pointing at a backend it exports by name", async () => {
    expect((await failure("./named.mjs", dir)).reason).toBe(
      "the module has no default export (export default a TreeBackend: { name, flags, create })",
    );
    expect((await failure("./named-backend.mjs", dir)).reason).toBe(
      "the module has no default export (it exports myBackend; write export default myBackend)",
    );
  });

  it("a default export that is not a backend", async () => {
    expect((await failure("./no-create.mjs", dir)).message).toBe(
      "./no-create.mjs: the module's default export has no create() function",
    );
    expect((await failure("./number.mjs", dir)).reason).toBe(
      "the module's default export is not a backend object, got 42",
    );
    expect((await failure("./factory.mjs", dir)).reason).toBe(
      "the module's default export is a function, not a backend object (a factory? export the backend it returns)",
    );
    expect((await failure("./bad-flags.mjs", dir)).reason).toBe(
      "the module's default export " +
        [
          'has a name that is not a non-empty string, got ""',
          'has a flags.kernelShape that is not true or false, got "no"',
          "has no flags.persistent (true or false)",
          'has a flags.identity that is not "intrusive" or "order-labels", got "labels"',
        ].join("; "),
    );
  });

  it("a URL of another scheme", async () => {
    expect((await failure("https://example.com/x.mjs", dir)).reason).toBe(
      "is a URL ksm-sim does not load; give a module path, a file: URL or a package name",
    );
  });
});
