/** madvise: MADV_DONTNEED here, MADV_MERGEABLE / MADV_UNMERGEABLE through KSM's hook. */
import type { Errno } from "../errors.js";
import type { Machine } from "../machine.js";
import type { Mm } from "../space/mm-struct.js";
import type { Vma } from "../space/vma.js";
import { lruAddDrain } from "./lru.js";
import { checkRange, checkVma } from "./validate.js";
import { zapPteRange } from "./zap.js";

/** MADV_DONTNEED (zap_page_range_single): drain this CPU's lru batch, then zap pages [start, start+count). */
export function madviseDontneed(m: Machine, mm: Mm, vma: Vma, start?: number, count?: number): void {
  checkVma(m, mm, vma);
  const n = checkRange(vma, start, count);
  const s = start ?? 0;
  lruAddDrain(m);
  zapPteRange(m, vma, s, s + n);
}

/** MADV_MERGEABLE: KSM's ksm_madvise decides and applies; mm changes nothing itself. */
export function madviseMergeable(m: Machine, mm: Mm, vma: Vma, start?: number, count?: number): "ok" | Errno {
  checkVma(m, mm, vma);
  const n = checkRange(vma, start, count);
  return m.hooks.ksmMadvise(mm, vma, "mergeable", start ?? 0, n);
}

/** MADV_UNMERGEABLE: as madviseMergeable. */
export function madviseUnmergeable(m: Machine, mm: Mm, vma: Vma, start?: number, count?: number): "ok" | Errno {
  checkVma(m, mm, vma);
  const n = checkRange(vma, start, count);
  return m.hooks.ksmMadvise(mm, vma, "unmergeable", start ?? 0, n);
}
