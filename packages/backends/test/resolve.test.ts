/**
 * resolveBackend finds a package's module as Node's own ESM resolver does:
 * each specifier is also resolved by a child `node` with import.meta.resolve
 * from the same folder, and the two must agree (the same file, or both fail).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { BackendLoadError, isPathSpec, resolveBackend } from "../src/index.js";
import { project } from "./helpers.js";

const m = "export default null;\n";
const dir = project({
  "node_modules/esm-only/package.json": { exports: { ".": { import: "./esm.mjs", require: "./cjs.cjs" } } },
  "node_modules/esm-only/esm.mjs": m,
  "node_modules/esm-only/cjs.cjs": m,
  "node_modules/key-order/package.json": { exports: { default: "./d.mjs", import: "./i.mjs" } },
  "node_modules/key-order/d.mjs": m,
  "node_modules/key-order/i.mjs": m,
  "node_modules/nested/package.json": {
    exports: { ".": { browser: "./b.mjs", node: { require: "./r.cjs", default: "./n.mjs" }, default: "./d.mjs" } },
  },
  "node_modules/nested/n.mjs": m,
  "node_modules/nested/b.mjs": m,
  "node_modules/sugar/package.json": { exports: "./main.mjs" },
  "node_modules/sugar/main.mjs": m,
  "node_modules/fallbacks/package.json": { exports: { ".": ["not-relative.mjs", "./second.mjs"] } },
  "node_modules/fallbacks/second.mjs": m,
  "node_modules/subpaths/package.json": {
    exports: {
      ".": "./index.mjs",
      "./feature": "./f.mjs",
      "./lib/*": "./src/*.mjs",
      "./lib/*.mjs": "./src/*.mjs",
      "./lib/internal/*": null,
    },
  },
  "node_modules/subpaths/index.mjs": m,
  "node_modules/subpaths/f.mjs": m,
  "node_modules/subpaths/src/x.mjs": m,
  "node_modules/subpaths/src/internal/y.mjs": m,
  "node_modules/legacy-main/package.json": { main: "lib/entry" },
  "node_modules/legacy-main/lib/entry.js": m,
  "node_modules/legacy-main/lib/other.mjs": m,
  "node_modules/no-main/package.json": { name: "no-main" },
  "node_modules/no-main/index.js": m,
  "node_modules/@scope/pkg/package.json": { exports: { "./backend": { import: "./b.mjs" } } },
  "node_modules/@scope/pkg/b.mjs": m,
  "node_modules/require-only/package.json": { exports: { ".": { require: "./c.cjs" } } },
  "node_modules/require-only/c.cjs": m,
  "node_modules/escapes/package.json": { exports: { ".": "./../sugar/main.mjs" } },
  "node_modules/linked": { symlink: "real/linked-pkg" },
  "real/linked-pkg/package.json": { exports: "./l.mjs" },
  "real/linked-pkg/l.mjs": m,
  "a/node_modules/sugar/package.json": { exports: "./nearer.mjs" },
  "a/node_modules/sugar/nearer.mjs": m,
  "a/b/.keep": "",
  "selfie/package.json": { name: "selfie", exports: { ".": "./me.mjs", "./sub": "./sub.mjs" } },
  "selfie/me.mjs": m,
  "selfie/sub.mjs": m,
  "selfie/inner/.keep": "",
});

const SPECS = [
  "esm-only",
  "key-order",
  "nested",
  "sugar",
  "fallbacks",
  "subpaths",
  "subpaths/feature",
  "subpaths/lib/x",
  "subpaths/lib/x.mjs",
  "subpaths/lib/internal/y",
  "subpaths/nope",
  "legacy-main",
  "legacy-main/lib/other.mjs",
  "no-main",
  "@scope/pkg/backend",
  "@scope/pkg",
  "require-only",
  "escapes",
  "linked",
  "selfie",
  "selfie/sub",
  "not-installed",
];

/** What Node resolves each spec to from `cwd`: a URL, or null when it refuses. */
function nodeResolves(cwd: string, specs: readonly string[]): (string | null)[] {
  const script = `const out = []; for (const s of ${JSON.stringify(specs)}) { try { out.push(import.meta.resolve(s)); } catch { out.push(null); } } console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as (string | null)[];
}

function oursResolves(cwd: string, spec: string): string | null {
  try {
    return resolveBackend(spec, { baseDir: cwd });
  } catch (e) {
    expect(e).toBeInstanceOf(BackendLoadError);
    return null;
  }
}

describe("resolveBackend of a package name", () => {
  for (const where of [".", "a/b", "selfie/inner"]) {
    it(`agrees with Node's resolver from ${where}`, () => {
      const cwd = join(dir, where);
      const node = nodeResolves(cwd, SPECS);
      const ours = SPECS.map((s) => oursResolves(cwd, s));
      expect(Object.fromEntries(SPECS.map((s, i) => [s, ours[i]]))).toEqual(
        Object.fromEntries(SPECS.map((s, i) => [s, node[i]])),
      );
    });
  }

  it("finds what the cases are about (the comparison is not of two failures)", () => {
    const at = (spec: string, cwd = dir) => oursResolves(cwd, spec)?.slice(pathToFileURL(dir).href.length);
    expect(at("esm-only")).toBe("/node_modules/esm-only/esm.mjs");
    expect(at("key-order")).toBe("/node_modules/key-order/d.mjs");
    expect(at("nested")).toBe("/node_modules/nested/n.mjs");
    expect(at("fallbacks")).toBe("/node_modules/fallbacks/second.mjs");
    expect(at("subpaths/lib/x")).toBe("/node_modules/subpaths/src/x.mjs");
    expect(at("legacy-main")).toBe("/node_modules/legacy-main/lib/entry.js");
    expect(at("linked")).toBe("/real/linked-pkg/l.mjs");
    expect(at("sugar", join(dir, "a/b"))).toBe("/a/node_modules/sugar/nearer.mjs");
    expect(at("selfie", join(dir, "selfie/inner"))).toBe("/selfie/me.mjs");
    for (const refused of ["subpaths/lib/internal/y", "subpaths/nope", "@scope/pkg", "require-only", "escapes"])
      expect(at(refused)).toBeUndefined();
  });

  it("takes extra conditions, as node --conditions does", () => {
    expect(resolveBackend("nested", { baseDir: dir, conditions: ["browser"] })).toBe(
      pathToFileURL(join(dir, "node_modules/nested/b.mjs")).href,
    );
  });
});

describe("isPathSpec", () => {
  it("tells paths from names", () => {
    for (const p of ["./x.mjs", "../x.mjs", "/abs/x.mjs", ".", "..", "./"]) expect(isPathSpec(p)).toBe(true);
    for (const n of ["x.mjs", "rbtree", "@lab/trees", ".hidden", "..x", "file:///x.mjs"])
      expect(isPathSpec(n)).toBe(false);
  });
});
