/**
 * The three causes of "ksm: remove old stable nodes more thoroughly" (2013),
 * replayed from examples/2013-races: with every fix on each runs clean; with
 * its fix off it ends in the oops (or leaked KSM mapping) of Linux 3.8.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario, type Scenario, validateScenario } from "../src/index.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../../../examples/2013-races");

function load(name: string, fixes?: Scenario["fixes"]): Scenario {
  const doc = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8"));
  if (fixes) doc.fixes = fixes;
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join("\n"));
  return v.scenario;
}

const cases = [
  {
    name: "fork-during-unmerge",
    fix: "enter_at_tail_while_unmerging",
    oopsStep: 10,
    oops: /^OOPS: run=2 completed but KSM page pfn \d+ mapped at page 0 of vma "heap" of process "C"/,
  },
  {
    name: "swapin-during-unmerge",
    fix: "copy_on_swapin_while_unmerging",
    oopsStep: 12,
    oops: /^OOPS: run=2 completed but KSM page pfn \d+ mapped at page 0 of vma "heap" of process "P"/,
  },
  {
    name: "lingering-stable-node",
    fix: "remove_all_stable_nodes",
    oopsStep: 20,
    oops: /^OOPS: rb_erase: stable node \d+ \(kpfn \d+\) is not in root_stable_tree\[0\]/,
  },
] as const;

describe("the 2013 races", () => {
  for (const c of cases) {
    it(`${c.name}: clean with every fix on`, () => {
      const doc = runScenario(load(c.name));
      expect(doc.steps.filter((s) => s.result !== "ok")).toEqual([]);
      const last = doc.snapshots.at(-1)!;
      for (const stat of Object.values(last.procs)) expect(stat.ksm_merging_pages).toBeGreaterThanOrEqual(0);
    });
    it(`${c.name}: oopses with ${c.fix} off, and only with that one`, () => {
      const off = runScenario(load(c.name, { [c.fix]: false }));
      const last = off.steps.at(-1)!;
      expect(last.step).toBe(c.oopsStep);
      expect(last.result).toMatch(c.oops);
      // the scenario stopped there: no later step ran
      expect(off.steps.some((s) => typeof s.step === "number" && s.step > c.oopsStep)).toBe(false);
      // with only this fix on (the other two off), it runs clean: this fix alone prevents it
      const others = Object.fromEntries(cases.filter((o) => o.fix !== c.fix).map((o) => [o.fix, false]));
      expect(runScenario(load(c.name, others)).steps.every((s) => !String(s.result).startsWith("OOPS"))).toBe(true);
    });
  }

  it("swap-in during the pass gives private copies, so nothing stays merged", () => {
    const doc = runScenario(load("swapin-during-unmerge"));
    expect(doc.steps.find((s) => s.step === "12.0")).toEqual({ step: "12.0", op: "swapin", result: "ok" });
    expect(doc.snapshots.at(-1)!.ksm).toMatchObject({ pages_shared: 0, pages_sharing: 0 });
  });
});
