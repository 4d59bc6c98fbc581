/**
 * Conformance against real kernels, in process: every recorded fixture pair
 * (scenario + kernel result) is run with `runScenario` and compared with
 * `compareResults`, as fixture-check.py judges them.
 *
 * Fixture sets:
 * - `fixtures/{scenarios,kernel-6.18}` of this repository (kernel selftest / LTP
 *   ports, own probes and fuzz findings, recorded on Linux 6.18), and
 *   `fixtures/{numa-scenarios,numa-kernel-6.12}` when present;
 * - `../shared/fixtures/{scenarios,kernel-6.18}` and
 *   `../shared/fixtures/{numa-scenarios,numa-kernel-6.12}` next to the
 *   repository, each skipped with a message when absent.
 *
 * Every fixture × content mode × tree backend (every built-in of
 * @ksm-sim/backends) is one test. The default rbtree backend (the kernel's
 * tree shapes) is compared with the trace; the others without it (their
 * shapes differ, so which stale node a descent meets may too; counters must
 * still agree).
 *
 * Fixtures known to differ today are listed in KNOWN_DIFFERENCES with the
 * exact first difference expected: the test asserts that message, so it fails
 * both when the simulator is fixed (remove the entry) and when it starts to
 * differ in another way.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILTIN_BACKENDS, DEFAULT_BACKEND } from "@ksm-sim/backends";
import { describe, expect, it } from "vitest";
import {
  compareResults,
  loadResultDocument,
  type ResultDocument,
  type RunOptions,
  runScenario,
  validateScenario,
} from "../src/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const shared = resolve(repoRoot, "../shared/fixtures");

interface FixtureSet {
  /** Prefix of the test names and of the KNOWN_DIFFERENCES keys. */
  id: string;
  scenarios: string;
  results: string;
}

const SETS: readonly FixtureSet[] = [
  { id: "project", scenarios: join(repoRoot, "fixtures/scenarios"), results: join(repoRoot, "fixtures/kernel-6.18") },
  {
    id: "project-numa",
    scenarios: join(repoRoot, "fixtures/numa-scenarios"),
    results: join(repoRoot, "fixtures/numa-kernel-6.12"),
  },
  { id: "shared", scenarios: join(shared, "scenarios"), results: join(shared, "kernel-6.18") },
  { id: "shared-numa", scenarios: join(shared, "numa-scenarios"), results: join(shared, "numa-kernel-6.12") },
];

type Mode = NonNullable<RunOptions["content"]>;
const MODES: readonly Mode[] = ["tokens", "bytes"];

interface Backend {
  name: string;
  tree: RunOptions["tree"];
  trace: boolean;
}
const BACKENDS: readonly Backend[] = BUILTIN_BACKENDS.map((b) =>
  b === DEFAULT_BACKEND ? { name: b.name, tree: undefined, trace: true } : { name: b.name, tree: b, trace: false },
);

/**
 * `set/fixture` (any mode and backend) or `set/fixture mode backend` → the
 * first difference message expected today. The more specific key wins.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  // Not bugs: tree shape decides whether a descent passes an empty chain and frees it (docs:
  // packages/ksm/README.md, "Tree backends and what may differ"; test/tree-shape.test.ts). The kernel
  // keeps the chain, as the rbtree backend does (and avl, whose shape happens to stop at the root too).
  ...Object.fromEntries(
    (["tokens", "bytes"] as const).flatMap((mode) =>
      ["bintrees", "functional-red-black-tree"].map((backend) => [
        `project/own-tree-shape-stale-chain ${mode} ${backend}`,
        "snapshot 'end': stable_node_chains kernel 1, simulator 0",
      ]),
    ),
  ),
  // Bugs: none today. History (each fixed since, so its entry was removed):
  // - shared/madvise-toggle-munmap: "snapshot 'a1': pages_shared kernel 2, simulator 1"
  //   (madvise on part of a VMA must split it; fixed by 87b793a).
  // - project/own-ksm-page-in-unmerged-child: step 11 (run=2) "OOPS: run=2 completed but KSM page ...
  //   mapped ... of process "C1"" (the leak check also looked at unregistered mms and VMAs without
  //   VM_MERGEABLE, which the unmerge pass never visits; fixed by 077164a).
  // - project/own-unmapped-ksm-page-run2: trace "kernel ksm_remove_rmap_item, simulator
  //   ksm_remove_ksm_page" at run=2 (zapped frames lingered in a deferred-free batch until the next
  //   scan; 6.18 frees them before munmap/madvise return; fixed by a2d710f).
  // An entry looks like
  //   "shared/madvise-toggle-munmap": "snapshot 'a1': pages_shared kernel 2, simulator 1",
  // optionally keyed "set/name mode backend" for one combination only.
};

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function knownDifference(set: string, name: string, mode: Mode, backend: string): string | null {
  return KNOWN_DIFFERENCES[`${set}/${name} ${mode} ${backend}`] ?? KNOWN_DIFFERENCES[`${set}/${name}`] ?? null;
}

for (const set of SETS) {
  const present = existsSync(set.scenarios) && existsSync(set.results);
  const names = present
    ? readdirSync(set.scenarios)
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.slice(0, -5))
        .sort()
    : [];

  describe.skipIf(!present)(
    present
      ? `conformance: ${set.id} fixtures (${set.scenarios})`
      : `conformance: ${set.id} fixtures SKIPPED: ${set.scenarios} or ${set.results} does not exist`,
    () => {
      it("has fixtures, each with a recorded result", () => {
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) expect(existsSync(join(set.results, `${name}.json`)), name).toBe(true);
      });

      for (const name of names) {
        for (const mode of MODES) {
          for (const backend of BACKENDS) {
            const known = knownDifference(set.id, name, mode, backend.name);
            const title = `${set.id}/${name} ${mode} ${backend.name}${backend.trace ? " +trace" : ""}${
              known ? " (known difference)" : ""
            }`;
            it(title, () => {
              const checked = validateScenario(readJson(join(set.scenarios, `${name}.json`)));
              if (!checked.ok) throw new Error(`invalid scenario: ${checked.errors.map((e) => e.message).join("; ")}`);
              const loaded = loadResultDocument(readJson(join(set.results, `${name}.json`)));
              if (!loaded.ok) throw new Error(`bad result document: ${loaded.errors[0]?.message}`);
              const expected: ResultDocument = loaded.result;
              const actual = runScenario(checked.scenario, {
                content: mode,
                trace: backend.trace,
                ...(backend.tree ? { tree: backend.tree } : {}),
              });
              const diffs = compareResults(expected, actual, { trace: backend.trace, limit: 5 });
              const first = diffs[0]?.message ?? null;
              if (known === null) {
                expect(diffs.map((d) => d.message)).toEqual([]);
              } else {
                expect(first, "the known first difference (update KNOWN_DIFFERENCES if fixed or changed)").toBe(known);
              }
            });
          }
        }
      }
    },
  );
}
