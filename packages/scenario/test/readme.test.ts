/**
 * The README's ```ts blocks run against the sources (the repository's own
 * README check runs them against the built package from apps/bench).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import * as api from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, "../README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe("README examples", () => {
  it("has examples that import only from @ksm-sim/scenario", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const b of blocks) {
      for (const m of b.matchAll(/from "([^"]+)"/g)) expect(m[1]).toBe("@ksm-sim/scenario");
    }
  });

  for (const [i, code] of blocks.entries()) {
    it(`block ${i} runs and prints what its comments say`, () => {
      // Strip the import line and type-only syntax, then run the block with the package's exports in scope.
      const body = code.replace(/^import .*$/m, "").replace(/: ResultDocument\b/g, "");
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        new Function(...Object.keys(api), body)(...Object.values(api));
        const printed = log.mock.calls.map((c) => c.join(" ")).join("\n");
        const promised = [...code.matchAll(/^\/\/ (.*)$/gm)].map((m) => m[1]!);
        for (const line of promised) {
          const text = line.startsWith("[ ") ? line.slice(3, -3) : line;
          expect(printed).toContain(text.replace(/^"|"$/g, ""));
        }
      } finally {
        log.mockRestore();
      }
    });
  }
});
