/**
 * A virtual memory area (`struct vm_area_struct`): a private anonymous
 * mapping of `pages` pages from page number `start` (address / 4096), with
 * its page table (page-table.ts), made at the first fault.
 */
import type { Policy } from "@ksm-sim/numa";
import type { Mm } from "./mm-struct.js";
import type { PageTable } from "./page-table.js";

export class Vma {
  /** `vm_flags` (VM_* of vma-flags.ts). */
  flags: number;
  /** anon_vma id, 0 until the first fault. */
  anonVma = 0;
  /** The page table: one PTE per page (pte.ts), in chunks made on first touch; null until the first fault. Read it with page-walk.ts. */
  table: PageTable | null = null;
  /** False once munmapped or its mm exited. */
  mapped = true;
  /** First page number (`vm_start >> PAGE_SHIFT`). */
  readonly start: number;

  constructor(
    readonly id: number,
    readonly mm: Mm,
    readonly name: string,
    start: number,
    /** Pages in the VMA; shrinks when the VMA is split. */
    public pages: number,
    flags: number,
    /** NUMA placement of its faults (`vma->vm_policy`, or the task's). */
    readonly policy: Policy,
  ) {
    this.flags = flags;
    // the same number, made a small integer where it is one: mmap's division
    // gives a float, and a float field makes every address computed from it
    // a float too (a heap allocation wherever the JIT cannot keep it unboxed)
    this.start = start < 0x40000000 ? start | 0 : start;
  }

  /** Page number just past the VMA (`vm_end >> PAGE_SHIFT`). */
  get end(): number {
    return this.start + this.pages;
  }

  /** `vm_start` in bytes. */
  get address(): number {
    return this.start * 4096;
  }

  /** For messages: `vma "heap" of process "A"`. */
  describe(): string {
    return `vma "${this.name}" of process "${this.mm.name}"`;
  }
}
