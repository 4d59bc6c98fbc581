/**
 * Counters at scale against the kernel selftests' rule
 * (tools/testing/selftests/mm/ksm_tests.c, assert_ksm_pages_count()): N
 * copies of a content with max_page_sharing M merge into KSM pages of M
 * sharers each, the rest into one more KSM page if at least two are left
 * (a lone leftover page has nothing to merge with and stays in the unstable
 * tree); more than M copies make the content's KSM pages the dups of one
 * stable_node_chain. With C contents, every count is C times one content's.
 * The last case runs 2^24 pages (64 GiB), so the rule cannot break at size.
 */
import { createMachine } from "@ksm-sim/mm";
import { describe, expect, it } from "vitest";
import { checkKsm, createKsm } from "../src/index.js";

/** What the kernel's rule predicts for C contents of N copies each, max_page_sharing M. */
export function predictedCounts(c: number, n: number, m: number) {
  const full = Math.floor(n / m);
  const rest = n % m;
  const kpages = n < 2 ? 0 : full + (rest >= 2 ? 1 : 0); // a leftover of one page is not merged
  const sharing = full * (m - 1) + (rest >= 2 ? rest - 1 : 0);
  const chained = n > m;
  return {
    pages_shared: c * kpages,
    pages_sharing: c * sharing,
    pages_unshared: c * (n > 1 && rest === 1 && chained ? 1 : n === 1 ? 1 : 0),
    stable_node_chains: chained ? c : 0,
    stable_node_dups: chained ? c * kpages : 0,
  };
}

/** C contents, page i holding content i mod C (interleaved, as guests' pages are), N copies each, two full scans. */
function scanned(c: number, n: number, m: number) {
  const pages = c * n;
  const machine = createMachine({ topology: { nodes: 1, pagesPerNode: pages } });
  const k = createKsm(machine);
  expect(k.sysfsWrite("max_page_sharing", String(m))).toBe("ok");
  const p = machine.spawn("guest");
  const heap = machine.mmap(p, "heap", pages);
  for (let i = 0; i < pages; i++) machine.write(p, heap, i, 1 + (i % c));
  expect(machine.madviseMergeable(p, heap)).toBe("ok");
  k.runFullScans(2); // the first records checksums, the second merges
  const got = k.counters();
  return {
    k,
    counts: {
      pages_shared: got.pages_shared,
      pages_sharing: got.pages_sharing,
      pages_unshared: got.pages_unshared,
      stable_node_chains: got.stable_node_chains,
      stable_node_dups: got.stable_node_dups,
    },
  };
}

describe("counters at scale follow assert_ksm_pages_count()", () => {
  it("the rule itself, on the selftest's own example: 11 pages, max_page_sharing 10", () => {
    expect(predictedCounts(1, 11, 10)).toEqual({
      pages_shared: 1,
      pages_sharing: 9,
      pages_unshared: 1,
      stable_node_chains: 1,
      stable_node_dups: 1,
    });
  });

  // remainders 0, 1 and more; fewer copies than max_page_sharing; two copies; max_page_sharing 2
  it.each([
    [8, 1000, 256],
    [8, 1025, 256],
    [8, 1100, 256],
    [16, 200, 256],
    [16, 2, 256],
    [4, 999, 2],
    [4, 1000, 2],
    [3, 5000, 10],
    [3, 5001, 10],
  ])("%i contents of %i copies, max_page_sharing %i", (c, n, m) => {
    const { k, counts } = scanned(c, n, m);
    expect(counts).toEqual(predictedCounts(c, n, m));
    expect(checkKsm(k)).toEqual([]);
  });

  it("2^24 pages (64 GiB): 64 contents of 2^18 copies, max_page_sharing 256 and 1000", { timeout: 600_000 }, () => {
    for (const m of [256, 1000]) {
      const { counts } = scanned(64, 2 ** 18, m);
      expect(counts).toEqual(predictedCounts(64, 2 ** 18, m));
    }
  });
});
