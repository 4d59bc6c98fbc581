/**
 * Part 2, the seed story: the three causes of "ksm: remove old stable nodes
 * more thoroughly" (2013), each replayed from examples/2013-races with its
 * fix off (the oops of Linux 3.8, explained) and with every fix on (clean).
 */
import type { Section } from "@ksm-sim/report";
import { FIX_NAMES, type ResultDocument, runScenario, type StepResult } from "@ksm-sim/scenario";
import type { Narrator } from "./narrator.js";
import { races } from "./scenarios.js";

const ALL_ON = Object.fromEntries(FIX_NAMES.map((f) => [f, true]));

/** The step that oopsed, if any. */
const oopsOf = (doc: ResultDocument): StepResult | undefined => doc.steps.find((s) => s.result.startsWith("OOPS:"));

/** A run without an oops, in a few words: every step ok, or the steps that returned an errno. */
function cleanRun(doc: ResultDocument): string {
  const failed = doc.steps.filter((s) => s.result !== "ok");
  if (failed.length === 0) return `clean: all ${doc.steps.length} steps ok`;
  return `clean, no oops (${failed.map((s) => `step ${s.step} ${s.op}: ${s.result}`).join(", ")})`;
}

export function racesStory(n: Narrator): Section[] {
  const { intro, races: list } = races();
  n.heading("2. The seed story: switching merge_across_nodes, 2013");
  n.say(intro);
  const table: (string | number)[][] = [["race", "fix turned off", "with that fix off", "with every fix on"]];
  for (const race of list) {
    n.subheading(race.title);
    n.say(race.explanation);
    const broken = runScenario(race.scenario, { fixes: { ...ALL_ON, [race.fix]: false } });
    const fixed = runScenario(race.scenario, { fixes: ALL_ON });
    const oops = oopsOf(broken);
    n.line(`  examples/2013-races/${race.example}.json`);
    n.say(
      oops === undefined
        ? `${race.fix} off: no oops (unexpected)`
        : `${race.fix} off (Linux 3.8), step ${oops.step} (${oops.op}): ${oops.result}`,
      2,
    );
    const again = oopsOf(fixed);
    n.say(
      `every fix on: ${again === undefined ? cleanRun(fixed) : `step ${again.step} (${again.op}): ${again.result}`}`,
      2,
    );
    table.push([race.example, race.fix, oops?.result ?? "no oops", again?.result ?? "clean"]);
  }
  return [{ title: "The 2013 races: switching merge_across_nodes", text: intro, charts: [], table }];
}
