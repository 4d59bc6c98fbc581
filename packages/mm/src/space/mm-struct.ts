/**
 * An address space (`struct mm_struct`): its VMAs in address order, the
 * flags and per-mm counters that KSM owns but that live here as in the
 * kernel, and the count of mmaps and of default-address slots that places
 * the next one.
 */
import type { Vma } from "./vma.js";

export class Mm {
  /** `mm_users`: 1 while live, 0 once exiting. */
  users = 1;
  /** MMF_VM_MERGEABLE, MMF_VM_MERGE_ANY (KSM sets them). */
  flags = 0;
  /** KSM's per-mm counters (`/proc/PID/ksm_stat`); KSM updates them. */
  ksmMergingPages = 0;
  ksmRmapItems = 0;
  ksmZeroPages = 0;
  /** How many mmaps this address space has made, counting the parent's before a fork. */
  mmapCount = 0;
  /**
   * The next free default-address slot (of 2^20 pages, from 2^40): the slots
   * its mmaps took so far, ceil(pages / 2^20) each, counting the parent's
   * before a fork (constants.ts, MMAP_SLOT_PAGES).
   */
  mmapSlot = 0;
  /** VMAs sorted by start. */
  readonly vmas: Vma[] = [];

  constructor(
    readonly id: number,
    readonly name: string,
    /** The node of the CPU the process runs on: where "local" placement starts. */
    readonly cpuNode: number,
  ) {}

  /** find_vma: the first VMA ending above page number `page`, or null. */
  findVma(page: number): Vma | null {
    const vmas = this.vmas;
    let lo = 0;
    let hi = vmas.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vmas[mid]!.end <= page) lo = mid + 1;
      else hi = mid;
    }
    return lo < vmas.length ? vmas[lo]! : null;
  }

  /** vma_lookup: the VMA containing page number `page`, or null. */
  vmaAt(page: number): Vma | null {
    const vma = this.findVma(page);
    return vma !== null && vma.start <= page ? vma : null;
  }

  /** The VMA named `name`, or null. */
  vmaNamed(name: string): Vma | null {
    for (const vma of this.vmas) if (vma.name === name) return vma;
    return null;
  }

  /** For messages: `process "A"`. */
  describe(): string {
    return `process "${this.name}"`;
  }
}
