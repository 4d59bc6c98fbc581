import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runScenario, validateScenario } from "../src/index.js";

const file = join(dirname(fileURLToPath(import.meta.url)), "../../../examples/offline-node-man0.json");

it("offline of a node migrates KSM pages off it; their misplaced nodes end up as dups in the right tree", () => {
  const v = validateScenario(JSON.parse(readFileSync(file, "utf8")));
  if (!v.ok) throw new Error(v.errors[0]?.message);
  const doc = runScenario(v.scenario);
  expect(doc.steps.every((s) => s.result === "ok")).toBe(true);
  const [merged, offlined, rescanned] = doc.snapshots;
  expect(merged!.ksm).toMatchObject({ pages_shared: 2, pages_sharing: 14, stable_node_chains: 0 });
  expect(doc.placement![1]!.procs.P).toEqual({
    a: { node0: 8, node1: 0, other: 0 },
    b: { node0: 8, node1: 0, other: 0 },
  });
  expect(offlined!.ksm).toEqual(merged!.ksm);
  expect(rescanned!.ksm).toMatchObject({
    pages_shared: 2,
    pages_sharing: 14,
    stable_node_chains: 1,
    stable_node_dups: 2,
  });
});
