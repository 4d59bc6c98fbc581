import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkCycles } from "../src/check-cycles.js";
import { findCycles } from "../src/cycles.js";
import { valueImportsOf } from "../src/value-imports.js";
import { fakeWorkspace, manifest } from "./fake-workspace.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

describe("the workspace's import graph", () => {
  it("has no value-import cycle between files of one package", () => {
    expect(checkCycles(root)).toEqual([]);
  });
});

/** One package `@ksm-sim/p` made of `files` (paths relative to the package). */
function cyclesOf(files: Record<string, string>): string[] {
  const ws = fakeWorkspace({
    "packages/p/package.json": manifest("@ksm-sim/p"),
    ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`packages/p/${path}`, text])),
  });
  return checkCycles(ws);
}

describe("the cycle check itself", () => {
  it("reports a value cycle of two files", () => {
    expect(
      cyclesOf({
        "src/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
        "src/b.ts": 'import { a } from "./a.js";\nexport const b = () => a;\n',
      }),
    ).toEqual(["@ksm-sim/p: value-import cycle src/a.ts → src/b.ts → src/a.ts"]);
  });
  it("reports a cycle of three files through a side-effect import, a re-export and a folder index", () => {
    expect(
      cyclesOf({
        "src/a.ts": 'import "./b.js";\nexport const a = 1;\n',
        "src/b.ts": 'export { c } from "./util/index.js";\n',
        "src/util/index.ts": "import {\n  // the engine's\n  a,\n} from '../a.js';\nexport const c = a;\n",
        "src/d.ts": 'import { a } from "./a.js";\n',
      }),
    ).toEqual(["@ksm-sim/p: value-import cycle src/a.ts → src/b.ts → src/util/index.ts → src/a.ts"]);
  });
  it("counts `export * from` edges", () => {
    expect(
      cyclesOf({
        "src/index.ts": 'export * from "./x.js";\nexport const VERSION = 1;\n',
        "src/x.ts": 'import { VERSION } from "./index.js";\nexport const x = VERSION;\n',
      }),
    ).toEqual(["@ksm-sim/p: value-import cycle src/index.ts → src/x.ts → src/index.ts"]);
  });
  it("ignores a cycle closed only by type-only imports and exports", () => {
    expect(
      cyclesOf({
        "src/a.ts": 'import type { B } from "./b.js";\nexport interface A { b: B }\nexport const a = 1;\n',
        "src/b.ts": 'import { a } from "./a.js";\nexport interface B { a: typeof a }\n',
        "src/c.ts": 'export type { B } from "./b.js";\nexport type * from "./d.js";\nimport { a } from "./a.js";\n',
        "src/d.ts": 'import type { C } from "./c.js";\nexport type D = C;\n',
      }),
    ).toEqual([]);
  });
  it("counts `import { type X }`, which verbatimModuleSyntax emits as `import {}`", () => {
    expect(
      cyclesOf({
        "src/a.ts": 'import { type B } from "./b.js";\nexport const a = 1;\n',
        "src/b.ts": 'import { a } from "./a.js";\nexport type B = typeof a;\n',
      }),
    ).toEqual(["@ksm-sim/p: value-import cycle src/a.ts → src/b.ts → src/a.ts"]);
  });
  it("ignores dynamic imports and imports of other packages, and looks into test folders too", () => {
    expect(
      cyclesOf({
        "src/a.ts": 'export const load = () => import("./b.js");\nimport "@ksm-sim/q/a.js";\n',
        "src/b.ts": 'import { load } from "./a.js";\nexport const b = load;\n',
        "test/helper.ts": 'import { t } from "./t.test.js";\nexport const h = t;\n',
        "test/t.test.ts": 'import { h } from "./helper.js";\nexport const t = 1;\n',
      }),
    ).toEqual(["@ksm-sim/p: value-import cycle test/helper.ts → test/t.test.ts → test/helper.ts"]);
  });
});

describe("findCycles", () => {
  it("reports every cycle of a graph whose cycles share no file, and a self-import", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", ["e"]],
      ["e", ["d"]],
      ["f", ["f"]],
      ["g", ["a"]],
    ]);
    expect(findCycles(graph)).toEqual([
      ["a", "b", "c", "a"],
      ["d", "e", "d"],
      ["f", "f"],
    ]);
  });
  it("finds nothing in a graph without cycles, however many paths join", () => {
    const graph = new Map([
      ["a", ["b", "c"]],
      ["b", ["d"]],
      ["c", ["d"]],
      ["d", []],
    ]);
    expect(findCycles(graph)).toEqual([]);
  });
});

describe("valueImportsOf", () => {
  it("reads statements, not text: multi-line imports, comments and strings", () => {
    const text = [
      "// import { no } from './comment.js';",
      "/* export * from './block.js'; */",
      "const s = \"import x from './string.js'\";",
      "import {",
      "  one, // a comment",
      "  type Two,",
      "} from './one.js';",
      "import type { Three } from './three.js';",
      "export * as four from './four.js';",
      "import * as ns from 'node:fs';",
    ].join("\n");
    expect(valueImportsOf("x.ts", text)).toEqual(["./one.js", "./four.js"]);
  });
});
