/** mmap of a private anonymous mapping. */
import { type Policy, type PolicySpec, parsePolicy } from "@ksm-sim/numa";
import { MAX_VMA_PAGES, MMAP_BASE, MMAP_SLOT_PAGES, MMAP_STRIDE, PAGE_SIZE, TASK_SIZE } from "../constants.js";
import { fail, MmError, show } from "../errors.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import { Vma } from "../space/vma.js";
import { VM_ALL_FLAGS } from "../space/vma-flags.js";
import { checkMm, checkNode } from "./validate.js";

export interface MmapOptions {
  /** Bind the pages to this node (`mbind(MPOL_BIND)` to one node); the scenario's `node`. */
  node?: number;
  /** A placement policy instead (`"local"`, `"interleave:0-1"`, ...); default local to the process's CPU node. */
  policy?: PolicySpec | Policy;
  /**
   * Address in bytes (page aligned); default the start of the process's next
   * free slot of 2^32 bytes from 2^40 (each mmap takes ceil(pages / 2^20)
   * slots, so with VMAs of at most 2^20 pages the k-th lands at 2^40 + k * 2^32).
   */
  address?: number;
  /** VM_* flags (vma-flags.ts); they are labels for KSM's compatibility checks. */
  flags?: number;
}

/**
 * mmap(MAP_PRIVATE | MAP_ANONYMOUS): a VMA of `pages` pages named `name`,
 * nothing faulted. Then KSM's `vmaCreated` hook (ksm_vma_flags for
 * MERGE_ANY). The name must be new in the process; the range must not
 * overlap another VMA (as MAP_FIXED_NOREPLACE).
 */
export function mmap(m: Machine, mm: Mm, name: string, pages: number, options: MmapOptions = {}): Vma {
  checkMm(m, mm);
  if (typeof name !== "string" || name === "")
    fail("EINVAL", `vma name: must be a non-empty string, got ${show(name)}`);
  if (mm.vmaNamed(name) !== null) fail("EINVAL", `vma name: ${mm.describe()} already maps a vma "${name}"`);
  if (typeof pages !== "number" || !Number.isInteger(pages) || pages < 1 || pages > MAX_VMA_PAGES) {
    fail("EINVAL", `vma "${name}": pages must be an integer from 1 to ${MAX_VMA_PAGES} (2^28), got ${show(pages)}`);
  }
  const byDefault = options.address === undefined;
  const address = options.address ?? MMAP_BASE + mm.mmapSlot * MMAP_STRIDE;
  if (typeof address !== "number" || !Number.isInteger(address) || address < 0 || address % PAGE_SIZE !== 0) {
    fail("EINVAL", `vma "${name}": address must be a page-aligned byte address, got ${show(address)}`);
  }
  if (address + pages * PAGE_SIZE > TASK_SIZE) {
    const why = byDefault
      ? ` (the default address of slot ${mm.mmapSlot}: by the default rule, mmaps from 2^40 up, a process maps at most 2^47 - 2^40 bytes; give an address)`
      : "";
    fail("EINVAL", `vma "${name}": address ${address} + ${pages} pages reaches past TASK_SIZE (2^47 - 4096)${why}`);
  }
  const flags = options.flags ?? 0;
  if (typeof flags !== "number" || !Number.isInteger(flags) || (flags & ~VM_ALL_FLAGS) !== 0) {
    fail("EINVAL", `vma "${name}": flags must be VM_* bits, got ${show(flags)}`);
  }
  const start = address / PAGE_SIZE;
  const next = mm.findVma(start);
  if (next !== null && next.start < start + pages) {
    fail("EINVAL", `vma "${name}": pages ${start}..${start + pages - 1} overlap ${next.describe()}`);
  }
  const policy = placement(m, name, options);
  const vma = new Vma(m.nextVmaId++, mm, name, start, pages, flags, policy);
  let at = mm.vmas.length;
  while (at > 0 && mm.vmas[at - 1]!.start > start) at--;
  mm.vmas.splice(at, 0, vma);
  mm.mmapCount++;
  mm.mmapSlot += Math.ceil(pages / MMAP_SLOT_PAGES);
  m.hooks.vmaCreated(mm, vma);
  return vma;
}

function placement(m: Machine, name: string, options: MmapOptions): Policy {
  if (options.node !== undefined && options.policy !== undefined) {
    fail("EINVAL", `vma "${name}": give node or policy, not both`);
  }
  if (options.node !== undefined) {
    checkNode(m, options.node, `vma "${name}": node`);
    return parsePolicy({ mode: "bind", nodes: [options.node] }, m.topology);
  }
  const spec = options.policy ?? "local";
  if (typeof spec === "object" && spec !== null && "placeOrder" in spec) {
    if (spec.topology !== m.topology) fail("EINVAL", `vma "${name}": policy belongs to another topology`);
    return spec;
  }
  try {
    return parsePolicy(spec, m.topology);
  } catch (e) {
    if (e instanceof MmError) throw e;
    fail("EINVAL", `vma "${name}": ${(e as Error).message}`);
  }
}
