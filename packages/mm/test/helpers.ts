import { expect } from "vitest";
import {
  type ContentShadow,
  checkInvariants,
  createMachine,
  followPage,
  type KsmHooks,
  type Machine,
  type MachineOptions,
  noKsmHooks,
  pteAt,
  type Vma,
} from "../src/index.js";

/** A machine whose invariants are checked by `ok()`. */
export function machine(options: MachineOptions = {}): Machine {
  return createMachine({ topology: { nodes: 1, pagesPerNode: 4096 }, ...options });
}

/** Asserts the machine's invariants (and the shadow's contents when given). */
export function ok(m: Machine, shadow?: ContentShadow): void {
  expect(checkInvariants(m)).toEqual([]);
  if (shadow) expect(shadow.verify(m)).toEqual([]);
}

/** The pfn page `page` maps (-1 when none). */
export function pfn(vma: Vma, page: number): number {
  return followPage(vma, page);
}

export function pte(vma: Vma, page: number): number {
  return pteAt(vma, page);
}

/** Hooks that record every call (and answer madvise "ok", might-need-to-copy per `copy`). */
export function recordingHooks(copy: (pfn: number) => boolean = () => false): KsmHooks & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    ksmMadvise: (mm, vma, advice, start, count) => {
      calls.push(`madvise ${mm.name} ${vma.name} ${advice} ${start} ${count}`);
      return "ok";
    },
    ksmFork: (child, parent) => void calls.push(`fork ${parent.name} ${child.name}`),
    ksmExit: (mm) => void calls.push(`exit ${mm.name} users=${mm.users}`),
    vmaCreated: (mm, vma) => void calls.push(`vma ${mm.name} ${vma.name}`),
    ksmZeroPageUnmapped: (mm) => void calls.push(`zero-unmapped ${mm.name}`),
    ksmMightNeedToCopy: (p) => {
      calls.push(`might-copy ${p}`);
      return copy(p) ? "copy" : noKsmHooks.ksmMightNeedToCopy(p, null as never, null as never, 0);
    },
    folioMigrateKsm: (n, o) => void calls.push(`migrate-ksm ${o}->${n}`),
    memoryOffline: (s, e) => void calls.push(`offline ${s}-${e}`),
  };
}
