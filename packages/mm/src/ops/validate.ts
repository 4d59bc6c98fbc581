/** Argument checks shared by the operations: each throws MmError naming the field and value, and changes nothing. */
import { isToken } from "../contents/fmix.js";
import { fail, show } from "../errors.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import type { Vma } from "../space/vma.js";

/** ESRCH unless `mm` is a live address space of this machine. */
export function checkMm(m: Machine, mm: Mm): void {
  if (typeof mm !== "object" || mm === null) fail("ESRCH", `process: must be an address space, got ${show(mm)}`);
  if (m.mms.get(mm.id) !== mm) {
    fail("ESRCH", mm.users === 0 ? `${mm.describe()} has exited` : `${mm.describe()} is not on this machine`);
  }
}

/** checkMm, then EINVAL/EFAULT unless `vma` is a mapped VMA of `mm`. */
export function checkVma(m: Machine, mm: Mm, vma: Vma): void {
  checkMm(m, mm);
  if (typeof vma !== "object" || vma === null) fail("EINVAL", `vma: must be a VMA, got ${show(vma)}`);
  if (vma.mm !== mm) fail("EINVAL", `${vma.describe()} does not belong to ${mm.describe()}`);
  if (!vma.mapped) fail("EFAULT", `${vma.describe()} is not mapped`);
}

/** EINVAL unless an integer; EFAULT unless inside the VMA. */
export function checkPage(vma: Vma, page: number, field = "page"): void {
  if (typeof page !== "number" || !Number.isInteger(page)) {
    fail("EINVAL", `${vma.describe()}: ${field} must be an integer, got ${show(page)}`);
  }
  if (page < 0 || page >= vma.pages) {
    fail("EFAULT", `${vma.describe()}: ${field} ${page} outside its ${vma.pages} pages`);
  }
}

/** Pages [start, start+count) of the VMA, with the scenario defaults (start 0, count the rest); returns count. */
export function checkRange(vma: Vma, start: number | undefined, count: number | undefined): number {
  const s = start ?? 0;
  checkPage(vma, s, "start");
  const c = count ?? vma.pages - s;
  if (typeof c !== "number" || !Number.isInteger(c) || c < 0) {
    fail("EINVAL", `${vma.describe()}: count must be a non-negative integer, got ${show(c)}`);
  }
  if (s + c > vma.pages) {
    fail("EFAULT", `${vma.describe()}: pages ${s}..${s + c - 1} reach outside its ${vma.pages} pages`);
  }
  return c;
}

/** EINVAL unless a token, or 4096 bytes on a bytes-mode machine. */
export function checkContent(m: Machine, content: unknown, field = "content"): void {
  if (typeof content === "number") {
    if (!isToken(content)) fail("EINVAL", `${field}: a token must be an integer from 0 to 2^32-1, got ${content}`);
    return;
  }
  if (content instanceof Uint8Array) {
    if (m.contents.mode !== "bytes") {
      fail("EINVAL", `${field}: raw bytes need a machine with contents "bytes" (this one stores tokens)`);
    }
    if (content.length !== 4096) fail("EINVAL", `${field}: a page is 4096 bytes, got ${content.length}`);
    return;
  }
  fail("EINVAL", `${field}: must be a token or 4096 bytes, got ${show(content)}`);
}

/** EINVAL unless a node id of the topology. */
export function checkNode(m: Machine, node: number, field = "node"): void {
  if (typeof node !== "number" || !Number.isInteger(node) || node < 0 || node >= m.topology.nodes) {
    fail("EINVAL", `${field}: must be a node id from 0 to ${m.topology.nodes - 1}, got ${show(node)}`);
  }
}
