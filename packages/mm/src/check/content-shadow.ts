/**
 * ContentShadow: what every process should read. It records, per process,
 * VMA and page, what the process last wrote (and what fork copied), and
 * verify() reads every page through the machine and lists mismatches. KSM
 * may merge, swap may move, migration may copy: none of it may change what
 * a process reads.
 */
import { describePageValue, type PageValue, samePageValue } from "../contents/page-contents.js";
import type { Machine } from "../machine.js";
import { read } from "../ops/read.js";
import type { Mm } from "../space/mm-struct.js";
import { nextMappedPte } from "../space/page-walk.js";
import type { Vma } from "../space/vma.js";

export class ContentShadow {
  /** mm id → vma name → page → value (absent: 0, the zero page). */
  readonly #pages = new Map<number, Map<string, Map<number, PageValue>>>();

  #vma(mm: Mm, vma: Vma): Map<number, PageValue> {
    let byVma = this.#pages.get(mm.id);
    if (byVma === undefined) this.#pages.set(mm.id, (byVma = new Map()));
    let pages = byVma.get(vma.name);
    if (pages === undefined) byVma.set(vma.name, (pages = new Map()));
    return pages;
  }

  /** The process wrote `value` to page `page`. */
  write(mm: Mm, vma: Vma, page: number, value: PageValue): void {
    const pages = this.#vma(mm, vma);
    if (value === 0) pages.delete(page);
    else pages.set(page, typeof value === "number" ? value : value.slice());
  }

  /** Pages [start, start+count) now read as zero (MADV_DONTNEED, or munmap with the whole VMA). */
  zap(mm: Mm, vma: Vma, start = 0, count = vma.pages - start): void {
    const pages = this.#vma(mm, vma);
    for (const page of [...pages.keys()]) if (page >= start && page < start + count) pages.delete(page);
  }

  /** munmap: forget the VMA. */
  unmap(mm: Mm, vma: Vma): void {
    this.#pages.get(mm.id)?.delete(vma.name);
  }

  /** fork: the child reads what the parent reads. */
  fork(parent: Mm, child: Mm): void {
    const byVma = new Map<string, Map<number, PageValue>>();
    for (const [name, pages] of this.#pages.get(parent.id) ?? []) byVma.set(name, new Map(pages));
    this.#pages.set(child.id, byVma);
  }

  /** exit: forget the process. */
  exit(mm: Mm): void {
    this.#pages.delete(mm.id);
  }

  /** What page `page` should read. */
  expected(mm: Mm, vma: Vma, page: number): PageValue {
    return this.#pages.get(mm.id)?.get(vma.name)?.get(page) ?? 0;
  }

  /**
   * Reads back every page of every live process that is mapped or was
   * written (any other reads as zero, as expected), in page order; returns
   * the mismatches (empty when all match). A check, not an event: it changes nothing and leaves
   * `Machine.seq` as it was.
   */
  verify(m: Machine): string[] {
    const out: string[] = [];
    for (const mm of m.mms.values()) {
      for (const vma of mm.vmas) {
        const pages = this.#pages.get(mm.id)?.get(vma.name);
        // a page neither mapped nor written reads 0 as expected: check the others, in page order
        const check = new Set<number>(pages?.keys());
        for (let page = nextMappedPte(vma, 0); page >= 0; page = nextMappedPte(vma, page + 1)) check.add(page);
        for (const page of [...check].sort((a, b) => a - b)) {
          if (page >= vma.pages) continue;
          const want = pages?.get(page) ?? 0;
          const got = read(m, mm, vma, page);
          if (!samePageValue(want, got) && out.length < 50) {
            out.push(
              `${vma.describe()} page ${page}: reads ${describePageValue(got)}, expected ${describePageValue(want)}`,
            );
          }
        }
      }
    }
    return out;
  }
}
