/**
 * Part 1, density: six VMs booted from the same image on a two-node
 * machine, ksmd running on the simulated clock with merge_across_nodes 1 and
 * 0; memory saved over time, and what merging across nodes costs in remote
 * accesses (@ksm-sim/numa's cost model on the placement of the mapped pages).
 */
import { createTopology, type RemoteAccessReport, remoteAccessReport } from "@ksm-sim/numa";
import { type Chart, type Section, type SeriesLike, seriesSections } from "@ksm-sim/report";
import { placementAccesses, type ResultDocument, runScenario, type Sample, seriesToJson } from "@ksm-sim/scenario";
import { withKnobs } from "@ksm-sim/sweep";
import { mib, type Narrator, percent } from "./narrator.js";
import { demoScenario } from "./scenarios.js";

const MODES = [1, 0] as const;

interface ModeRun {
  readonly man: 0 | 1;
  readonly samples: Sample[];
  readonly result: ResultDocument;
  /** Mapped pages [cpu node][memory node] at the last snapshot. */
  readonly accesses: number[][];
  readonly remote: RemoteAccessReport;
}

const label = (man: number) => `merge_across_nodes=${man}`;

export function densityStory(n: Narrator, short: boolean): Section[] {
  const base = demoScenario("density", short);
  const everyMs = short ? 100 : 200;
  const totalMs = base.steps.reduce((t, s) => t + (s.op === "run_for" ? s.ms : 0), 0);
  const topo = base.topology ?? { nodes: 1 };
  const topology = createTopology({
    nodes: topo.nodes,
    pagesPerNode: 1,
    ...(topo.distances ? { distances: topo.distances } : {}),
  });

  n.heading("1. Density: VMs booted from the same image, on two NUMA nodes");
  n.say(base.description ?? base.name);
  n.say(
    `ksmd runs for ${totalMs / 1000} s of simulated time, twice: with ${label(1)} (the default: one KSM page ` +
      `per content for the whole machine) and with ${label(0)} (one stable tree per node: a KSM page per content ` +
      `on each node). A sample of every counter is taken every ${everyMs} ms.`,
  );

  const runs: ModeRun[] = MODES.map((man) => {
    n.line(`  running with ${label(man)} ...`);
    const samples: Sample[] = [];
    const bar = n.simulatedTimeBar();
    let result: ResultDocument;
    const scenario = withKnobs(base, { merge_across_nodes: man });
    try {
      result = runScenario(scenario, {
        sampleEveryMs: everyMs,
        onSample: (s) => samples.push(s),
        onProgress: bar.update,
      });
    } finally {
      bar.done();
    }
    const last = result.placement?.at(-1);
    if (last === undefined) throw new Error(`${base.name}: the scenario must end with a snapshot on two or more nodes`);
    const accesses = placementAccesses(scenario, last, topo.nodes);
    return { man, samples, result, accesses, remote: remoteAccessReport(topology, accesses) };
  });

  tellOverTime(n, runs, totalMs);
  tellRemote(n, runs);
  return densitySections(runs, everyMs);
}

function tellOverTime(n: Narrator, runs: readonly ModeRun[], totalMs: number): void {
  n.subheading("Memory saved over simulated time");
  const stepMs = totalMs / 10;
  n.line(`  pages_sharing and memory saved (general_profit), with ${label(1)} and with ${label(0)}:`);
  n.line();
  const rows: (string | number)[][] = [
    ["t (s)", ...runs.flatMap((r) => [`=${r.man}: pages_sharing`, `=${r.man}: MiB saved`])],
  ];
  const [a, b] = runs as [ModeRun, ModeRun];
  for (let i = 0; i < a.samples.length; i++) {
    const sa = a.samples[i]!;
    const sb = b.samples[i];
    if (sb === undefined || sa.t_ms % stepMs !== 0) continue;
    rows.push([
      (sa.t_ms / 1000).toFixed(1),
      sa.ksm.pages_sharing,
      mib(sa.ksm.general_profit),
      sb.ksm.pages_sharing,
      mib(sb.ksm.general_profit),
    ]);
  }
  n.table(rows);
  for (const r of runs) {
    const k = r.samples.at(-1)!.ksm;
    n.say(
      `${label(r.man)}: after ${k.full_scans} full scans, ${k.pages_shared} KSM pages stand in for ` +
        `${k.pages_shared + k.pages_sharing} pages of the VMs (pages_shared + pages_sharing), and ` +
        `general_profit is ${mib(k.general_profit)} MiB` +
        (k.stable_node_chains > 0
          ? `; the zeroed pages have more mappings than max_page_sharing allows one KSM page, so they sit ` +
            `in ${k.stable_node_chains} stable node chain${k.stable_node_chains > 1 ? "s" : ""} of ` +
            `${k.stable_node_dups} dups.`
          : "."),
      2,
    );
  }
  const [p1, p0] = runs.map((r) => r.samples.at(-1)!.ksm.general_profit) as [number, number];
  if (runs.some((r) => r.samples.some((s) => s.ksm.general_profit < 0)))
    n.say(
      "general_profit starts below zero: each page KSM scans costs an rmap_item before anything is " +
        "merged, and merging only starts in the second full scan, once a page's checksum has stayed the same.",
    );
  n.say(
    `With ${label(0)} each node keeps its own copy of every shared content, so the machine saves ` +
      `${mib(p1 - p0)} MiB less than with ${label(1)}.`,
  );
}

function tellRemote(n: Narrator, runs: readonly ModeRun[]): void {
  n.subheading("The price of merging across nodes: remote accesses");
  n.say(
    "A VM runs on the node its memory is bound to. Counting one access per mapped page, with the SLIT " +
      "distances (10 local, 20 remote) as the cost model (local access 100 ns, remote 200 ns):",
  );
  const rows: (string | number)[][] = [["", "VMs on node 0 read node 0 / 1", "VMs on node 1 read node 0 / 1"]];
  for (const r of runs) {
    const [m0, m1] = r.accesses as [number[], number[]];
    rows.push([label(r.man), `${m0[0]} / ${m0[1]}`, `${m1[0]} / ${m1[1]}`]);
  }
  n.table(rows);
  for (const r of runs) {
    n.say(
      `${label(r.man)}: ${percent(r.remote.remoteFraction)} of the mapped pages are on the other node; ` +
        `mean access ${r.remote.meanLatencyNs.toFixed(0)} ns, ` +
        `${r.remote.costRelativeToAllLocal.toFixed(2)}x the cost of all-local accesses.`,
      2,
    );
  }
  n.say(
    `With ${label(1)} the VMs on one node map the KSM pages that happen to live on the other: memory is ` +
      `saved at the price of remote reads. ${label(0)} keeps every mapping local and gives up the difference above.`,
  );
}

function densitySections(runs: readonly ModeRun[], everyMs: number): Section[] {
  const over = (r: ModeRun, get: (s: Sample) => number) => r.samples.map((s) => [s.t_ms / 1000, get(s)] as const);
  const line = (id: string, title: string, yLabel: string, series: Chart["series"]): Chart => ({
    id,
    title,
    kind: "line",
    xLabel: "simulated time (s)",
    yLabel,
    series,
  });
  const modes = runs.map((r) => String(r.man));
  const bar = (id: string, title: string, yLabel: string, get: (r: ModeRun) => number): Chart => ({
    id,
    title,
    kind: "bar",
    xLabel: "merge_across_nodes",
    yLabel,
    categories: modes,
    series: [{ name: yLabel, points: runs.map((r, i) => [i, get(r)] as const) }],
  });
  const summary: Section = {
    title: "Density: six VMs from one image on two NUMA nodes",
    text:
      "Memory saved (general_profit) and pages_sharing over simulated time with merge_across_nodes 1 and 0, " +
      "and the remote accesses merging across nodes brings (one access per mapped page, SLIT 10/20).",
    charts: [
      line(
        "density-profit",
        "memory saved (general_profit)",
        "MiB",
        runs.map((r) => ({ name: label(r.man), points: over(r, (s) => s.ksm.general_profit / 2 ** 20) })),
      ),
      line(
        "density-sharing",
        "pages_sharing and pages_shared",
        "pages",
        runs.flatMap((r) => [
          { name: `${label(r.man)} pages_sharing`, points: over(r, (s) => s.ksm.pages_sharing) },
          { name: `${label(r.man)} pages_shared`, points: over(r, (s) => s.ksm.pages_shared) },
        ]),
      ),
      bar("density-remote", "mapped pages on the other node", "% remote", (r) => r.remote.remoteFraction * 100),
      bar("density-cost", "access cost relative to all-local", "cost ratio", (r) => r.remote.costRelativeToAllLocal),
    ],
    table: [
      ["mode", "pages_shared", "pages_sharing", "general_profit MiB", "remote %", "cost ratio"],
      ...runs.map((r) => {
        const k = r.samples.at(-1)!.ksm;
        return [
          label(r.man),
          k.pages_shared,
          k.pages_sharing,
          mib(k.general_profit),
          (r.remote.remoteFraction * 100).toFixed(1),
          r.remote.costRelativeToAllLocal.toFixed(2),
        ];
      }),
    ],
  };
  return [
    summary,
    ...runs.flatMap((r) =>
      // the series document exactly as `ksm-sim run --series out.json` writes it
      seriesSections(
        JSON.parse(seriesToJson(r.samples, everyMs)) as SeriesLike,
        `density, ${label(r.man)}`,
        `man${r.man}`,
      ),
    ),
  ];
}
