import { describe, expect, it } from "vitest";
import {
  compareResults,
  normalizeForCompare,
  type ResultDocument,
  renameTrace,
  type TraceEvent,
} from "../src/index.js";
import { haveFixtures, loadFixtures } from "./helpers/fixtures.js";
import { rawTrace } from "./helpers/raw-trace.js";

const ev = (event: string, args: string, t = 0): TraceEvent => ({ t, event, args });

describe("renameTrace", () => {
  const raw = [
    ev("ksm_enter", "mm=0xffff8881"),
    ev("ksm_start_scan", "seq=0 size=2"),
    ev("ksm_merge_with_ksm_page", "pfn=100 rmap_item=0xa0 mm=0xffff8881 error=0"),
    ev("ksm_merge_with_ksm_page", "ksm pfn=100 rmap_item=0xb0 mm=0xffff8881 error=0"),
    ev("ksm_remove_ksm_page", "pfn=100"),
    ev("ksm_remove_rmap_item", "pfn=100 rmap_item=0xb0 mm=0xffff8881"),
    ev("ksm_merge_one_page", "ksm pfn=7 rmap_item=0xa0 mm=0xffff9999 error=-14", 1.5),
    ev("ksm_exit", "mm=0xffff8881"),
  ];

  it("names pfns, rmap_items and mms by first appearance per kind, forgetting a pfn after its removal", () => {
    expect(renameTrace(raw).map((e) => e.args)).toEqual([
      "mm=mm0",
      "seq=0 size=2",
      "pfn=pfn0 rmap_item=rmap_item0 mm=mm0 error=0",
      "ksm pfn=pfn0 rmap_item=rmap_item1 mm=mm0 error=0",
      "pfn=pfn0",
      "pfn=pfn1 rmap_item=rmap_item1 mm=mm0",
      "ksm pfn=pfn2 rmap_item=rmap_item0 mm=mm1 error=-14",
      "mm=mm0",
    ]);
  });

  it("keeps t and event, and does not change its input", () => {
    const copy = structuredClone(raw);
    const out = renameTrace(raw);
    expect(raw).toEqual(copy);
    expect(out.map((e) => [e.t, e.event])).toEqual(raw.map((e) => [e.t, e.event]));
  });

  it("is idempotent", () => {
    const once = renameTrace(raw);
    expect(renameTrace(once)).toEqual(once);
  });
});

describe("normalizeForCompare", () => {
  it("drops rmap_item, mm and t, renames pfns as fixture-check.py's renamed does", () => {
    const events = [
      ev("ksm_enter", "mm=0xffff8881"),
      ev("ksm_merge_with_ksm_page", "pfn=100 rmap_item=0xa0 mm=0xffff8881 error=0"),
      ev("ksm_remove_ksm_page", "pfn=100"),
      ev("ksm_merge_with_ksm_page", "ksm pfn=100 rmap_item=0xa0 mm=0xffff8881 error=0"),
      ev("ksm_merge_with_ksm_page", "pfn=200 rmap_item=0xa0 mm=0xffff8881 error=0"),
    ];
    expect(normalizeForCompare(events)).toEqual([
      { event: "ksm_enter", args: "" },
      { event: "ksm_merge_with_ksm_page", args: "pfn=pfn0 error=0" },
      { event: "ksm_remove_ksm_page", args: "pfn=pfn0" },
      { event: "ksm_merge_with_ksm_page", args: "ksm pfn=pfn1 error=0" },
      { event: "ksm_merge_with_ksm_page", args: "pfn=pfn2 error=0" },
    ]);
  });
});

describe.skipIf(!haveFixtures)("fixture traces", () => {
  const traced = loadFixtures().filter((f) => Array.isArray((f.result as ResultDocument).trace));

  it("every fixture result has a trace, and some remove KSM pages", () => {
    expect(traced.length).toBeGreaterThanOrEqual(24);
    const removals = traced
      .flatMap((f) => (f.result as ResultDocument).trace!)
      .filter((e) => e.event === "ksm_remove_ksm_page");
    expect(removals.length).toBeGreaterThan(100);
  });

  for (const f of traced) {
    const doc = f.result as ResultDocument;
    const trace = doc.trace!;
    describe(f.id, () => {
      it("the recorded names follow the rule: renaming changes nothing, and renaming twice neither", () => {
        const once = renameTrace(trace);
        expect(once).toEqual(trace);
        expect(renameTrace(once)).toEqual(once);
      });

      it("no pfn name appears after its ksm_remove_ksm_page", () => {
        const removed = new Set<string>();
        for (const e of trace) {
          for (const m of e.args.matchAll(/pfn=(\S+)/g)) expect(removed.has(m[1]!)).toBe(false);
          if (e.event === "ksm_remove_ksm_page") removed.add(/pfn=(\S+)/.exec(e.args)![1]!);
        }
      });

      it("raw identities (pfns reused after removal) rename back to the recorded trace", () => {
        for (const seed of [1, 2, 3]) {
          const raw = rawTrace(trace, seed);
          expect(raw).not.toEqual(trace);
          expect(renameTrace(raw)).toEqual(trace);
        }
      });

      it("the renamed raw trace compares equal to the recorded one, and so does the raw one", () => {
        const raw = rawTrace(trace, 7);
        expect(compareResults(doc, { ...doc, trace: renameTrace(raw) }, { trace: true })).toEqual([]);
        expect(compareResults(doc, { ...doc, trace: raw }, { trace: true })).toEqual([]);
      });
    });
  }
});
