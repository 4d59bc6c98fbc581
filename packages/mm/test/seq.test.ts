/**
 * Machine.seq moves on every change made through @ksm-sim/mm: KSM trusts its
 * unstable trees between two ksmd batches only while it has not moved (see
 * KsmState.treeTrusted in @ksm-sim/ksm), so a call that changed memory
 * without moving it would let a walk steer by a stale hint.
 *
 * Every runtime export of the package index, and every method of its
 * runtime classes, is classified here: a reader (a sample call leaves seq
 * and the whole machine state as they were) or a mutator (a call with valid
 * arguments moves seq). An export or method added without a classification
 * fails the test, named in the message.
 */
import { describe, expect, it } from "vitest";
import type { Machine, Mm, TokenContents, Vma } from "../src/index.js";
import * as mm from "../src/index.js";

interface Fixture {
  m: Machine;
  p: Mm;
  v: Vma;
  /** The frames behind pages 0 and 1 of `v`. */
  p0: number;
  p1: number;
}

/** A machine with pages 0..3 of P's VMA "h" written (tokens 5..8) and the batches drained. */
function fixture(): Fixture {
  const m = mm.createMachine({ topology: { nodes: 2, pagesPerNode: 64 } });
  const p = m.spawn("P");
  const v = m.mmap(p, "h", 8, { node: 0 });
  m.writeRange(p, v, 0, 4, { from: 5 });
  m.drainDeferred(); // no lru_add references: the refcount rule of writeProtectPage holds
  return { m, p, v, p0: mm.followPage(v, 0), p1: mm.followPage(v, 1) };
}

/** A call under test: sets up on the fixture (which may move seq), returns the call. */
type Case = (f: Fixture) => () => unknown;

/** What the free functions and classes of the index do to seq. Classes are classified by their constructor. */
const readers: Record<string, Case> = {
  // checks and dumps
  checkInvariants: (f) => () => mm.checkInvariants(f.m),
  dumpMachine: (f) => () => mm.dumpMachine(f.m),
  ContentShadow: () => () => new mm.ContentShadow(),
  // a new machine, a new store or an error: nothing of an existing machine
  createMachine: () => () => mm.createMachine({ topology: { nodes: 1, pagesPerNode: 16 } }),
  Machine: () => () => new mm.Machine({ topology: { nodes: 1, pagesPerNode: 16 } }),
  createContents: () => () => mm.createContents("bytes", 4, 4),
  TokenContents: () => () => new mm.TokenContents(4),
  MmError: () => () => new mm.MmError("EINVAL", "x: bad"),
  // page contents as values
  pageChecksum: () => () => mm.pageChecksum(mm.tokenPage(3)),
  tokenChecksum: () => () => mm.tokenChecksum(3),
  bswap32: () => () => mm.bswap32(0x01020304),
  fmix32: () => () => mm.fmix32(3),
  fmix32Inverse: () => () => mm.fmix32Inverse(3),
  isToken: () => () => mm.isToken(3),
  tokenOfOrderKey: () => () => mm.tokenOfOrderKey(mm.tokenOrderKey(3)),
  tokenOrderKey: () => () => mm.tokenOrderKey(3),
  tokenPage: () => () => mm.tokenPage(3),
  tokenWord: () => () => mm.tokenWord(3, 1),
  fillTokenWords: () => () => mm.fillTokenWords(3, new Uint32Array(1024), 0),
  describePageValue: () => () => mm.describePageValue(3),
  samePageValue: () => () => mm.samePageValue(3, mm.tokenPage(3)),
  xxh64Hex: () => () => mm.xxh64Hex(new Uint8Array(16)),
  xxh64PageLow32: () => () => mm.xxh64PageLow32(new Uint32Array(1024), 0),
  describeFlags: () => () => mm.describeFlags(mm.PG_ANON | mm.PG_KSM),
  // frames, as KSM reads them
  anonSwapCacheMatches: (f) => () => mm.anonSwapCacheMatches(f.m, f.p0, f.v, 0),
  isKsmPage: (f) => () => mm.isKsmPage(f.m, f.p0),
  ksmStableNodeOf: (f) => () => mm.ksmStableNodeOf(f.m, f.p0),
  linearPageIndex: (f) => () => mm.linearPageIndex(f.v, 2),
  pageNode: (f) => () => mm.pageNode(f.m, f.p0),
  pageAddressInVma: (f) => () => mm.pageAddressInVma(f.m, f.p0, f.v),
  vmaPlacement: (f) => () => mm.vmaPlacement(f.m, f.v),
  // page tables
  followPage: (f) => () => mm.followPage(f.v, 0),
  nextPresentAnon: (f) => () => mm.nextPresentAnon(f.v, 1),
  nextMappedPte: (f) => () => mm.nextMappedPte(f.v, 1),
  pteAt: (f) => () => mm.pteAt(f.v, 0),
  ptePfn: (f) => () => mm.ptePfn(mm.pteAt(f.v, 0)),
  isKsmZeroPte: () => () => mm.isKsmZeroPte(mm.PTE_KSM_ZERO),
  mkPagePte: () => () => mm.mkPagePte(3, mm.PTE_WRITE),
  mkSwapPte: () => () => mm.mkSwapPte(3, true),
  pteKind: (f) => () => mm.pteKind(mm.pteAt(f.v, 0)),
  pteKindName: (f) => () => mm.pteKindName(mm.pteAt(f.v, 0)),
  ptePayload: (f) => () => mm.ptePayload(mm.pteAt(f.v, 0)),
};

/** The primitives KSM drives: each moves seq itself. Each call here changes the machine. */
const mutators: Record<string, Case> = {
  getRef: (f) => () => mm.getRef(f.m, f.p0),
  putRef: (f) => {
    mm.getRef(f.m, f.p0);
    return () => mm.putRef(f.m, f.p0);
  },
  trylockPage: (f) => () => mm.trylockPage(f.m, f.p0),
  unlockPage: (f) => {
    mm.trylockPage(f.m, f.p0);
    return () => mm.unlockPage(f.m, f.p0);
  },
  setKsm: (f) => () => mm.setKsm(f.m, f.p0, 1),
  markDirty: (f) => () => mm.markDirty(f.m, f.p0),
  writeProtectPage: (f) => {
    mm.getRef(f.m, f.p0);
    return () => mm.writeProtectPage(f.m, f.v, 0, f.p0);
  },
  replacePage: (f) => {
    mm.getRef(f.m, f.p0);
    expect(mm.writeProtectPage(f.m, f.v, 0, f.p0)).not.toBe(-1);
    mm.setKsm(f.m, f.p0, 1);
    mm.getRef(f.m, f.p1);
    const orig = mm.writeProtectPage(f.m, f.v, 1, f.p1);
    return () => expect(mm.replacePage(f.m, f.v, 1, f.p0, orig)).toBe(true);
  },
  unshareFault: (f) => {
    f.m.fork(f.p); // page 0 is now shared read-only: the unshare fault copies it
    return () => expect(mm.unshareFault(f.m, f.v, 0)).toBe("ok");
  },
  isolateVmaRange: (f) => () => mm.isolateVmaRange(f.m, f.v, 2, 2),
  lruAddDrainAll: (f) => {
    f.m.write(f.p, f.v, 5, 9); // a new frame waits in the lru_add batch
    return () => mm.lruAddDrainAll(f.m);
  },
};

/** Every method of Machine moves seq, `read` too (one rule for every method; it changes nothing). */
const machineMethods: Record<string, Case> = {
  setHooks: (f) => () => f.m.setHooks(mm.noKsmHooks),
  spawn: (f) => () => f.m.spawn("Q"),
  mmap: (f) => () => f.m.mmap(f.p, "g", 2),
  munmap: (f) => {
    const g = f.m.mmap(f.p, "g", 2);
    return () => f.m.munmap(f.p, g);
  },
  write: (f) => () => f.m.write(f.p, f.v, 0, 5),
  writeRange: (f) => () => f.m.writeRange(f.p, f.v, 1, 2, 6),
  read: (f) => () => f.m.read(f.p, f.v, 0),
  madviseDontneed: (f) => () => f.m.madviseDontneed(f.p, f.v, 1, 1),
  madviseMergeable: (f) => () => f.m.madviseMergeable(f.p, f.v),
  madviseUnmergeable: (f) => () => f.m.madviseUnmergeable(f.p, f.v),
  fork: (f) => () => f.m.fork(f.p),
  exit: (f) => () => f.m.exit(f.p),
  swapout: (f) => () => f.m.swapout(f.p, f.v, 0, 1),
  swapin: (f) => {
    f.m.swapout(f.p, f.v, 0, 1);
    return () => f.m.swapin(f.p, f.v, 0, 1);
  },
  shrinkSwapCache: (f) => {
    f.m.swapout(f.p, f.v, 0, 1);
    return () => f.m.shrinkSwapCache();
  },
  pin: (f) => () => f.m.pin(f.p, f.v, 0, 1, "pin"),
  unpin: (f) => {
    f.m.pin(f.p, f.v, 0, 1, "pin");
    return () => f.m.unpin("pin");
  },
  migrate: (f) => () => f.m.migrate(f.p, f.v, 0, 1, 1),
  offlineNode: (f) => () => f.m.offlineNode(1),
  drainDeferred: (f) => () => f.m.drainDeferred(),
};

const contentsOf = (f: Fixture) => f.m.contents as TokenContents;

/** TokenContents (the fixture's store is one): the methods that only read it. */
const tokenContentsReaders: Record<string, Case> = {
  compare: (f) => () => contentsOf(f).compare(f.p0, f.p1),
  orderHint: (f) => () => contentsOf(f).orderHint(f.p0),
  orderKey: (f) => () => contentsOf(f).orderKey(f.p0),
  isZero: (f) => () => contentsOf(f).isZero(f.p0),
  checksum: (f) => () => contentsOf(f).checksum(f.p0), // fills the token memo only
  checksumKey: (f) => () => contentsOf(f).checksumKey(f.p0),
  keyChecksum: (f) => () => contentsOf(f).keyChecksum(contentsOf(f).checksumKey(f.p0)),
  keyChecksumIs: (f) => () => contentsOf(f).keyChecksumIs(contentsOf(f).checksumKey(f.p0), 0),
  readToken: (f) => () => contentsOf(f).readToken(f.p0),
  read: (f) => () => contentsOf(f).read(f.p0),
  readInto: (f) => () => contentsOf(f).readInto(f.p0, new Uint8Array(4096)),
};

/**
 * TokenContents' writes: a store's own, which mm's operations make after
 * moving seq. `machine.contents` is for reading; writing it directly is no
 * path of the package (it would bypass mm's invariants as well as seq).
 * The class stays a value for the floor bench of @ksm-sim/ksm (see index.ts).
 */
const tokenContentsStoreWrites = ["copy", "copyFrom", "drop", "grow", "writeBytes", "writeToken", "zero"];

/** ContentShadow records what processes should read: its methods change the shadow, never the machine. */
const contentShadowReaders: Record<string, Case> = {
  write: (f) => () => new mm.ContentShadow().write(f.p, f.v, 0, 5),
  zap: (f) => () => new mm.ContentShadow().zap(f.p, f.v, 0, 1),
  unmap: (f) => () => new mm.ContentShadow().unmap(f.p, f.v),
  fork: (f) => () => new mm.ContentShadow().fork(f.p, f.p),
  exit: (f) => () => new mm.ContentShadow().exit(f.p),
  expected: (f) => () => new mm.ContentShadow().expected(f.p, f.v, 0),
  verify: (f) => {
    const shadow = new mm.ContentShadow();
    for (let page = 0; page < 4; page++) shadow.write(f.p, f.v, page, 5 + page);
    return () => expect(shadow.verify(f.m)).toEqual([]);
  },
};

const exported = Object.entries(mm as Record<string, unknown>);
const functions = exported.filter(([, v]) => typeof v === "function").map(([name]) => name);
const isClass = (v: unknown) => typeof v === "function" && /^class[\s{]/.test(Function.prototype.toString.call(v));
const classes = exported.filter(([, v]) => isClass(v)).map(([name]) => name);

/** The own methods of a class's prototype (accessors excluded: they only read). */
function methodsOf(name: string): string[] {
  const proto = (mm as unknown as Record<string, { prototype: object }>)[name]!.prototype;
  return Object.getOwnPropertyNames(proto).filter((n) => {
    const d = Object.getOwnPropertyDescriptor(proto, n)!;
    return n !== "constructor" && typeof d.value === "function";
  });
}

/** The classification of each runtime class's methods: reader and mutator cases, and named exceptions. */
const classMethods: Record<string, { readers: Record<string, Case>; mutators: Record<string, Case>; other: string[] }> =
  {
    Machine: { readers: {}, mutators: machineMethods, other: [] },
    MmError: { readers: {}, mutators: {}, other: [] },
    TokenContents: { readers: tokenContentsReaders, mutators: {}, other: tokenContentsStoreWrites },
    ContentShadow: { readers: contentShadowReaders, mutators: {}, other: [] },
  };

/** Runs a reader case: seq and the whole machine state stay as they were. */
function expectReads(name: string, c: Case): void {
  const f = fixture();
  const call = c(f);
  const seq = f.m.seq;
  const before = mm.dumpMachine(f.m);
  call();
  expect(f.m.seq, `${name} moved seq`).toBe(seq);
  expect(mm.dumpMachine(f.m), `${name} changed the machine`).toEqual(before);
}

/** Runs a mutator case: seq moves (and, with `changes`, the machine state changed too). */
function expectMoves(name: string, c: Case, changes: boolean): void {
  const f = fixture();
  const call = c(f);
  const seq = f.m.seq;
  const before = mm.dumpMachine(f.m);
  call();
  expect(f.m.seq, `${name} left seq as it was`).toBeGreaterThan(seq);
  if (changes) expect(mm.dumpMachine(f.m), `${name} was called with arguments that change nothing`).not.toEqual(before);
}

describe("Machine.seq: every runtime export is classified", () => {
  it("every function and class of the index is a reader or a mutator, exactly once", () => {
    const unclassified = functions.filter((n) => !(n in readers) && !(n in mutators));
    expect(unclassified, "exports of @ksm-sim/mm classified neither as reader nor as mutator in seq.test.ts").toEqual(
      [],
    );
    const both = Object.keys(readers).filter((n) => n in mutators);
    expect(both, "classified both as reader and as mutator").toEqual([]);
    const stale = [...Object.keys(readers), ...Object.keys(mutators)].filter((n) => !functions.includes(n));
    expect(stale, "classified in seq.test.ts but not a function exported by the index").toEqual([]);
  });

  it("every method of every runtime class is classified, exactly once", () => {
    const unlisted = classes.filter((n) => !(n in classMethods));
    expect(unlisted, "runtime classes of the index whose methods seq.test.ts does not classify").toEqual([]);
    const gone = Object.keys(classMethods).filter((n) => !classes.includes(n));
    expect(gone, "classes classified in seq.test.ts but not exported as values by the index").toEqual([]);
    for (const [name, c] of Object.entries(classMethods)) {
      const listed = [...Object.keys(c.readers), ...Object.keys(c.mutators), ...c.other];
      expect(listed.sort(), `methods of ${name}: classified in seq.test.ts vs defined`).toEqual(methodsOf(name).sort());
      expect(new Set(listed).size, `methods of ${name} classified twice`).toBe(listed.length);
    }
  });

  it("the other exports are numbers, booleans, frozen lists of numbers, or noKsmHooks, whose hooks change nothing", () => {
    const others = exported.filter(([, v]) => typeof v !== "function");
    const constant = (v: unknown) =>
      typeof v === "number" ||
      typeof v === "boolean" ||
      (Array.isArray(v) && Object.isFrozen(v) && v.every((x) => typeof x === "number"));
    const odd = others.filter(([name, v]) => !constant(v) && name !== "noKsmHooks").map(([name]) => name);
    expect(odd, "exports that are neither functions nor constants, nor noKsmHooks").toEqual([]);
    expect(Object.isFrozen(mm.noKsmHooks)).toBe(true);
    for (const [name, hook] of Object.entries(mm.noKsmHooks)) {
      expectReads(
        `noKsmHooks.${name}`,
        (f) => () => (hook as (...a: unknown[]) => unknown)(f.p, f.v, "mergeable", 0, 1),
      );
    }
  });
});

describe("Machine.seq: readers leave it and the machine as they were", () => {
  for (const [name, c] of Object.entries(readers)) it(name, () => expectReads(name, c));
  for (const [cls, { readers: methods }] of Object.entries(classMethods)) {
    for (const [name, c] of Object.entries(methods)) it(`${cls}.${name}`, () => expectReads(`${cls}.${name}`, c));
  }
});

describe("Machine.seq: mutators move it", () => {
  for (const [name, c] of Object.entries(mutators)) it(name, () => expectMoves(name, c, true));
  for (const [cls, { mutators: methods }] of Object.entries(classMethods)) {
    for (const [name, c] of Object.entries(methods)) {
      it(`${cls}.${name}`, () => expectMoves(`${cls}.${name}`, c, false));
    }
  }
});
