/** Order labels against a doubly linked list: the list is the order, labels must follow it. */
import { describe, expect, it } from "vitest";
import { assignLabel, LABEL_LIMIT, type Labelled, labelBetween, type OpenCursor } from "../src/order-labels.js";

interface Item extends Labelled {
  prev: Item | null;
  next: Item | null;
}

/** A list with sentinel-free ends; `insertAfter(null, x)` puts x first. */
class List {
  first: Item | null = null;
  relabels = 0;
  readonly open: OpenCursor<Item> = (from, dir) => {
    let at: Item | null = from;
    return () => {
      const here = at;
      at = here === null ? null : dir > 0 ? here.next : here.prev;
      return here;
    };
  };
  insertAfter(pred: Item | null): Item {
    const succ = pred === null ? this.first : pred.next;
    const item: Item = { label: -1, prev: pred, next: succ };
    this.relabels += assignLabel(item, pred, succ, this.open);
    if (pred === null) this.first = item;
    else pred.next = item;
    if (succ !== null) succ.prev = item;
    return item;
  }
  labels(): number[] {
    const out: number[] = [];
    for (let i = this.first; i !== null; i = i.next) out.push(i.label);
    return out;
  }
}

function expectValid(labels: readonly number[]): void {
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    if (!Number.isInteger(l) || l < 0 || l >= LABEL_LIMIT) throw new Error(`label ${l} at ${i} out of range`);
    if (i > 0 && !((labels[i - 1] as number) < l)) throw new Error(`labels out of order at ${i}`);
  }
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe("labelBetween", () => {
  it("takes the midpoint of a gap, with the ends of the label space as virtual neighbours", () => {
    expect(labelBetween({ label: 10 }, { label: 20 })).toBe(15);
    expect(labelBetween({ label: 10 }, { label: 12 })).toBe(11);
    expect(labelBetween(null, null)).toBe(2 ** 52 - 1);
    expect(labelBetween({ label: 2 ** 52 }, null)).toBe(2 ** 52 + 2 ** 24);
    expect(labelBetween(null, { label: 2 ** 52 })).toBe(2 ** 52 - 2 ** 24);
    expect(labelBetween(null, { label: 1 })).toBe(0);
    expect(labelBetween({ label: LABEL_LIMIT - 2 }, null)).toBe(LABEL_LIMIT - 1);
  });
  it("reports a used-up gap as -1", () => {
    expect(labelBetween({ label: 10 }, { label: 11 })).toBe(-1);
    expect(labelBetween(null, { label: 0 })).toBe(-1);
    expect(labelBetween({ label: LABEL_LIMIT - 1 }, null)).toBe(-1);
  });
});

describe("assignLabel", () => {
  const N = 100_000;
  const patterns: [string, (list: List, last: Item | null, first: Item) => Item | null][] = [
    ["always right after the same item (one gap, halved every time)", (_l, _last, first) => first],
    ["always right before the newest item", (_l, last, first) => (last as Item).prev ?? first],
    ["always at the end (ascending keys)", (_l, last) => last],
    ["always at the front (descending keys)", () => null],
  ];
  for (const [name, pick] of patterns) {
    it(`stays ordered and fast when inserting ${N} items ${name}`, () => {
      const list = new List();
      const first = list.insertAfter(null);
      let last: Item | null = first;
      const t0 = performance.now();
      for (let i = 0; i < N; i++) last = list.insertAfter(pick(list, last, first));
      const ms = performance.now() - t0;
      const labels = list.labels();
      expect(labels.length).toBe(N + 1);
      expectValid(labels);
      expect(ms).toBeLessThan(1000);
      // amortized O(log n) relabels per insert
      expect(list.relabels / N).toBeLessThan(4 * Math.log2(N));
    });
  }

  it("stays ordered under random positions", () => {
    const rnd = lcg(7);
    const list = new List();
    const items: Item[] = [list.insertAfter(null)];
    for (let i = 0; i < 20_000; i++) {
      const r = rnd();
      // mostly cluster into a few hot gaps, sometimes anywhere
      const pred =
        r < 0.1 ? null : (items[Math.floor(rnd() * (r < 0.7 ? Math.min(3, items.length) : items.length))] as Item);
      items.push(list.insertAfter(pred));
    }
    const labels = list.labels();
    expect(labels.length).toBe(items.length);
    expectValid(labels);
  });

  it("relabels only a small run around a used-up gap", () => {
    const list = new List();
    const a = list.insertAfter(null);
    let inserts = 0;
    while (labelBetween(a, a.next) >= 0) {
      list.insertAfter(a);
      inserts++;
    }
    expect(inserts).toBe(25); // one step of 2^24 past a, then 24 halvings
    expect(list.relabels).toBe(0);
    const before = list.relabels;
    list.insertAfter(a);
    expect(list.relabels - before).toBeLessThan(8);
    expectValid(list.labels());
  });
});
