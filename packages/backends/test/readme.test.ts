/**
 * The README's ```ts example runs against the sources and prints what its
 * comments say (the repository's README check runs it again from apps/bench).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, expect, it, vi } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, "../README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const scratch = join(here, "../.readme-examples");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("has an example", () => {
  expect(blocks).toHaveLength(1);
});

for (const [i, code] of blocks.entries()) {
  it(`block ${i} runs and prints what its comments say`, async () => {
    mkdirSync(scratch, { recursive: true });
    const file = join(scratch, `example-${i}.ts`);
    // from inside the package, its own name is its sources
    writeFileSync(file, `${code.replace(/from "@ksm-sim\/backends"/, 'from "../src/index.js"')}\nexport {};\n`);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import(pathToFileURL(file).href);
      const printed = log.mock.calls.map((c) => c.join(" ")).join("\n");
      const promised = [...code.matchAll(/\/\/ (.*)$/gm)].map((m) => m[1]!).filter((l) => !/^[A-Z]/.test(l));
      expect(promised.length).toBeGreaterThanOrEqual(4);
      for (const line of promised) expect(printed).toContain(line);
    } finally {
      log.mockRestore();
    }
  });
}
