/**
 * Turns a renamed trace back into one with raw kernel-like identities, as a
 * recorder would see it: pfns are numbers that a new frame may reuse once
 * their KSM page was removed (`ksm_remove_ksm_page`), rmap_items and mms are
 * distinct pointers. Renaming the result must give the trace back.
 */
import type { TraceEvent } from "../../src/index.js";

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function rawTrace(events: readonly TraceEvent[], seed: number): TraceEvent[] {
  const rnd = prng(seed);
  const pfn = new Map<string, string>();
  const freed: string[] = [];
  let nextPfn = 100000 + Math.floor(rnd() * 1000);
  const ptr = { rmap_item: new Map<string, string>(), mm: new Map<string, string>() };
  let nextPtr = 0xffff888000000000n + BigInt(Math.floor(rnd() * 65536)) * 64n;
  return events.map((e) => {
    let gone: string | undefined;
    const args = e.args
      .split(" ")
      .filter((w) => w !== "")
      .map((w) => {
        const [k, v] = w.split("=") as [string, string | undefined];
        if (v === undefined) return w;
        if (k === "pfn") {
          let raw = pfn.get(v);
          if (raw === undefined) {
            // Prefer a freed pfn: the point is that the same number names a new frame.
            raw =
              freed.length > 0 && rnd() < 0.7
                ? freed.splice(Math.floor(rnd() * freed.length), 1)[0]!
                : String(nextPfn++);
            pfn.set(v, raw);
          }
          if (e.event === "ksm_remove_ksm_page") gone = v;
          return `pfn=${raw}`;
        }
        if (k === "rmap_item" || k === "mm") {
          const m = ptr[k];
          let raw = m.get(v);
          if (raw === undefined) {
            nextPtr += 64n * BigInt(1 + Math.floor(rnd() * 8));
            raw = `0x${nextPtr.toString(16)}`;
            m.set(v, raw);
          }
          return `${k}=${raw}`;
        }
        return w;
      });
    if (gone !== undefined) {
      freed.push(pfn.get(gone)!);
      pfn.delete(gone);
    }
    return { ...e, args: args.join(" ") };
  });
}
