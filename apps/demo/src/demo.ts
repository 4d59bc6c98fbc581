/** The walk-through: density, the 2013 races, the tree backends; then report.html. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { renderReport } from "@ksm-sim/report";
import { backendsStory } from "./backends.js";
import { densityStory } from "./density.js";
import { Narrator } from "./narrator.js";
import type { DemoOptions } from "./options.js";
import { racesStory } from "./races.js";

export interface DemoIo {
  /** The narration (stdout). */
  readonly out: (text: string) => void;
  /** Progress bars (stderr when it is a terminal), or null for none. */
  readonly bar: ((text: string) => void) | null;
}

/** Runs the demo and returns the absolute path of the report it wrote. */
export function runDemo(options: DemoOptions, io: DemoIo): string {
  const t0 = performance.now();
  const n = new Narrator(io.out, io.bar);
  n.line(`ksm-sim demo${options.short ? " (short mode)" : ""}: KSM as Linux 6.18 runs it, simulated.`);
  const sections = [...densityStory(n, options.short), ...racesStory(n), ...backendsStory(n, options.short)];
  const html = renderReport({
    title: "ksm-sim demo",
    subtitle: `density on two NUMA nodes, the 2013 races, the tree backends${options.short ? " (short mode)" : ""}`,
    sections,
  });
  mkdirSync(options.outDir, { recursive: true });
  const path = join(options.outDir, "report.html");
  writeFileSync(path, html);
  n.line(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s (wall clock).`);
  n.line(`report written to ${path}`);
  return path;
}
