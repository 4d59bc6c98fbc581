/**
 * The demo's data: its scenarios (apps/demo/scenarios/*.json), the 2013
 * races of examples/2013-races, and the narration of those races. Paths are
 * found from this module, so they work from src (tests) and dist alike.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type FixName, parseScenario, type Scenario } from "@ksm-sim/scenario";

const SCENARIOS = new URL("../scenarios/", import.meta.url);
const RACES = new URL("../../../examples/2013-races/", import.meta.url);

function read(url: URL): string {
  try {
    return readFileSync(url, "utf8");
  } catch (e) {
    throw new Error(`cannot read ${fileURLToPath(url)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function load(url: URL): Scenario {
  const v = parseScenario(read(url));
  if (!v.ok)
    throw new Error(`${fileURLToPath(url)}: invalid scenario\n${v.errors.map((e) => `  ${e.message}`).join("\n")}`);
  return v.scenario;
}

/** `apps/demo/scenarios/NAME.json`, or `NAME.short.json` in short mode. */
export function demoScenario(name: string, short: boolean): Scenario {
  return load(new URL(`${name}${short ? ".short" : ""}.json`, SCENARIOS));
}

/** One of the 2013 races: its example, the fix that prevents it, and what to say about it. */
export interface Race {
  /** examples/2013-races/<example>.json */
  readonly example: string;
  readonly fix: FixName;
  readonly title: string;
  readonly explanation: string;
  readonly scenario: Scenario;
}

/** apps/demo/scenarios/races.json: an introduction, then each race with its example loaded. */
export function races(): { intro: string; races: Race[] } {
  const doc = JSON.parse(read(new URL("races.json", SCENARIOS))) as { intro: string; races: Omit<Race, "scenario">[] };
  return {
    intro: doc.intro,
    races: doc.races.map((r) => ({ ...r, scenario: load(new URL(`${r.example}.json`, RACES)) })),
  };
}
