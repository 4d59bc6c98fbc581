/**
 * Random operation sequences over several processes, run side by side on a
 * token machine and a bytes machine. After every step: the invariants hold
 * on both, every process reads what it last wrote (ContentShadow), and the
 * two machines are indistinguishable (same state dump, same reads, same
 * compare and checksum results). A KSM-like "merge" step drives the
 * primitives KSM uses, so COW of KSM pages, swap, migration and the hooks
 * meet them too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  anonSwapCacheMatches,
  ContentShadow,
  checkInvariants,
  createMachine,
  dumpMachine,
  followPage,
  getRef,
  isKsmPage,
  isKsmZeroPte,
  type KsmHooks,
  type Machine,
  type Mm,
  MmError,
  nextMappedPte,
  pteAt,
  putRef,
  replacePage,
  setKsm,
  trylockPage,
  unlockPage,
  unshareFault,
  type Vma,
  writeProtectPage,
  ZERO_PFN,
} from "../src/index.js";

type RangeCmd<O> = O extends string ? { op: O; p: number; v: number; start: number; count: number } : never;
type Cmd =
  | { op: "spawn" }
  | { op: "mmap"; p: number; pages: number; node: number }
  | { op: "write"; p: number; v: number; page: number; token: number }
  | { op: "read"; p: number; v: number; page: number }
  | RangeCmd<"dontneed" | "swapout" | "swapin" | "pin">
  | { op: "migrate"; p: number; v: number; start: number; count: number; node: number }
  | { op: "fork"; p: number }
  | { op: "exit"; p: number }
  | { op: "munmap"; p: number; v: number }
  | { op: "unpin"; k: number }
  | { op: "drain" }
  | { op: "shrink" }
  | { op: "merge"; p: number; v: number; page: number; q: number; w: number; page2: number; zero: boolean }
  | { op: "unshare"; p: number; v: number; page: number };

const i = fc.nat(50);
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.constant({ op: "spawn" as const }), weight: 2 },
  {
    arbitrary: fc.record({
      op: fc.constant("mmap" as const),
      p: i,
      pages: fc.integer({ min: 1, max: 12 }),
      node: fc.integer({ min: -1, max: 1 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      op: fc.constant("write" as const),
      p: i,
      v: i,
      page: i,
      token: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.nat()),
    }),
    weight: 12,
  },
  { arbitrary: fc.record({ op: fc.constant("read" as const), p: i, v: i, page: i }), weight: 1 },
  ...(["dontneed", "swapout", "swapin", "pin"] as const).map((op) => ({
    arbitrary: fc.record({ op: fc.constant(op), p: i, v: i, start: i, count: i }),
    weight: op === "dontneed" ? 2 : 3,
  })),
  {
    arbitrary: fc.record({
      op: fc.constant("migrate" as const),
      p: i,
      v: i,
      start: i,
      count: i,
      node: fc.integer({ min: 0, max: 1 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant("fork" as const), p: i }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant("exit" as const), p: i }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant("munmap" as const), p: i, v: i }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant("unpin" as const), k: i }), weight: 2 },
  { arbitrary: fc.constantFrom({ op: "drain" as const }, { op: "shrink" as const }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant("merge" as const),
      p: i,
      v: i,
      page: i,
      q: i,
      w: i,
      page2: i,
      zero: fc.boolean(),
    }),
    weight: 6,
  },
  { arbitrary: fc.record({ op: fc.constant("unshare" as const), p: i, v: i, page: i }), weight: 1 },
);

/** Hooks that behave as KSM would for what mm can see: zero-page counters and ksm_might_need_to_copy. */
function ksmLikeHooks(m: () => Machine): KsmHooks {
  return {
    ksmMadvise: () => "ok",
    ksmFork: () => {},
    ksmExit: () => {},
    vmaCreated: () => {},
    ksmZeroPageUnmapped: (mm) => void mm.ksmZeroPages--,
    ksmMightNeedToCopy: (pfn, _mm, vma, page) =>
      isKsmPage(m(), pfn) || anonSwapCacheMatches(m(), pfn, vma, page) ? "same" : "copy",
    folioMigrateKsm: () => {},
    memoryOffline: () => {},
  };
}

class Side {
  readonly m: Machine;
  readonly shadow = new ContentShadow();
  nextPin = 0;
  nextNode = 1;
  constructor(mode: "tokens" | "bytes") {
    this.m = createMachine({
      topology: { nodes: 2, pagesPerNode: 10 },
      contents: mode,
      batchSize: 5,
      hooks: ksmLikeHooks(() => this.m),
    });
    this.lastDump = JSON.stringify(dumpMachine(this.m));
  }

  /**
   * try_to_merge_one_page as KSM does it, on one of the pages that could
   * merge now (chosen by the command's numbers): a page onto another page's
   * frame with the same contents (made a KSM page first), or a zero page onto
   * the zero page.
   */
  merge(c: Extract<Cmd, { op: "merge" }>): string {
    const m = this.m;
    const present: { mm: Mm; vma: Vma; page: number; pfn: number }[] = [];
    for (const mm of m.mms.values()) {
      for (const vma of mm.vmas) {
        for (let page = 0; page < vma.pages; page++) {
          const pfn = followPage(vma, page);
          if (pfn >= 0) present.push({ mm, vma, page, pfn });
        }
      }
    }
    const pairs: [(typeof present)[number] | null, (typeof present)[number]][] = [];
    for (const y of present) {
      if (c.zero) {
        if (m.contents.isZero(y.pfn)) pairs.push([null, y]);
        continue;
      }
      for (const x of present) if (x.pfn !== y.pfn && m.contents.compare(x.pfn, y.pfn) === 0) pairs.push([x, y]);
    }
    if (pairs.length === 0) return "skip";
    const [x, y] = pairs[(c.p * 51 + c.q) % pairs.length]!;
    let target = ZERO_PFN;
    if (x !== null) {
      const p1 = x.pfn;
      if (!isKsmPage(m, p1)) {
        getRef(m, p1);
        if (trylockPage(m, p1)) {
          if (writeProtectPage(m, x.vma, x.page, p1) >= 0) setKsm(m, p1, this.nextNode++);
          unlockPage(m, p1);
        }
        putRef(m, p1);
        if (!isKsmPage(m, p1)) return "busy";
      }
      target = p1;
    }
    const p2 = y.pfn;
    getRef(m, p2);
    let result = "busy";
    if (trylockPage(m, p2)) {
      const orig = writeProtectPage(m, y.vma, y.page, p2);
      if (orig >= 0 && (target === ZERO_PFN ? m.contents.isZero(p2) : m.contents.compare(target, p2) === 0)) {
        if (replacePage(m, y.vma, y.page, target, orig)) {
          result = target === ZERO_PFN ? "merged-zero" : "merged";
          if (target === ZERO_PFN) y.mm.ksmZeroPages++;
        }
      }
      unlockPage(m, p2);
    }
    putRef(m, p2);
    return result;
  }

  run(c: Cmd): unknown {
    const m = this.m;
    const live = [...m.mms.values()];
    if (c.op === "spawn") return m.spawn(`P${m.nextMmId}`).name;
    if (c.op === "drain") return m.drainDeferred();
    if (c.op === "shrink") return m.shrinkSwapCache();
    if (c.op === "unpin") {
      const ids = [...m.pins.keys()];
      if (ids.length === 0) return "skip";
      return m.unpin(ids[c.k % ids.length]!);
    }
    if (live.length === 0) return "skip";
    const mm = live[c.p % live.length]!;
    if (c.op === "mmap") {
      const name = `v${m.nextVmaId}`;
      m.mmap(mm, name, c.pages, c.node < 0 ? {} : { node: c.node });
      return name;
    }
    if (c.op === "fork") {
      const child = m.fork(mm, `P${m.nextMmId}`);
      this.shadow.fork(mm, child);
      return child.name;
    }
    if (c.op === "exit") {
      m.exit(mm);
      this.shadow.exit(mm);
      return "exited";
    }
    if (c.op === "merge") return this.merge(c);
    if (mm.vmas.length === 0) return "skip";
    const vma = mm.vmas[c.v % mm.vmas.length]!;
    switch (c.op) {
      case "write": {
        const page = c.page % vma.pages;
        m.write(mm, vma, page, c.token);
        this.shadow.write(mm, vma, page, c.token);
        return "ok";
      }
      case "read":
        return m.read(mm, vma, c.page % vma.pages);
      case "munmap":
        m.munmap(mm, vma);
        this.shadow.unmap(mm, vma);
        return "ok";
      case "unshare":
        return unshareFault(m, vma, c.page % vma.pages);
      default: {
        const start = c.start % vma.pages;
        const count = (c.count % (vma.pages - start)) + 1;
        if (c.op === "dontneed") {
          m.madviseDontneed(mm, vma, start, count);
          this.shadow.zap(mm, vma, start, count);
          return "ok";
        }
        if (c.op === "swapout") return m.swapout(mm, vma, start, count);
        if (c.op === "swapin") return m.swapin(mm, vma); // the whole VMA: swapped pages are few
        if (c.op === "pin") return m.pin(mm, vma, start, count, `pin${this.nextPin++}`);
        return m.migrate(mm, vma, start, count, c.node);
      }
    }
  }

  /** The state dump after the last step (what a failed step must leave unchanged). */
  lastDump: string;

  /** Runs a step; an MmError must leave the machine unchanged. Returns the result or the errno. */
  step(c: Cmd): unknown {
    let result: unknown;
    try {
      result = this.run(c);
    } catch (e) {
      if (!(e instanceof MmError)) throw e;
      expect(JSON.stringify(dumpMachine(this.m)), `${c.op} failed with ${e.code} but changed the machine`).toBe(
        this.lastDump,
      );
      if (c.op === "pin") this.nextPin++;
      result = e.code;
    }
    this.lastDump = JSON.stringify(dumpMachine(this.m));
    return result;
  }

  /** Everything that must hold after a step. */
  check(): void {
    expect(checkInvariants(this.m)).toEqual([]);
    expect(this.shadow.verify(this.m)).toEqual([]);
    for (const mm of this.m.mms.values()) {
      let zeros = 0;
      for (const vma of mm.vmas) {
        for (let i = nextMappedPte(vma, 0); i >= 0; i = nextMappedPte(vma, i + 1))
          if (isKsmZeroPte(pteAt(vma, i))) zeros++;
      }
      expect(mm.ksmZeroPages, `${mm.describe()} KSM zero pages`).toBe(zeros);
    }
  }
}

/** The frames in use, in pfn order. */
function liveFrames(m: Machine): number[] {
  const out: number[] = [];
  for (let pfn = 0; pfn < m.frames.capacity; pfn++)
    if (m.frames.flags[pfn] !== 0 && m.frames.flags[pfn] !== 128) out.push(pfn);
  return out;
}

function runBoth(cmds: Cmd[]): void {
  const tok = new Side("tokens");
  const byt = new Side("bytes");
  for (const [n, c] of cmds.entries()) {
    const a = tok.step(c);
    const b = byt.step(c);
    expect(b, `step ${n} ${c.op}`).toEqual(a);
    tok.check();
    byt.check();
    expect(byt.lastDump, `step ${n} ${c.op}: the two modes diverged`).toBe(tok.lastDump);
    const frames = liveFrames(tok.m);
    for (const x of frames) {
      expect(byt.m.contents.checksum(x)).toBe(tok.m.contents.checksum(x));
      for (const y of frames) expect(byt.m.contents.compare(x, y)).toBe(tok.m.contents.compare(x, y));
    }
    for (const mm of tok.m.mms.values()) {
      const other = byt.m.mms.get(mm.id)!;
      mm.vmas.forEach((vma, vi) => {
        for (let page = 0; page < vma.pages; page++) {
          expect(byt.m.read(other, other.vmas[vi]!, page)).toEqual(tok.m.read(mm, vma, page));
        }
      });
    }
  }
}

describe("random operation sequences", () => {
  it("keep the invariants and every process's contents, identically in both content modes", {
    timeout: 120_000,
  }, () => {
    const start: Cmd[] = [
      { op: "spawn" },
      { op: "mmap", p: 0, pages: 6, node: -1 },
      ...[1, 1, 0, 2].map((token, page) => ({ op: "write" as const, p: 0, v: 0, page, token })),
      { op: "fork", p: 0 },
    ];
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 5, maxLength: 60, size: "max" }), (cmds) => runBoth([...start, ...cmds])),
      { numRuns: 120 },
    );
  });

  it("a scripted run through every operation", () => {
    runBoth([
      { op: "spawn" },
      { op: "mmap", p: 0, pages: 6, node: 0 },
      { op: "write", p: 0, v: 0, page: 0, token: 3 },
      { op: "write", p: 0, v: 0, page: 1, token: 3 },
      { op: "write", p: 0, v: 0, page: 2, token: 0 },
      { op: "fork", p: 0 },
      { op: "merge", p: 0, v: 0, page: 0, q: 0, w: 0, page2: 1, zero: false },
      { op: "merge", p: 0, v: 0, page: 0, q: 1, w: 0, page2: 2, zero: true },
      { op: "drain" },
      { op: "merge", p: 0, v: 0, page: 0, q: 0, w: 0, page2: 1, zero: false },
      { op: "merge", p: 0, v: 0, page: 0, q: 0, w: 0, page2: 2, zero: true },
      { op: "swapout", p: 0, v: 0, start: 0, count: 5 },
      { op: "swapin", p: 1, v: 0, start: 0, count: 5 },
      { op: "pin", p: 1, v: 0, start: 0, count: 5 },
      { op: "migrate", p: 1, v: 0, start: 0, count: 5, node: 1 },
      { op: "unpin", k: 0 },
      { op: "migrate", p: 1, v: 0, start: 0, count: 5, node: 1 },
      { op: "write", p: 1, v: 0, page: 0, token: 3 },
      { op: "unshare", p: 0, v: 0, page: 1 },
      { op: "shrink" },
      { op: "dontneed", p: 0, v: 0, start: 0, count: 5 },
      { op: "exit", p: 1 },
      { op: "munmap", p: 0, v: 0 },
      { op: "drain" },
    ]);
  });
});
