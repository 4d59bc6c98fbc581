/**
 * The public kernel fixtures: ../shared/fixtures next to the repository (as
 * fixture-check.py finds them), or the directory in KSM_SIM_FIXTURES. Suites
 * that need them are skipped, visibly, when they are absent.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../../..");
export const fixturesDir = process.env.KSM_SIM_FIXTURES ?? resolve(repoRoot, "../shared/fixtures");
export const haveFixtures = existsSync(join(fixturesDir, "scenarios"));
/** fixture-check.py, for cross-checking compare messages against the real tool. */
export const fixtureCheckPy = resolve(fixturesDir, "../tools/fixture-check.py");

/** Scenario input directory → result directory (fixture-check.py's pairs). */
const SETS: readonly [string, string][] = [
  ["scenarios", "kernel-6.18"],
  ["numa-scenarios", "numa-kernel-6.12"],
];

export interface Fixture {
  /** `scenarios/chains-mps3` */
  id: string;
  scenario: unknown;
  result: unknown;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

export function loadFixtures(): Fixture[] {
  if (!haveFixtures) return [];
  const out: Fixture[] = [];
  for (const [inputs, results] of SETS) {
    const dir = join(fixturesDir, inputs);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      out.push({
        id: `${inputs}/${file.slice(0, -5)}`,
        scenario: readJson(join(dir, file)),
        result: readJson(join(fixturesDir, results, file)),
      });
    }
  }
  return out;
}
