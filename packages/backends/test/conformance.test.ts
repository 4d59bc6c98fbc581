/** The conformance suite of @ksm-sim/tree on a backend of someone else's, loaded by path through loadBackend. */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { treeConformanceSuite } from "@ksm-sim/tree/testing";
import { describe, expect, it } from "vitest";
import { loadBackend } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const backend = await loadBackend("./fixtures/sorted-array-backend.mjs", { baseDir: here });

describe("a backend loaded by path", () => {
  it("is the module's default export", () => {
    expect(backend.name).toBe("sorted-array");
    expect(backend.create<number>().backend).toBe("sorted-array");
  });
  treeConformanceSuite(it, backend, { numRuns: 100 });
});
