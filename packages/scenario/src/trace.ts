/**
 * Trace renaming (scenario-format.md, "Trace"): identities are named by first
 * appearance within the scenario, per kind (`pfn0`, `rmap_item0`, `mm0`, ...),
 * and a pfn named in a `ksm_remove_ksm_page` event is forgotten after that
 * event, so the frame that next shows the pfn gets a new name. This is what
 * the kernel recorders do to the raw trace, and what fixture-check.py redoes
 * on both sides before comparing.
 */

/** One `ksm` trace event as a result document holds it. */
export interface TraceEvent {
  /** Seconds (simulated time in the simulator); never compared. */
  t: number;
  /** `ksm_start_scan`, `ksm_merge_with_ksm_page`, ... */
  event: string;
  /** The kernel's fields as `key=value` words in the kernel's order, and the word `ksm` where printed. */
  args: string;
}

/** An event as compared: renamed pfns, no `rmap_item` or `mm` (fixture-check.py's `renamed`). */
export interface NormalizedEvent {
  event: string;
  args: string;
}

/** The kinds of identity that are renamed. */
export const RENAMED_KINDS = ["pfn", "rmap_item", "mm"] as const;
export type RenamedKind = (typeof RENAMED_KINDS)[number];

const REMOVE_KSM_PAGE = "ksm_remove_ksm_page";
/** Its fields (scan time, pages_to_scan, cpu percent) depend on time: result documents leave them out. */
const ADVISOR = "ksm_advisor";

/** First-appearance names of one kind; `forget` lets a value be named afresh. */
class Names {
  readonly #names = new Map<string, string>();
  #fresh = 0;
  constructor(readonly kind: string) {}

  name(raw: string): string {
    let n = this.#names.get(raw);
    if (n === undefined) {
      n = `${this.kind}${this.#fresh++}`;
      this.#names.set(raw, n);
    }
    return n;
  }

  forget(raw: string): void {
    this.#names.delete(raw);
  }
}

function words(args: unknown): string[] {
  return typeof args === "string" ? args.split(/\s+/).filter((w) => w !== "") : [];
}

function split(word: string): [string, string | undefined] {
  const eq = word.indexOf("=");
  return eq < 0 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
}

/**
 * The events with `pfn`, `rmap_item` and `mm` values renamed by first
 * appearance per kind; a pfn is forgotten after its `ksm_remove_ksm_page`.
 * Every other word and field is kept, except `ksm_advisor`'s, which depend
 * on time and are left out (scenario-format.md); `t` is copied. Renaming an already
 * renamed trace changes nothing, so either side of a comparison may use any
 * names that follow the rule.
 */
export function renameTrace(events: readonly TraceEvent[]): TraceEvent[] {
  const names = { pfn: new Names("pfn"), rmap_item: new Names("rmap_item"), mm: new Names("mm") };
  return events.map((e) => {
    if (e.event === ADVISOR) return { ...e, args: "" };
    let gone: string | undefined;
    const out = words(e.args).map((w) => {
      const [k, v] = split(w);
      if (v === undefined || !(k in names)) return w;
      if (k === "pfn" && e.event === REMOVE_KSM_PAGE) gone = v;
      return `${k}=${names[k as RenamedKind].name(v)}`;
    });
    if (gone !== undefined) names.pfn.forget(gone);
    return { ...e, args: out.join(" ") };
  });
}

/**
 * The events as compared: pfns renamed as {@link renameTrace} does,
 * `rmap_item` and `mm` left out (the kernel reuses those addresses from its
 * slab caches in an order no model can know), `t` dropped. Exactly
 * fixture-check.py's `renamed`.
 */
export function normalizeForCompare(events: readonly TraceEvent[]): NormalizedEvent[] {
  const pfns = new Names("pfn");
  return events.map((e) => {
    if (e.event === ADVISOR) return { event: e.event, args: "" };
    let gone: string | undefined;
    const out: string[] = [];
    for (const w of words(e.args)) {
      const [k, v] = split(w);
      if (k === "rmap_item" || k === "mm") continue;
      if (k === "pfn") {
        const raw = v ?? "";
        out.push(`pfn=${pfns.name(raw)}`);
        if (e.event === REMOVE_KSM_PAGE) gone = raw;
      } else out.push(w);
    }
    if (gone !== undefined) pfns.forget(gone);
    return { event: e.event, args: out.join(" ") };
  });
}
