import { createMachine } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import { createKsm } from "../src/index.js";

function setup() {
  const m = createMachine({ topology: { nodes: 1, pagesPerNode: 1 << 16 } });
  const k = createKsm(m);
  return { m, k };
}

describe("the engine on ksm-semantics §9 timelines", () => {
  it("A: identical pages merge on the second full scan", () => {
    const { m, k } = setup();
    const p = m.spawn("P");
    const h = m.mmap(p, "h", 200);
    for (let i = 0; i < 200; i++) m.write(p, h, i, 40 + (i % 40));
    expect(m.madviseMergeable(p, h)).toBe("ok");
    k.runFullScans(1);
    expect(k.counters()).toMatchObject({ pages_volatile: 200, pages_scanned: 200, full_scans: 1, pages_shared: 0 });
    k.runFullScans(1);
    expect(k.counters()).toMatchObject({ pages_shared: 40, pages_sharing: 160, pages_unshared: 0, pages_volatile: 0 });
    expect(k.counters().general_profit).toBe(160 * 4096 - 200 * 64);
    expect(k.ksmStat(p)).toMatchObject({ ksm_rmap_items: 200, ksm_merging_pages: 200, ksm_mergeable: true });
    k.runFullScans(1);
    expect(k.counters()).toMatchObject({ pages_shared: 40, pages_sharing: 160, pages_scanned: 600 });
    for (let i = 0; i < 200; i++) expect(m.read(p, h, i)).toEqual(m.read(p, h, i % 40));
  });

  it("max_page_sharing makes chains of dups", () => {
    const { m, k } = setup();
    expect(k.sysfsWrite("max_page_sharing", "16")).toBe("ok");
    const p = m.spawn("P");
    const h = m.mmap(p, "h", 64);
    for (let i = 0; i < 64; i++) m.write(p, h, i, 7);
    m.madviseMergeable(p, h);
    k.runFullScans(2);
    expect(k.counters()).toMatchObject({
      pages_shared: 4,
      pages_sharing: 60,
      stable_node_chains: 1,
      stable_node_dups: 4,
    });
  });

  it("run=2 unmerges everything and resets full_scans", () => {
    const { m, k } = setup();
    const p = m.spawn("P");
    const h = m.mmap(p, "h", 10);
    for (let i = 0; i < 10; i++) m.write(p, h, i, 5);
    m.madviseMergeable(p, h);
    k.runFullScans(2);
    expect(k.counters().pages_sharing).toBe(9);
    expect(k.sysfsWrite("run", "2")).toBe("ok");
    expect(k.counters()).toMatchObject({ pages_shared: 0, pages_sharing: 0, full_scans: 0, pages_volatile: 0 });
    expect(k.sysfsWrite("merge_across_nodes", "0")).toBe("ok");
  });
});
