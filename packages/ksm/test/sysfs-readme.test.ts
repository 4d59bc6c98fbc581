/** The README's table of /sys/kernel/mm/ksm is the knob table (src/sysfs/table.ts), row for row. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { KNOB_NAMES } from "../src/index.js";
import { knobTableMarkdown, TABLE_END, TABLE_START } from "./helpers/knob-table-md.js";

const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../README.md"), "utf8");

describe("README: the knob table", () => {
  it("is there once, between its markers", () => {
    expect(readme.split(TABLE_START)).toHaveLength(2);
    expect(readme.split(TABLE_END)).toHaveLength(2);
  });

  it("equals the table rendered from KNOBS (regenerate it from test/helpers/knob-table-md.ts when a knob changes)", () => {
    const start = readme.indexOf(TABLE_START) + TABLE_START.length;
    const block = readme.slice(start, readme.indexOf(TABLE_END)).trim();
    expect(block).toBe(knobTableMarkdown());
  });

  it("has one row per file", () => {
    const rows = knobTableMarkdown().split("\n").slice(2);
    expect(rows.map((r) => /^\| `([a-z_]+)`/.exec(r)?.[1])).toEqual([...KNOB_NAMES]);
  });
});
