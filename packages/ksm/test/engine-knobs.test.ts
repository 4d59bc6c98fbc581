import { createMachine, MMF_VM_MERGE_ANY, VM_MERGEABLE } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import { createKsm } from "../src/index.js";

function merged(pages = 10) {
  const m = createMachine({ topology: { nodes: 2, pagesPerNode: 1 << 14 } });
  const k = createKsm(m);
  const p = m.spawn("P");
  const h = m.mmap(p, "h", pages);
  m.writeRange(p, h, 0, pages, 5);
  m.madviseMergeable(p, h);
  k.runFullScans(2);
  return { m, k, p, h };
}

describe("stateful knob writes (the *_store functions)", () => {
  it("merge_across_nodes and max_page_sharing: EBUSY while pages are shared, ok after run=2", () => {
    const { k } = merged();
    expect(k.counters().pages_shared).toBe(1);
    expect(k.sysfsWrite("merge_across_nodes", "0")).toBe("EBUSY");
    expect(k.sysfsWrite("max_page_sharing", "10")).toBe("EBUSY");
    expect(k.sysfsWrite("merge_across_nodes", "1")).toBe("ok"); // the current value
    expect(k.sysfsWrite("max_page_sharing", "256")).toBe("ok");
    expect(k.sysfsWrite("run", "2")).toBe("ok");
    expect(k.sysfsWrite("merge_across_nodes", "0")).toBe("ok");
    expect(k.nrNodeIds).toBe(2);
    expect(k.sysfsWrite("max_page_sharing", "10")).toBe("ok");
    expect(k.sysfsRead("max_page_sharing")).toBe("10\n");
    expect(k.sysfsRead("merge_across_nodes")).toBe("0\n");
  });
  it("writing run=2 twice unmerges once; full_scans is reset only by the change", () => {
    const { k } = merged();
    expect(k.sysfsWrite("run", "2")).toBe("ok");
    expect(k.counters().full_scans).toBe(0);
    k.run = 0;
    k.runFullScans(1);
    expect(k.counters().full_scans).toBe(1);
    expect(k.sysfsWrite("run", "0")).toBe("ok");
    expect(k.sysfsWrite("run", "2")).toBe("ok");
    expect(k.counters().full_scans).toBe(0);
    expect(k.sysfsWrite("run", "2")).toBe("ok");
    expect(k.sysfsRead("run")).toBe("2\n");
  });
  it("advisor_mode switches pages_to_scan and makes pages_to_scan writes fail", () => {
    const { k } = merged();
    expect(k.sysfsWrite("advisor_mode", "scan-time")).toBe("ok");
    expect(k.sysfsRead("pages_to_scan")).toBe("500\n");
    expect(k.sysfsWrite("pages_to_scan", "100")).toBe("EINVAL");
    expect(k.sysfsWrite("advisor_mode", "none\n")).toBe("ok");
    expect(k.sysfsRead("pages_to_scan")).toBe("100\n");
    expect(k.sysfsRead("advisor_mode")).toBe("[none] scan-time\n");
  });
  it("read-only counters refuse writes with EACCES; unknown files throw", () => {
    const { k } = merged();
    expect(k.sysfsWrite("pages_shared", "0")).toBe("EACCES");
    expect(() => k.sysfsWrite("no_such_knob", "1")).toThrow(/no such file/);
  });
});

describe("process side", () => {
  it("PR_SET_MEMORY_MERGE marks every compatible VMA, new ones too, and disabling unmerges", () => {
    const m = createMachine();
    const k = createKsm(m);
    const p = m.spawn("P");
    const a = m.mmap(p, "a", 4);
    m.writeRange(p, a, 0, 4, 9);
    expect(k.prctlSetMemoryMerge(p, true)).toBe("ok");
    expect(p.flags & MMF_VM_MERGE_ANY).not.toBe(0);
    expect(a.flags & VM_MERGEABLE).not.toBe(0);
    const b = m.mmap(p, "b", 4);
    expect(b.flags & VM_MERGEABLE).not.toBe(0);
    k.runFullScans(2);
    expect(k.ksmStat(p)).toMatchObject({ ksm_merging_pages: 4, ksm_merge_any: true, ksm_mergeable: true });
    expect(k.prctlSetMemoryMerge(p, false)).toBe("ok");
    expect(k.ksmStat(p)).toMatchObject({ ksm_merge_any: false, ksm_mergeable: false });
    for (let i = 0; i < 4; i++) expect(m.read(p, a, i)).toEqual(m.read(p, a, 0));
    k.runFullScans(1);
    expect(k.counters()).toMatchObject({ pages_shared: 0, pages_sharing: 0 });
  });

  it("use_zero_pages maps zero pages to the shared zero page and counts them per process", () => {
    const m = createMachine();
    const k = createKsm(m);
    expect(k.sysfsWrite("use_zero_pages", "1")).toBe("ok");
    const p = m.spawn("P");
    const h = m.mmap(p, "h", 20);
    m.writeRange(p, h, 0, 20, 0);
    m.madviseMergeable(p, h);
    k.runFullScans(2);
    expect(k.counters()).toMatchObject({ ksm_zero_pages: 20, pages_shared: 0, pages_volatile: 20 });
    expect(k.ksmStat(p).ksm_zero_pages).toBe(20);
    m.writeRange(p, h, 0, 5, 0); // a write breaks the zero-page mapping at once
    expect(k.counters().ksm_zero_pages).toBe(15);
    k.runFullScans(1);
    expect(k.ksmStat(p).ksm_rmap_items).toBe(5);
  });

  it("fork: the child's KSM pages are appended on the next scan, beyond max_page_sharing silently", () => {
    const m = createMachine();
    const k = createKsm(m);
    expect(k.sysfsWrite("max_page_sharing", "2")).toBe("ok");
    const p = m.spawn("P");
    const h = m.mmap(p, "h", 2);
    m.writeRange(p, h, 0, 2, 3);
    m.madviseMergeable(p, h);
    k.runFullScans(2);
    expect(k.counters()).toMatchObject({ pages_shared: 1, pages_sharing: 1 });
    const c = m.fork(p, "C");
    expect(k.ksmStat(c)).toMatchObject({ ksm_rmap_items: 0, ksm_merging_pages: 0 });
    k.runFullScans(1);
    expect(k.counters()).toMatchObject({ pages_shared: 1, pages_sharing: 3 });
    expect(k.ksmStat(c).ksm_merging_pages).toBe(2);
  });
});
