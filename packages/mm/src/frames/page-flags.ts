/**
 * Frame flags (one byte per frame), after the kernel's page/folio flags.
 * `PG_ANON` stands for the PAGE_MAPPING_ANON bit of `folio->mapping` and
 * `PG_KSM` for PAGE_MAPPING_KSM (a KSM folio is anon too: `folio_test_anon`
 * holds); `PG_ANON_EXCLUSIVE` is PageAnonExclusive; `PG_FREE` marks a frame
 * that sits on a free list (the buddy allocator's PageBuddy).
 */
export const PG_ANON = 1 << 0;
export const PG_KSM = 1 << 1;
export const PG_SWAPCACHE = 1 << 2;
export const PG_LOCKED = 1 << 3;
export const PG_UPTODATE = 1 << 4;
export const PG_DIRTY = 1 << 5;
export const PG_ANON_EXCLUSIVE = 1 << 6;
export const PG_FREE = 1 << 7;

/** `PG_ANON | PG_ANON_EXCLUSIVE`, and so on, as text: "ANON|ANON_EXCLUSIVE". */
export function describeFlags(flags: number): string {
  const names: string[] = [];
  const all: [number, string][] = [
    [PG_ANON, "ANON"],
    [PG_KSM, "KSM"],
    [PG_SWAPCACHE, "SWAPCACHE"],
    [PG_LOCKED, "LOCKED"],
    [PG_UPTODATE, "UPTODATE"],
    [PG_DIRTY, "DIRTY"],
    [PG_ANON_EXCLUSIVE, "ANON_EXCLUSIVE"],
    [PG_FREE, "FREE"],
  ];
  for (const [bit, name] of all) if (flags & bit) names.push(name);
  return names.join("|") || "0";
}
