import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkWorkspace, type Layers } from "../src/check-layers.js";
import { listPackages } from "../src/workspace.js";
import { fakeWorkspace, manifest } from "./fake-workspace.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const layers = (JSON.parse(readFileSync(join(here, "../layers.json"), "utf8")) as { allowed: Layers }).allowed;

describe("the workspace's layering", () => {
  it("finds the packages", () => {
    const names = listPackages(root).map((p) => p.manifest.name);
    expect(names).toContain("@ksm-sim/tree");
    expect(names).toContain("@ksm-sim/tree-rbtree");
  });
  it("has no upward, sideways or undeclared import", () => {
    expect(checkWorkspace(root, layers)).toEqual([]);
  });
  it("keeps the library tree backends out of the engine's src", () => {
    expect(layers["@ksm-sim/ksm"]?.src).not.toContain("@ksm-sim/tree-bintrees");
    expect(layers["@ksm-sim/ksm"]?.test).toContain("@ksm-sim/tree-bintrees");
  });
});

const rules: Layers = {
  "@ksm-sim/low": { src: [] },
  "@ksm-sim/high": { src: ["@ksm-sim/low"] },
  "@ksm-sim/mid": { src: [], test: ["@ksm-sim/low"] },
};

describe("the layering check itself", () => {
  it("reports a lower package importing a higher one", () => {
    const ws = fakeWorkspace({
      "packages/low/package.json": manifest("@ksm-sim/low", { "@ksm-sim/high": "workspace:*" }),
      "packages/low/src/index.ts": 'import { x } from "@ksm-sim/high";\nexport const y = x;\n',
      "packages/high/package.json": manifest("@ksm-sim/high", { "@ksm-sim/low": "workspace:*" }),
      "packages/high/src/index.ts": 'export { y } from "@ksm-sim/low";\n',
    });
    expect(checkWorkspace(ws, rules)).toEqual([
      "@ksm-sim/low src/index.ts:1: imports @ksm-sim/high, which layers.json does not allow in its src",
    ]);
  });
  it("allows from test what it forbids from src", () => {
    const ws = fakeWorkspace({
      "packages/mid/package.json": manifest("@ksm-sim/mid", {}, { "@ksm-sim/low": "workspace:*" }),
      "packages/mid/src/a.ts": 'export const a = 1;\n// import { x } from "@ksm-sim/low" in a comment is no import\n',
      "packages/mid/src/b.ts": 'import {\n  x,\n} from "@ksm-sim/low";\nexport const b = x;\n',
      "packages/mid/src/b.test.ts": 'import { x } from "@ksm-sim/low";\n',
      "packages/mid/test/b.test.ts": 'import { x } from "@ksm-sim/low";\n',
      "packages/mid/bench/b.bench.ts": 'import { x } from "@ksm-sim/low";\n',
      "packages/mid/vitest.config.ts": 'import type { X } from "@ksm-sim/low";\n',
    });
    expect(checkWorkspace(ws, rules)).toEqual([
      "@ksm-sim/mid src/b.ts:3: imports @ksm-sim/low, which layers.json does not allow in its src",
    ]);
  });
  it("reports an import that is not declared, and a dev-only dependency used at run time", () => {
    const ws = fakeWorkspace({
      "packages/high/package.json": manifest("@ksm-sim/high", {}, { lodash: "1" }),
      "packages/high/src/a.ts": 'import "@ksm-sim/low/sub";\nimport lodash from "lodash";\nimport fs from "node:fs";\n',
      "packages/high/test/a.test.ts":
        'import lodash from "lodash";\nimport { it } from "vitest";\nimport "left-pad";\n',
    });
    expect(checkWorkspace(ws, rules)).toEqual([
      "@ksm-sim/high src/a.ts:1: imports @ksm-sim/low without declaring it in dependencies or peerDependencies",
      "@ksm-sim/high src/a.ts:2: imports lodash without declaring it in dependencies or peerDependencies",
      "@ksm-sim/high test/a.test.ts:3: imports left-pad without declaring it in its package.json",
    ]);
  });
  it("reports a package that has no place in the layering", () => {
    const ws = fakeWorkspace({ "packages/new/package.json": manifest("@ksm-sim/new") });
    expect(checkWorkspace(ws, rules)).toEqual([
      "@ksm-sim/new: not in tools/repo-checks/layers.json; give it a place in the layering",
    ]);
  });
  it("accepts an entry for a package not written yet, but not a name without an entry", () => {
    const ws = fakeWorkspace({ "packages/low/package.json": manifest("@ksm-sim/low") });
    const planned: Layers = { ...rules, "@ksm-sim/planned": { src: ["@ksm-sim/low"], test: ["@ksm-sim/hihg"] } };
    expect(checkWorkspace(ws, planned)).toEqual([
      "layers.json: @ksm-sim/planned lists @ksm-sim/hihg, which has no entry of its own",
    ]);
  });
  it("refuses an entry in the old shape with a message naming it", () => {
    const ws = fakeWorkspace({ "packages/low/package.json": manifest("@ksm-sim/low") });
    const old = { ...rules, "@ksm-sim/old": ["@ksm-sim/low"] } as unknown as Layers;
    expect(checkWorkspace(ws, old)).toEqual([
      'layers.json: @ksm-sim/old must be { "src": [...], "test"?: [...] }, got ["@ksm-sim/low"]',
    ]);
  });
});
