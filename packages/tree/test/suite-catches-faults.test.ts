/** The suite must fail a broken backend: run it against deliberately faulty ones and count failures. */
import { describe, expect, it } from "vitest";
import { type ItFn, treeConformanceSuite } from "../src/testing/index.js";
import { arrayBackend, type Faults } from "./array-backend.js";

async function failuresOf(faults: Faults): Promise<string[]> {
  const cases: { name: string; fn: () => void | Promise<void> }[] = [];
  const collect: ItFn = (name, fn) => cases.push({ name, fn });
  treeConformanceSuite(collect, arrayBackend(faults, "faulty"), { numRuns: 30 });
  const failed: string[] = [];
  for (const c of cases) {
    try {
      await c.fn();
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}

describe("the conformance suite catches", () => {
  it("a backend that passes is reported clean", async () => {
    expect(await failuresOf({})).toEqual([]);
  });
  it("an erase that loses track of a node", async () => {
    const failed = await failuresOf({ eraseKeepsNode: true });
    expect(failed).toContain("faulty: erases by identity without calling any comparator");
    expect(failed).toContain("faulty: random operations agree with a sorted-array model");
  });
  it("a clear that keeps nodes held", async () => {
    const failed = await failuresOf({ clearKeepsMembership: true });
    expect(failed).toContain("faulty: clear forgets everything at once and nodes can be linked again");
  });
  it("a link that ignores where the descent ended", async () => {
    const failed = await failuresOf({ linkAtEnd: true });
    expect(failed).toContain("faulty: keeps nodes in order and counts them");
  });
});
