/**
 * Part 3: the same scenario on every built-in tree backend. The result
 * documents are compared (every step result, counter and ksm_stat); speed
 * is pages scanned per wall-clock second around runScenario, and
 * comparisons are the engine's memcmp_pages calls (Ksm.nrCompares) per page.
 */
import { performance } from "node:perf_hooks";
import { BUILTIN_BACKENDS } from "@ksm-sim/backends";
import { type BackendRow, backendSection, type Section } from "@ksm-sim/report";
import { compareResults, type KsmCounter, type ResultDocument, runScenario, type Scenario } from "@ksm-sim/scenario";
import type { TreeBackend } from "@ksm-sim/tree";
import type { Narrator } from "./narrator.js";
import { demoScenario } from "./scenarios.js";

interface BackendRun {
  readonly name: string;
  readonly result: ResultDocument;
  readonly wallMs: number;
  readonly compares: number;
  readonly pagesScanned: number;
}

function timed(name: string, tree: TreeBackend, scenario: Scenario): BackendRun {
  let compares = 0;
  const t0 = performance.now();
  const result = runScenario(scenario, { tree, afterStep: (_machine, ksm) => void (compares = ksm.nrCompares) });
  const wallMs = performance.now() - t0;
  const pagesScanned = result.snapshots.at(-1)?.ksm.pages_scanned ?? 0;
  return { name, result, wallMs, compares, pagesScanned };
}

const WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const countWord = (n: number) => WORDS[n] ?? String(n);

export function backendsStory(n: Narrator, short: boolean): Section[] {
  const scenario = demoScenario("backends", short);
  const backends = BUILTIN_BACKENDS.map((b) => [b.name, b] as const);
  n.heading(`3. One scenario, ${countWord(backends.length)} tree backends`);
  n.say(scenario.description ?? scenario.name);
  n.say(
    `It runs on ${backends.map(([name]) => name).join(", ")}: the built-in backends of @ksm-sim/backends, ` +
      "the port of the kernel's lib/rbtree.c first, all behind the same TreeBackend interface.",
  );
  const bar = n.countBar("backends");
  const runs: BackendRun[] = [];
  try {
    bar.update(0, backends.length);
    // warm the JIT up on the small scenario first, so the first backend timed is not the slowest for it
    if (!short) for (const [name, tree] of backends) timed(name, tree, demoScenario("backends", true));
    for (const [name, tree] of backends) {
      runs.push(timed(name, tree, scenario));
      bar.update(runs.length, backends.length);
    }
  } finally {
    bar.done();
  }

  const ref = runs[0]!;
  const final = (r: BackendRun) => r.result.snapshots.at(-1)!.ksm;
  n.table([
    ["backend", "wall ms", "pages/s", "comparisons/page", "pages_shared", "pages_sharing", "full_scans"],
    ...runs.map((r) => [
      r.name,
      Math.round(r.wallMs),
      Math.round(r.pagesScanned / (r.wallMs / 1000)),
      (r.compares / r.pagesScanned).toFixed(2),
      final(r).pages_shared,
      final(r).pages_sharing,
      final(r).full_scans,
    ]),
  ]);
  let identical = true;
  for (const r of runs.slice(1)) {
    const diffs = compareResults(ref.result, r.result);
    if (diffs.length > 0) identical = false;
    n.line(
      diffs.length === 0
        ? `  ${r.name} = ${ref.name}: identical counters (${r.result.steps.length} step results, ` +
            `${r.result.snapshots.length} snapshots of every counter and ksm_stat)`
        : `  ${r.name} differs from ${ref.name}: ${diffs
            .slice(0, 3)
            .map((d) => d.message)
            .join("; ")}`,
    );
  }
  n.line();
  const perPage = runs.map((r) => r.compares / r.pagesScanned);
  const speeds = runs.map((r) => r.pagesScanned / (r.wallMs / 1000));
  const range = (xs: number[], fmt: (x: number) => string) => `${fmt(Math.min(...xs))} to ${fmt(Math.max(...xs))}`;
  n.say(
    "Every backend keeps the same order, so KSM finds the same matches and the counters agree. The trees " +
      "are balanced differently, so a descent meets other nodes on its way: page " +
      `comparisons (memcmp_pages calls) run from ${range(perPage, (x) => x.toFixed(2))} per scanned page, ` +
      `and the speed from ${range(speeds, (x) => `${Math.round(x / 1000)}k`)} pages per second ` +
      "(wall clock, on this machine). Passing other nodes matters when one of them is stale: a descent " +
      "cleans up what it passes, so then a counter such as stable_node_chains can differ for a while " +
      "(examples/tree-shape-stale-chain.json; the kernel's own rbtree shape gives the kernel's numbers).",
  );
  const rows: BackendRow[] = runs.map((r) => ({
    backend: r.name,
    mode: "tokens",
    pagesPerSec: r.pagesScanned / (r.wallMs / 1000),
    comparesPerPage: r.compares / r.pagesScanned,
  }));
  const counters: KsmCounter[] = [
    "pages_shared",
    "pages_sharing",
    "pages_unshared",
    "pages_volatile",
    "pages_scanned",
    "full_scans",
  ];
  return [
    backendSection(rows, `Tree backends: ${scenario.name}`),
    {
      title: "Tree backends: counters at each snapshot",
      text: identical
        ? "The same result document on every backend (compareResults finds no difference)."
        : "The result documents differ between backends (see the terminal output).",
      charts: [],
      table: [
        ["backend", "snapshot", ...counters],
        ...runs.flatMap((r) => r.result.snapshots.map((s) => [r.name, s.label, ...counters.map((c) => s.ksm[c])])),
      ],
    },
  ];
}
