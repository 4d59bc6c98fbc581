/**
 * Every ```ts block in a package README is runnable: it is written to a
 * scratch folder inside apps/bench (which depends on the packages, so bare
 * imports resolve) and imported. A block that throws fails the test.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { listPackages } from "../src/workspace.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const scratch = join(root, "apps/bench/.readme-examples");

function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

const examples = listPackages(root).flatMap((pkg) => {
  let text = "";
  try {
    text = readFileSync(join(pkg.dir, "README.md"), "utf8");
  } catch {
    return [];
  }
  return tsBlocks(text)
    .filter((code) => !code.includes('from "vitest"'))
    .map((code, i) => ({ name: `${pkg.manifest.name} README block ${i}`, code }));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("README examples run", () => {
  it("the packages have examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });
  for (const [i, ex] of examples.entries()) {
    it(ex.name, async () => {
      mkdirSync(scratch, { recursive: true });
      const file = join(scratch, `example-${i}.ts`);
      writeFileSync(file, `${ex.code}\nexport {};\n`);
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        await import(pathToFileURL(file).href);
      } finally {
        log.mockRestore();
      }
    });
  }
});
