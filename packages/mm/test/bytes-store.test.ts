/**
 * Bytes mode, content-addressed (content-store.ts, bytes-contents.ts): each
 * distinct content stored once and reference counted, shared between pages
 * and with the swap device, freed when no page holds it, its storage reused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BytesContents } from "../src/contents/bytes-contents.js";
import type { ContentStore } from "../src/contents/content-store.js";
import { checkInvariants, pageChecksum, tokenChecksum, tokenPage } from "../src/index.js";
import { machine, ok } from "./helpers.js";

/** A 4 KiB page filled from a small seed, with a marker at `at` (pages that differ deep inside). */
function page(seed: number, at = 4095): Uint8Array {
  const p = new Uint8Array(4096).fill(seed & 0xff);
  p[at] = (seed >>> 8) & 0xff;
  return p;
}

/** Each live id's holders, counted afresh over the stores of pages that share `store`. */
function recount(store: ContentStore, users: readonly BytesContents[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const u of users) {
    for (let i = 0; i < u.ids.length; i++) {
      const id = u.ids[i]!;
      if (id !== 0) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const stored = new Map<number, number>();
  for (let id = 1; id < store.hwm; id++) if (store.refs[id]! > 0) stored.set(id, store.refs[id]!);
  expect(stored).toEqual(counts);
  expect(store.live).toBe(counts.size + 1);
  return counts;
}

describe("content-addressed bytes", () => {
  it("N pages with one content share it; a write un-shares one; zero is always content 0", () => {
    const c = new BytesContents(64, 4);
    for (let i = 0; i < 50; i++) c.writeBytes(i, page(7));
    const id = c.idOf(0);
    expect(id).not.toBe(0);
    for (let i = 0; i < 50; i++) expect(c.idOf(i)).toBe(id);
    expect(c.store.live).toBe(2);
    expect(c.store.refs[id]).toBe(50);
    expect(c.compare(3, 40)).toBe(0);
    expect(c.checksum(3)).toBe(pageChecksum(page(7)));
    c.writeBytes(10, page(7, 100)); // differs in one byte deep inside
    expect(c.idOf(10)).not.toBe(id);
    expect(c.store.refs[id]).toBe(49);
    expect(c.compare(10, 0)).toBe(Math.sign(Buffer.compare(Buffer.from(page(7, 100)), Buffer.from(page(7)))));
    c.writeBytes(11, new Uint8Array(4096));
    c.writeToken(12, 0);
    expect([c.idOf(11), c.idOf(12), c.idOf(63)]).toEqual([0, 0, 0]);
    expect(c.isZero(11)).toBe(true);
    expect(c.store.live).toBe(3);
    recount(c.store, [c]);
  });

  it("a token written as a token and as bytes is one content", () => {
    const c = new BytesContents(4, 4);
    c.writeToken(0, 99);
    c.writeBytes(1, tokenPage(99));
    expect(c.idOf(1)).toBe(c.idOf(0));
    expect(c.read(1)).toBe(99);
    expect(c.checksum(1)).toBe(tokenChecksum(99));
    c.writeBytes(2, tokenPage(1234)); // bytes first: not yet known as a token...
    c.writeBytes(
      3,
      tokenPage(1234).map((x, k) => (k === 4095 ? x ^ 1 : x)),
    ); // (a near miss: same first word)
    c.writeToken(0, 1234); // ...then found by the token's checksum and a compare
    expect(c.idOf(0)).toBe(c.idOf(2));
    expect(c.idOf(3)).not.toBe(c.idOf(2));
    expect([c.read(0), c.readToken(3)]).toEqual([1234, -1]);
    expect(c.store.live).toBe(4); // zero, 99, 1234 and the near miss
  });

  it("counts go to zero when the last page lets go, and the storage is reused", () => {
    const c = new BytesContents(8, 2);
    c.writeBytes(0, page(1));
    c.writeBytes(1, page(1));
    c.writeBytes(2, page(2));
    const one = c.idOf(0);
    const hwm = c.store.hwm;
    c.zero(0);
    c.drop(1); // a freed frame
    expect(c.store.refs[one]).toBe(0);
    expect(c.store.live).toBe(2); // zero and page(2)
    c.writeBytes(3, page(3));
    expect(c.idOf(3)).toBe(one); // the freed id and its bytes' place, reused
    expect(c.store.hwm).toBe(hwm);
    expect(c.read(3)).toEqual(page(3));
    expect(c.read(2)).toEqual(page(2));
    c.writeBytes(4, page(1)); // page(1) again: a content of its own again, elsewhere
    expect(c.read(4)).toEqual(page(1));
    recount(c.store, [c]);
  });

  it("a sibling store (the swap device) shares contents: copies move ids, not bytes", () => {
    const c = new BytesContents(4, 4);
    const swap = c.sibling();
    c.writeBytes(0, page(5));
    const id = c.idOf(0);
    swap.copyFrom(9, c, 0); // past its length: it grows
    expect(swap.idOf(9)).toBe(id);
    expect(c.store.refs[id]).toBe(2);
    c.zero(0);
    c.copyFrom(1, swap, 9);
    expect(c.idOf(1)).toBe(id);
    swap.drop(9);
    expect(c.store.refs[id]).toBe(1);
    const other = new BytesContents(2, 4); // another store: the bytes are copied and interned there
    other.copyFrom(0, c, 1);
    expect(other.read(0)).toEqual(page(5));
    recount(c.store, [c, swap]);
    recount(other.store, [other]);
  });

  it("random writes, copies, zeroes and frees keep every page's bytes and the counts a recount gives", () => {
    const n = 12;
    const op = fc.oneof(
      fc.record({ k: fc.constant("bytes" as const), i: fc.nat(n - 1), seed: fc.nat(6) }),
      fc.record({ k: fc.constant("token" as const), i: fc.nat(n - 1), seed: fc.nat(6) }),
      fc.record({ k: fc.constant("copy" as const), i: fc.nat(n - 1), j: fc.nat(n - 1), swap: fc.boolean() }),
      fc.record({ k: fc.constant("zero" as const), i: fc.nat(n - 1) }),
      fc.record({ k: fc.constant("drop" as const), i: fc.nat(n - 1), swap: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const c = new BytesContents(n, 2); // arenas of 2: contents spread over many
        const s = c.sibling(n);
        const want = [new Array<Uint8Array>(n), new Array<Uint8Array>(n)];
        const zero = new Uint8Array(4096);
        for (let i = 0; i < n; i++) want[0]![i] = want[1]![i] = zero;
        for (const o of ops) {
          if (o.k === "bytes") {
            c.writeBytes(o.i, page(o.seed, 17 * o.seed));
            want[0]![o.i] = page(o.seed, 17 * o.seed);
          } else if (o.k === "token") {
            c.writeToken(o.i, o.seed);
            want[0]![o.i] = tokenPage(o.seed);
          } else if (o.k === "copy") {
            const [to, from] = o.swap ? [s, c] : [c, s];
            to.copyFrom(o.i, from, o.j);
            want[o.swap ? 1 : 0]![o.i] = want[o.swap ? 0 : 1]![o.j]!;
          } else if (o.k === "zero") {
            c.zero(o.i);
            want[0]![o.i] = zero;
          } else {
            (o.swap ? s : c).drop(o.i);
            want[o.swap ? 1 : 0]![o.i] = zero;
          }
        }
        [c, s].forEach((store, w) => {
          for (let i = 0; i < n; i++) {
            const out = new Uint8Array(4096);
            store.readInto(i, out);
            expect(Buffer.compare(Buffer.from(out), Buffer.from(want[w]![i]!))).toBe(0);
            expect(store.checksum(i)).toBe(pageChecksum(want[w]![i]!));
            expect(store.isZero(i)).toBe(want[w]![i]!.every((b) => b === 0));
          }
        });
        const got: number[] = [];
        const expected: number[] = [];
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const e = Math.sign(Buffer.compare(Buffer.from(want[0]![i]!), Buffer.from(want[0]![j]!)));
            expected.push(e, e === 0 ? 1 : 0);
            got.push(c.compare(i, j), c.idOf(i) === c.idOf(j) ? 1 : 0); // equal bytes: one content
          }
        }
        expect(got).toEqual(expected);
        recount(c.store, [c, s]);
      }),
      { numRuns: 150 },
    );
  });

  it("a bytes machine stores the distinct contents only, swap device included", () => {
    const m = machine({ contents: "bytes" });
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 1000);
    for (let p = 0; p < 1000; p++) m.write(a, heap, p, page(1 + (p % 10)));
    const c = m.contents as BytesContents;
    expect(c.store.live).toBe(11); // ten contents and the zero page
    const bytesBefore = c.store.arenas.length;
    m.swapout(a, heap, 0, 1000);
    m.shrinkSwapCache();
    expect(c.store.live).toBe(11); // the swap slots hold the same contents
    expect(c.store.arenas.length).toBe(bytesBefore);
    m.swapin(a, heap, 0, 500);
    for (const p of [0, 7, 499, 500, 999]) expect(m.read(a, heap, p)).toEqual(page(1 + (p % 10)));
    ok(m);
    m.exit(a);
    m.drainDeferred();
    expect(c.store.live).toBe(1);
    recount(c.store, [c, m.swap.store as BytesContents]);
  });

  it("checkInvariants recounts the store: a count off by one, or a free frame holding content, is reported", () => {
    const m = machine({ contents: "bytes" });
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 4);
    m.write(a, heap, 0, page(1));
    m.write(a, heap, 1, page(1));
    const c = m.contents as BytesContents;
    const id = c.idOf(0);
    ok(m);
    c.store.refs[id]!++;
    expect(checkInvariants(m)).toContain(`content ${id}: count 3 but 2 pages hold it`);
    c.store.refs[id]!--;
    const free = 100; // a frame never handed out
    c.ids[free] = id;
    expect(checkInvariants(m).join("\n")).toMatch(`pfn ${free}: free but holds content ${id}`);
  });
});
