/** The one-line warning of `ksm-sim run` when a scenario's memory does not fit its machine. */
import { pagesPerNode, type ResultDocument, type Scenario } from "@ksm-sim/scenario";

/** `4 GiB`, `1.5 GiB`, `512 MiB`, `64 KiB`: the size of `pages` pages of 4 KiB. */
export function sizeOf(pages: number): string {
  const units: [string, number][] = [
    ["GiB", 2 ** 18],
    ["MiB", 2 ** 8],
  ];
  for (const [unit, perUnit] of units) {
    const n = pages / perUnit;
    if (n >= 1) return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
  }
  return `${pages * 4} KiB`;
}

/** The machine of a scenario in words: `2 nodes of 1048576 pages (8 GiB in all)`. */
export function machineSize(scenario: Scenario): string {
  const pages = pagesPerNode(scenario.topology);
  const total = pages.reduce((a, b) => a + b, 0);
  const n = pages.length;
  const each = pages.every((p) => p === pages[0]) ? `of ${pages[0]} pages` : `of ${pages.join(" + ")} pages`;
  return `${n} node${n === 1 ? "" : "s"} ${each} (${sizeOf(total)}${n === 1 ? "" : " in all"})`;
}

/**
 * The warning for the first step whose result is ENOMEM (no free frame where
 * its pages had to go), or null when no step got it.
 */
export function enomemWarning(scenario: Scenario, doc: ResultDocument): string | null {
  const first = doc.steps.find((s) => s.result === "ENOMEM");
  if (first === undefined) return null;
  const where = typeof first.step === "number" ? `steps[${first.step}]` : `step ${first.step}`;
  return `ksm-sim: warning: ${where} (${first.op}) got ENOMEM: the scenario's memory does not fit its simulated machine, ${machineSize(scenario)}; topology.pages_per_node sets the size of each node\n`;
}
