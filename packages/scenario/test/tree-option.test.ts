/** runScenario's `tree`: a TreeBackend or a built-in backend's name; anything else refused in words. */
import { BUILTIN_BACKEND_NAMES } from "@ksm-sim/backends";
import { bintreesBackend } from "@ksm-sim/tree-bintrees";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";
import { runScenario, type Scenario } from "../src/index.js";

const scenario: Scenario = {
  version: 1,
  name: "tree-option",
  steps: [
    { op: "spawn", proc: "A" },
    { op: "mmap", proc: "A", vma: "h", pages: 32 },
    { op: "write", proc: "A", vma: "h", content: { from: 1, period: 4 } },
    { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
    { op: "scan", full_scans: 2 },
    { op: "snapshot", label: "merged" },
  ],
};

describe("runScenario's tree option", () => {
  it("takes a built-in backend's name for the backend itself", () => {
    const named = runScenario(scenario, { tree: "bintrees" });
    expect(named).toEqual(runScenario(scenario, { tree: bintreesBackend }));
    expect(named.snapshots[0]!.ksm.pages_sharing).toBeGreaterThan(0);
    expect(runScenario(scenario, { tree: "rbtree" })).toEqual(runScenario(scenario));
  });

  it("refuses a name that is not a built-in, pointing at loadBackend for modules", () => {
    expect(() => runScenario(scenario, { tree: "./mine.mjs" })).toThrow(
      new TypeError(
        `tree: must be a TreeBackend or a built-in backend's name (${BUILTIN_BACKEND_NAMES.join(", ")}), got "./mine.mjs"; load a module's backend first with loadBackend of @ksm-sim/backends`,
      ),
    );
  });

  it("refuses an object that is not a backend, saying what it lacks", () => {
    const { create: _, ...noCreate } = rbtreeBackend;
    expect(() => runScenario(scenario, { tree: noCreate as typeof rbtreeBackend })).toThrow(
      new TypeError("tree: the backend has no create() function"),
    );
  });
});
