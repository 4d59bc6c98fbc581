/** ksm-sim sweep: the CSV agrees with `ksm-sim run` of each variant; invalid specs and usage exit 2. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { KSM_COUNTERS } from "@ksm-sim/scenario";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { mainAsync } from "../src/main-async.js";
import { mergeScenario, tempFiles } from "./helpers.js";

const { dir, file } = tempFiles("ksm-sim-sweep-cli-");

const scenario = mergeScenario("tiny", 16, 2);
file("tiny.json", scenario);
const spec = file("spec.json", {
  scenario: "tiny.json",
  grid: { sysfs: { max_page_sharing: [2, 256] }, backends: ["rbtree", "bintrees"] },
});

describe("ksm-sim sweep", () => {
  it("writes a CSV whose rows are what ksm-sim run gives for each variant, and the report", async () => {
    const csv = join(dir, "out.csv");
    const html = join(dir, "sweep.html");
    const out = await mainAsync(["sweep", spec, "--csv", csv, "--report", html, "--jobs", "2"]);
    expect(out).toMatchObject({ code: 0, stderr: "" });
    expect(out.stdout).toBe(`4 variants, 0 failed, 2 at a time: ${csv}, ${html}\n`);
    const rows = readFileSync(csv, "utf8").trimEnd().split("\n");
    expect(rows).toHaveLength(5);
    const [header, ...data] = rows.map((r) => r.split(","));
    expect(header!.slice(0, 6)).toEqual(["variant", "label", "max_page_sharing", "backend", "content", "snapshot"]);
    for (const row of data) {
      const [, , mps, backend, content] = row;
      const alone = file(`v-${mps}.json`, { ...scenario, sysfs: { max_page_sharing: Number(mps) } });
      const doc = JSON.parse(main(["run", alone, "--backend", backend!, "--content", content!]).stdout);
      const counters = KSM_COUNTERS.map((c) => String(doc.snapshots[0].ksm[c]));
      expect(row.slice(6, 6 + KSM_COUNTERS.length)).toEqual(counters);
    }
    expect(readFileSync(html, "utf8")).toContain('id="sb-speed"');
  });

  it("prints the CSV on stdout without --csv", async () => {
    const out = await mainAsync(["sweep", spec, "--jobs", "1"]);
    expect(out.code).toBe(0);
    expect(out.stdout.split("\n")[0]).toMatch(/^variant,label,max_page_sharing,backend,content,snapshot,/);
  });

  it("exits 2 for an invalid spec, naming the field and the value", async () => {
    const bad = file("bad.json", { scenario: "tiny.json", grid: { sysfs: { pages_to_scan: [1, "x"] } } });
    const out = await mainAsync(["sweep", bad]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^.*bad\.json: invalid sweep spec\n {2}grid\.sysfs\.pages_to_scan\[1\]: .*, got "x"\n$/);
  });

  it("exits 2 for usage errors, never with a stack trace", async () => {
    for (const argv of [
      ["sweep"],
      ["sweep", spec, "--jobs", "0"],
      ["sweep", spec, "--csv", "out.txt"],
      ["sweep", spec, "--report", "r.pdf"],
      ["sweep", join(dir, "missing.json")],
    ]) {
      const out = await mainAsync(argv);
      expect(out.code).toBe(2);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await mainAsync(["sweep", spec, "--jobs", "x"])).stderr).toContain("--jobs: must be an integer");
  });

  const bin = join(dirname(fileURLToPath(import.meta.url)), "../dist/bin.js");
  const built = existsSync(join(dirname(bin), "main-async.js"));
  it.skipIf(!built)("runs from the built dist (worker threads)", () => {
    const csv = join(dir, "dist.csv");
    const r = spawnSync(process.execPath, [bin, "sweep", spec, "--csv", csv, "--jobs", "2"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readFileSync(csv, "utf8").trimEnd().split("\n")).toHaveLength(5);
  });
});
