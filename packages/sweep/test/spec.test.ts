import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILTIN_BACKEND_NAMES } from "@ksm-sim/backends";
import { describe, expect, it } from "vitest";
import { loadSweep, loadSweepFile, MAX_VARIANTS } from "../src/index.js";
import { spec, tiny } from "./helpers.js";

const messages = async (doc: unknown) => {
  const r = await loadSweep(doc);
  if (r.ok) throw new Error("expected errors");
  return r.errors.map((e) => e.message);
};

describe("sweep spec", () => {
  it("expands the grid: backends, then content, then knobs in spec order, the last fastest", async () => {
    const r = await loadSweep({ ...spec, grid: { ...spec.grid, content: ["tokens", "bytes"] } });
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const { variants, knobs } = r.sweep;
    expect(knobs).toEqual(["max_page_sharing", "pages_to_scan"]);
    expect(variants.map((v) => v.label).slice(0, 5)).toEqual([
      "rbtree tokens max_page_sharing=2 pages_to_scan=5",
      "rbtree tokens max_page_sharing=2 pages_to_scan=1000",
      "rbtree tokens max_page_sharing=256 pages_to_scan=5",
      "rbtree tokens max_page_sharing=256 pages_to_scan=1000",
      "rbtree bytes max_page_sharing=2 pages_to_scan=5",
    ]);
    expect(variants).toHaveLength(16);
    expect(variants[15]).toMatchObject({ index: 15, backend: "bintrees", content: "bytes" });
    // the grid's knobs override the base's in place; the others follow
    expect(variants[1]!.scenario.sysfs).toEqual({ pages_to_scan: "1000", sleep_millisecs: 20, max_page_sharing: 2 });
    expect(Object.keys(variants[1]!.scenario.sysfs!)).toEqual(["pages_to_scan", "sleep_millisecs", "max_page_sharing"]);
    expect(r.sweep.name).toBe("tiny-grid");
  });

  it("has one variant, labelled base, without a grid", async () => {
    const r = await loadSweep({ scenario: tiny });
    if (!r.ok) throw new Error(r.errors[0]!.message);
    expect(r.sweep.variants.map((v) => [v.label, v.backend, v.content])).toEqual([["base", "rbtree", "tokens"]]);
    expect(r.sweep.variants[0]!.scenario).toBe(tiny);
    expect(r.sweep.name).toBe("tiny");
  });

  it("names the field path and the value of each structural error", async () => {
    expect(
      await messages({
        scenario: 7,
        grid: { backends: ["rbtree", 7, "rbtree"], content: [], sysfs: { run: [0], pages_to_scan: [1.5] }, x: 1 },
        extra: true,
      }),
    ).toEqual([
      "extra: is not a field of a sweep spec, got true",
      "scenario: must be a file path or a scenario document, got 7",
      "grid.x: is not a field of grid (sysfs, backends, content), got 1",
      expect.stringMatching(
        /^grid\.sysfs\.run: must name a writable knob other than run \(sleep_millisecs, pages_to_scan, merge_across_nodes, .*\), got "run"$/,
      ),
      "grid.sysfs.pages_to_scan[0]: must be an integer or a string, got 1.5",
      `grid.backends[1]: must be a tree backend: a built-in name (${BUILTIN_BACKEND_NAMES.join(", ")}), a module path or a package name, got 7`,
      'grid.backends[2]: must not repeat an earlier value, got "rbtree"',
      "grid.content: must be a non-empty list, got []",
    ]);
    expect(await messages([1])).toEqual(["(document): must be an object with scenario and grid, got [1]"]);
  });

  it("makes the whole spec invalid for a knob value the kernel refuses, at its grid path", async () => {
    const doc = { scenario: tiny, grid: { sysfs: { pages_to_scan: [10, "ten", -1], use_zero_pages: [1, 2] } } };
    const m = await messages(doc);
    expect(m).toHaveLength(3);
    expect(m[0]).toMatch(/^grid\.sysfs\.pages_to_scan\[1\]: .*EINVAL.*, got "ten"$/);
    expect(m[1]).toMatch(/^grid\.sysfs\.pages_to_scan\[2\]: .*, got -1$/);
    expect(m[2]).toMatch(/^grid\.sysfs\.use_zero_pages\[1\]: .*, got 2$/);
  });

  it("reports the base scenario's own errors under scenario", async () => {
    const m = await messages({ scenario: { ...tiny, steps: [{ op: "scan", full_scans: -1 }] } });
    expect(m[0]).toMatch(/^scenario: steps\[0\]\.full_scans: .*, got -1$/);
  });

  it("reads a scenario path relative to the spec file, and says when it cannot", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ksm-sim-sweep-"));
    writeFileSync(join(dir, "tiny.json"), JSON.stringify(tiny));
    writeFileSync(join(dir, "spec.json"), JSON.stringify({ scenario: "tiny.json", grid: { content: ["bytes"] } }));
    const r = await loadSweepFile(join(dir, "spec.json"));
    if (!r.ok) throw new Error(r.errors[0]!.message);
    expect(r.sweep.scenario).toEqual(tiny);
    writeFileSync(join(dir, "missing.json"), JSON.stringify({ scenario: "nope.json" }));
    const bad = await loadSweepFile(join(dir, "missing.json"));
    expect(bad.ok ? [] : bad.errors.map((e) => e.message)).toEqual([
      `scenario: must name a scenario file; ${join(dir, "nope.json")} cannot be read (ENOENT), got "nope.json"`,
    ]);
    writeFileSync(join(dir, "broken.json"), "{");
    const broken = await loadSweepFile(join(dir, "broken.json"));
    expect(broken.ok ? "" : broken.errors[0]!.message).toMatch(/broken\.json: is not JSON/);
  });

  it("refuses a grid of more than MAX_VARIANTS variants", async () => {
    const many = Array.from({ length: 100 }, (_, i) => i + 1);
    const m = await messages({ scenario: tiny, grid: { sysfs: { pages_to_scan: many, sleep_millisecs: many } } });
    expect(m).toEqual([
      `grid: must make at most ${MAX_VARIANTS} variants (the product of its list lengths), got 10000`,
    ]);
  });

  it("accepts the example spec examples/sweep/max-page-sharing.json", async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const r = await loadSweepFile(join(here, "../../../examples/sweep/max-page-sharing.json"));
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
    expect(r.sweep.scenario.name).toBe("two-vms");
    expect(r.sweep.variants).toHaveLength(12);
  });
});
