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

it("an offline node gives errnos, not crashes: offline again, migrate to it, mmap bound to it, faults in a VMA bound to it", () => {
  const v = validateScenario({
    version: 1,
    name: "offline-errnos",
    topology: { nodes: 2 },
    steps: [
      { op: "spawn", proc: "A" },
      { op: "mmap", proc: "A", vma: "h", pages: 4, node: 1 },
      { op: "write", proc: "A", vma: "h", start: 0, count: 2, content: 5 },
      { op: "offline", node: 1 },
      { op: "offline", node: 1 }, // state_store: already offline → EINVAL
      { op: "migrate", proc: "A", vma: "h", node: 1 }, // move_pages: node without memory → ENODEV
      { op: "write", proc: "A", vma: "h", start: 2, count: 2, content: 6 }, // MPOL_BIND to it: no frame
      { op: "mmap", proc: "A", vma: "g", pages: 2, node: 1 }, // mbind fails; the recorder unmaps
      { op: "write", proc: "A", vma: "g", content: 3 },
      { op: "madvise", proc: "A", vma: "g", advice: "mergeable" },
      { op: "munmap", proc: "A", vma: "g" },
      { op: "write", proc: "A", vma: "h", start: 0, count: 1, content: 7 }, // a present page: no fault
      { op: "snapshot", label: "end" },
    ],
  });
  if (!v.ok) throw new Error(v.errors[0]?.message);
  const doc = runScenario(v.scenario);
  expect(doc.steps.map((s) => s.result)).toEqual([
    "ok",
    "ok",
    "ok",
    "ok",
    "EINVAL",
    "ENODEV",
    "ENOMEM",
    "EINVAL",
    "EINVAL",
    "EINVAL",
    "ENOENT",
    "ok",
    "ok",
  ]);
  // the two written pages moved to node 0 when node 1 went offline; the failed write faulted none in
  expect(doc.placement!.at(-1)!.procs.A).toEqual({ h: { node0: 2, node1: 0, other: 2 } });
});
