/**
 * Machine.seq moves on every public Machine call: KSM trusts its unstable
 * trees between two ksmd batches only while it has not moved (see
 * KsmState.treeTrusted in @ksm-sim/ksm), so a method that changed memory
 * without moving it would let a walk steer by a stale hint.
 */
import { describe, expect, it } from "vitest";
import { createMachine, Machine, noKsmHooks } from "../src/index.js";

describe("Machine.seq", () => {
  it("moves on every public method", () => {
    const m = createMachine({ topology: { nodes: 2, pagesPerNode: 64 } });
    const calls: Record<string, () => unknown> = {};
    const p = m.spawn("P");
    const v = m.mmap(p, "h", 8);
    calls.setHooks = () => m.setHooks(noKsmHooks);
    calls.spawn = () => m.spawn("Q");
    calls.mmap = () => m.mmap(p, "g", 2);
    calls.write = () => m.write(p, v, 0, 5);
    calls.writeRange = () => m.writeRange(p, v, 1, 2, 6);
    calls.read = () => m.read(p, v, 0);
    calls.madviseDontneed = () => m.madviseDontneed(p, v, 1, 1);
    calls.madviseMergeable = () => m.madviseMergeable(p, v);
    calls.madviseUnmergeable = () => m.madviseUnmergeable(p, v);
    calls.fork = () => m.fork(p);
    calls.swapout = () => m.swapout(p, v, 0, 1);
    calls.swapin = () => m.swapin(p, v, 0, 1);
    calls.shrinkSwapCache = () => m.shrinkSwapCache();
    calls.pin = () => m.pin(p, v, 0, 1, "pin");
    calls.unpin = () => m.unpin("pin");
    calls.migrate = () => m.migrate(p, v, 0, 1, 1);
    calls.drainDeferred = () => m.drainDeferred();
    calls.offlineNode = () => m.offlineNode(1);
    calls.munmap = () => m.munmap(p, p.vmas.find((x) => x.name === "g")!);
    calls.exit = () => m.exit(p);
    const methods = Object.getOwnPropertyNames(Machine.prototype).filter((n) => {
      const d = Object.getOwnPropertyDescriptor(Machine.prototype, n)!;
      return n !== "constructor" && typeof d.value === "function";
    });
    expect(Object.keys(calls).sort()).toEqual(methods.sort());
    for (const [name, call] of Object.entries(calls)) {
      const before = m.seq;
      call();
      expect(m.seq, name).toBeGreaterThan(before);
    }
  });
});
