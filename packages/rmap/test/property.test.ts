import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  advanceLinkTo,
  clearTreeFlags,
  getNextRmapItem,
  ksmEnter,
  ksmExitPlacement,
  type MmSlot,
  RmapItems,
  removeAllRmapItemsOf,
  removeTrailingRmapItems,
  rewindCursor,
  setUnstable,
  shouldSkipRmapItem,
} from "../src/index.js";
import { addresses, expectConsistent, fresh, order } from "./helpers.js";

const VM_START = 1; // every mm has one VMA [1, 33) when mergeable
const VM_END = 33;

interface MmModel {
  pages: number[]; // present anon pages, sorted
  mergeable: boolean;
  exiting: boolean;
}

type Op =
  | { t: "enterNew"; atTail: boolean; pages: number[]; mergeable: boolean }
  | { t: "reenter"; pick: number; atTail: boolean }
  | { t: "exit"; pick: number }
  | { t: "pages"; pick: number; pages: number[]; mergeable: boolean }
  | { t: "scan"; n: number; smart: boolean }
  | { t: "fullScans"; smart: boolean }
  | { t: "unmergeAll" };

const pagesArb = fc.uniqueArray(fc.integer({ min: VM_START, max: VM_END - 1 }), { maxLength: 12 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("enterNew" as const),
      atTail: fc.boolean(),
      pages: pagesArb,
      mergeable: fc.integer({ min: 0, max: 6 }).map((n) => n > 0),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("reenter" as const), pick: fc.nat(), atTail: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("exit" as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("pages" as const),
      pick: fc.nat(),
      pages: pagesArb,
      mergeable: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ t: fc.constant("scan" as const), n: fc.integer({ min: 1, max: 40 }), smart: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("fullScans" as const), smart: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ t: "unmergeAll" as const }) },
);

/** Runs a sequence against the structures, mirroring scan_get_next_rmap_item around them. */
function run(ops: Op[]): void {
  const { items, list } = fresh();
  const scan = list.scan;
  const mms = new Map<number, MmModel>();
  let nextMm = 1;

  // remove_rmap_item_from_tree, as far as the item's own fields go
  const removeFromTree = (id: number) => {
    expect(items.isAllocated(id)).toBe(true);
    clearTreeFlags(items, id);
  };
  const alive = (pick: number, ok: (m: MmModel, mm: number) => boolean): number | undefined => {
    const ids = [...mms].filter(([mm, m]) => ok(m, mm)).map(([mm]) => mm);
    return ids.length === 0 ? undefined : ids[pick % ids.length];
  };

  /** One scan_get_next_rmap_item: true if it returned an item. */
  const scanNext = (smart: boolean): boolean => {
    if (list.isEmpty()) return false;
    let slot: MmSlot = scan.mmSlot;
    if (slot === list.head) {
      slot = list.head.next;
      scan.mmSlot = slot;
      rewindCursor(list);
    }
    for (;;) {
      const m = mms.get(slot.mm)!;
      if (!m.exiting && m.mergeable) {
        if (scan.address < VM_START) scan.address = VM_START;
        for (const p of m.pages) {
          if (p < scan.address) continue;
          const from = scan.address;
          scan.address = p;
          let last = -1;
          const id = getNextRmapItem(list, slot, p, (stale) => {
            const a = items.addressOf(stale);
            expect(a).toBeGreaterThan(last);
            expect(a).toBeGreaterThanOrEqual(from);
            expect(a).toBeLessThan(p);
            expect(m.pages).not.toContain(a);
            last = a;
            removeFromTree(stale);
          });
          expect(items.addressOf(id)).toBe(p);
          expect(items.mmOf(id)).toBe(slot.mm);
          advanceLinkTo(list, id);
          scan.address = p + 1;
          if (shouldSkipRmapItem(items, id, false, smart)) {
            removeFromTree(id);
            continue;
          }
          clearTreeFlags(items, id); // cmp_and_merge_page, crudely
          setUnstable(items, id, scan.seqnr, 0);
          return true;
        }
        scan.address = VM_END;
      }
      if (m.exiting) rewindCursor(list);
      let last = -1;
      removeTrailingRmapItems(list, (id) => {
        expect(items.addressOf(id)).toBeGreaterThan(last);
        last = items.addressOf(id);
        removeFromTree(id);
      });
      const next = slot.next;
      scan.mmSlot = next;
      if (scan.address === 0) {
        list.removeSlot(slot);
        if (m.exiting) mms.delete(slot.mm);
      }
      if (next === list.head) {
        scan.seqnr++;
        return false;
      }
      slot = next;
      rewindCursor(list);
    }
  };

  const finishPass = (smart: boolean) => {
    for (let guard = 0; scanNext(smart); guard++) expect(guard).toBeLessThan(10_000);
  };

  for (const op of ops) {
    switch (op.t) {
      case "enterNew": {
        const mm = nextMm++;
        const expectEmpty = list.isEmpty();
        const cursor = scan.mmSlot;
        mms.set(mm, { pages: [...op.pages].sort((a, b) => a - b), mergeable: op.mergeable, exiting: false });
        expect(ksmEnter(list, mm, { atTail: op.atTail })).toBe(expectEmpty);
        expect(list.slotOf(mm)!.next).toBe(op.atTail ? list.head : cursor);
        break;
      }
      case "reenter": {
        const mm = alive(op.pick, (m, id) => !m.exiting && list.slotOf(id) === undefined);
        if (mm === undefined) break;
        mms.get(mm)!.mergeable = true;
        ksmEnter(list, mm, { atTail: op.atTail });
        break;
      }
      case "exit": {
        const mm = alive(op.pick, (m) => !m.exiting);
        if (mm === undefined) break;
        const slot = list.slotOf(mm);
        const cursor = scan.mmSlot;
        const itemsBefore = items.rmapItemsOf(mm);
        const placed = ksmExitPlacement(list, mm);
        if (slot === undefined) {
          expect(placed).toBe("not-found");
          mms.delete(mm);
        } else if (slot === cursor) {
          expect(placed).toBe("cursor");
          mms.get(mm)!.exiting = true;
        } else if (itemsBefore === 0) {
          expect(placed).toBe("easy-to-free");
          expect(list.slotOf(mm)).toBeUndefined();
          mms.delete(mm);
        } else {
          expect(placed).toBe("moved");
          expect(cursor.next).toBe(slot);
          mms.get(mm)!.exiting = true;
        }
        break;
      }
      case "pages": {
        const mm = alive(op.pick, (m) => !m.exiting);
        if (mm === undefined) break;
        const m = mms.get(mm)!;
        m.pages = [...op.pages].sort((a, b) => a - b);
        m.mergeable = op.mergeable;
        break;
      }
      case "scan":
        for (let i = 0; i < op.n; i++) scanNext(op.smart);
        break;
      case "fullScans": {
        finishPass(op.smart);
        const seqnr = scan.seqnr;
        finishPass(op.smart);
        if (!list.isEmpty()) expect(scan.seqnr).toBe(seqnr + 1);
        expect(scan.mmSlot).toBe(list.head);
        // A whole pass with nothing changing: each list is exactly the present pages.
        for (const [mm, m] of mms) {
          const slot = list.slotOf(mm);
          expect(m.exiting).toBe(false);
          if (!m.mergeable) {
            expect(slot).toBeUndefined();
            expect(items.rmapItemsOf(mm)).toBe(0);
          } else if (slot !== undefined) {
            expect(addresses(list, slot)).toEqual(m.pages);
            expect(items.rmapItemsOf(mm)).toBe(m.pages.length);
          }
        }
        break;
      }
      case "unmergeAll": {
        // unmerge_and_remove_all_rmap_items
        scan.mmSlot = list.head.next;
        while (scan.mmSlot !== list.head) {
          const slot = scan.mmSlot;
          removeAllRmapItemsOf(list, slot, removeFromTree);
          scan.mmSlot = slot.next;
          if (mms.get(slot.mm)!.exiting) {
            list.removeSlot(slot);
            mms.delete(slot.mm);
          }
        }
        scan.seqnr = 0;
        expect(items.ksmRmapItems).toBe(0);
        break;
      }
    }
    expectConsistent(items, list);
    expect(new Set(order(list)).size).toBe(list.size);
    for (const mm of order(list)) expect(mms.has(mm)).toBe(true);
  }
}

describe("rmap structures under random enter/exit/scan/unmerge sequences", () => {
  it("keep every invariant after every step", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 80, size: "max" }), (ops) => run(ops)),
      { numRuns: 200 },
    );
  });
});

describe("RmapItems under random alloc/free", () => {
  it("matches a model of live ids, counts and fields, and reuses freed ids first", () => {
    const step = fc.oneof(
      fc.record({ alloc: fc.constant(true as const), mm: fc.integer({ min: 0, max: 3 }), address: fc.nat(1000) }),
      fc.record({ alloc: fc.constant(false as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const items = new RmapItems();
        const live = new Map<number, { mm: number; address: number }>();
        const freed: number[] = [];
        for (const s of steps) {
          if (s.alloc) {
            const id = items.alloc(s.mm, s.address);
            expect(live.has(id)).toBe(false);
            if (freed.length > 0) expect(id).toBe(freed.pop());
            live.set(id, { mm: s.mm, address: s.address });
          } else if (live.size > 0) {
            const id = [...live.keys()][s.pick % live.size]!;
            items.free(id);
            live.delete(id);
            freed.push(id);
            expect(() => items.free(id)).toThrow();
          }
          expect(items.ksmRmapItems).toBe(live.size);
          for (let mm = 0; mm <= 3; mm++) {
            expect(items.rmapItemsOf(mm)).toBe([...live.values()].filter((v) => v.mm === mm).length);
          }
        }
        for (const [id, v] of live) {
          expect(items.isAllocated(id)).toBe(true);
          expect(items.mmOf(id)).toBe(v.mm);
          expect(items.addressOf(id)).toBe(v.address);
        }
        for (const id of freed) expect(items.isAllocated(id)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
