/**
 * The demo end to end in short mode (CI), in process on the sources: the
 * narration of each part, the 2013 oopses with their fix off and clean runs
 * with every fix on, identical counters on the four backends, and the
 * report with its charts. No timed assertions.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDemo } from "../src/demo.js";

const FIXES = ["remove_all_stable_nodes", "enter_at_tail_while_unmerging", "copy_on_swapin_while_unmerging"];

describe("pnpm demo --short", () => {
  const dir = mkdtempSync(join(tmpdir(), "ksm-sim-demo-"));
  let out = "";
  let bars = "";
  let path = "";
  /** The narration with line breaks and indentation folded into single spaces (paragraphs are wrapped). */
  let flat = "";

  beforeAll(() => {
    path = runDemo(
      { short: true, outDir: join(dir, "out") },
      { out: (t) => void (out += t), bar: (t) => void (bars += t) },
    );
    flat = out.replace(/\s+/g, " ");
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("narrates the three parts, in order", () => {
    const parts = [
      "1. Density: VMs booted from the same image, on two NUMA nodes",
      "2. The seed story: switching merge_across_nodes, 2013",
      "3. One scenario, four tree backends",
    ].map((h) => out.indexOf(h));
    expect(parts.every((i) => i >= 0)).toBe(true);
    expect([...parts].sort((a, b) => a - b)).toEqual(parts);
  });

  it("shows memory saved in both modes and the remote accesses merging across nodes brings", () => {
    expect(out).toContain("Memory saved over simulated time");
    for (const man of [1, 0]) expect(flat).toMatch(new RegExp(`merge_across_nodes=${man}: after \\d+ full scans`));
    const remote = (man: number) =>
      Number(
        flat.match(new RegExp(`merge_across_nodes=${man}: ([\\d.]+)% of the mapped pages are on the other node`))?.[1],
      );
    expect(remote(1)).toBeGreaterThan(10);
    expect(remote(0)).toBe(0);
  });

  it("ends each race in its oops with its fix off, and runs it clean with every fix on", () => {
    for (const fix of FIXES)
      expect(flat).toMatch(new RegExp(`${fix} off \\(Linux 3\\.8\\), step \\d+ \\(\\w+\\): OOPS: `));
    expect(flat).toContain("OOPS: rb_erase: stable node");
    expect(flat.match(/OOPS: run=2 completed but KSM page/g)).toHaveLength(2);
    expect(flat.match(/every fix on: clean: all \d+ steps ok/g)).toHaveLength(3);
    expect(flat).not.toMatch(/every fix on: step/);
  });

  it("finds the same counters on the four backends", () => {
    expect(out).toContain("functional-red-black-tree = rbtree: identical counters");
    expect(out).toContain("bintrees = rbtree: identical counters");
    expect(out).toContain("avl = rbtree: identical counters");
    expect(out).not.toContain("differs from");
  });

  it("draws progress bars and clears them", () => {
    expect(bars).toMatch(/\[#+\.*\] \d+% [\d.]+ s of [\d.]+ s simulated/);
    expect(bars).toMatch(/\[#+\] 4\/4 backends/);
    expect(bars.endsWith("\r\u001b[K")).toBe(true);
  });

  it("writes report.html with the charts, and says where", () => {
    expect(path).toBe(join(dir, "out", "report.html"));
    expect(existsSync(path)).toBe(true);
    expect(out.trimEnd().endsWith(`report written to ${path}`)).toBe(true);
    const html = readFileSync(path, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    for (const id of [
      "density-profit",
      "density-sharing",
      "density-remote",
      "density-cost",
      "man1-memory",
      "man0-memory",
      "man1-nodes",
      "b-speed",
      "b-compares",
    ])
      expect(html).toContain(`id="${id}"`);
    expect(html).toContain("The 2013 races: switching merge_across_nodes");
  });
});
