import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Allowed, checkWorkspace } from "../src/check-layers.js";
import { listPackages } from "../src/workspace.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const allowed = (JSON.parse(readFileSync(join(here, "../layers.json"), "utf8")) as { allowed: Allowed }).allowed;

describe("the workspace's layering", () => {
  it("finds the packages", () => {
    const names = listPackages(root).map((p) => p.manifest.name);
    expect(names).toContain("@ksm-sim/tree");
    expect(names).toContain("@ksm-sim/tree-rbtree");
  });
  it("has no upward, sideways or undeclared import", () => {
    expect(checkWorkspace(root, allowed)).toEqual([]);
  });
});

function fakeWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ksm-sim-layers-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const rules: Allowed = { "@ksm-sim/low": [], "@ksm-sim/high": ["@ksm-sim/low"] };
const manifest = (name: string, deps: Record<string, string> = {}, devDeps: Record<string, string> = {}) =>
  JSON.stringify({ name, dependencies: deps, devDependencies: devDeps });

describe("the layering check itself", () => {
  it("reports a lower package importing a higher one", () => {
    const ws = fakeWorkspace({
      "packages/low/package.json": manifest("@ksm-sim/low", { "@ksm-sim/high": "workspace:*" }),
      "packages/low/src/index.ts": 'import { x } from "@ksm-sim/high";\nexport const y = x;\n',
      "packages/high/package.json": manifest("@ksm-sim/high", { "@ksm-sim/low": "workspace:*" }),
      "packages/high/src/index.ts": 'export { y } from "@ksm-sim/low";\n',
    });
    expect(checkWorkspace(ws, rules)).toEqual([
      "@ksm-sim/low src/index.ts:1: imports @ksm-sim/high, which its layer may not use",
    ]);
  });
  it("reports an import that is not declared, and a dev-only dependency used at run time", () => {
    const ws = fakeWorkspace({
      "packages/high/package.json": manifest("@ksm-sim/high", {}, { lodash: "1" }),
      "packages/high/src/a.ts": 'import "@ksm-sim/low/sub";\nimport lodash from "lodash";\nimport fs from "node:fs";\n',
      "packages/high/test/a.test.ts": 'import lodash from "lodash";\nimport { it } from "vitest";\n',
    });
    expect(checkWorkspace(ws, rules)).toEqual([
      "@ksm-sim/high src/a.ts:1: imports @ksm-sim/low without declaring it in dependencies or peerDependencies",
      "@ksm-sim/high src/a.ts:2: imports lodash without declaring it in dependencies or peerDependencies",
    ]);
  });
  it("reports a package that has no place in the layering", () => {
    const ws = fakeWorkspace({ "packages/new/package.json": manifest("@ksm-sim/new") });
    expect(checkWorkspace(ws, rules)).toEqual([
      "@ksm-sim/new: not in tools/repo-checks/layers.json; give it a place in the layering",
    ]);
  });
});
