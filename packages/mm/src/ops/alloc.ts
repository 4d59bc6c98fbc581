/** Frame allocation: the page allocator as an anon fault and migration use it. */
import type { Machine } from "../machine.js";
import type { Vma } from "../space/vma.js";

/** A fresh frame's state: one reference (the caller's), no mapping, no flags. */
function initFrame(m: Machine, pfn: number): number {
  const f = m.frames;
  f.ensure(pfn);
  f.setRef(pfn, 1);
  f.setMapCount(pfn, 0);
  f.flags[pfn] = 0;
  f.mapping[pfn] = 0;
  f.setIndex(pfn, 0);
  return pfn;
}

/** The nodes a fault at `page` of `vma` may use, in order (its policy's placement order). */
export function placeOrderOf(vma: Vma, page: number): readonly number[] {
  return vma.policy.placeOrder(vma.mm.cpuNode, vma.start + page);
}

/** alloc_anon_folio / vma_alloc_folio: a frame for page `page` of `vma` on the first node of its policy with a free frame; -1 when none. */
export function allocForVma(m: Machine, vma: Vma, page: number): number {
  const order = placeOrderOf(vma, page);
  for (let i = 0; i < order.length; i++) {
    const pfn = m.freeLists.pop(order[i]!);
    if (pfn >= 0) return initFrame(m, pfn);
  }
  return -1;
}

/** Free frames on the nodes a fault at `page` of `vma` may use. */
export function availableForVma(m: Machine, vma: Vma, page: number): number {
  const order = placeOrderOf(vma, page);
  let n = 0;
  for (let i = 0; i < order.length; i++) n += m.freeLists.available(order[i]!);
  return n;
}

/** __GFP_THISNODE allocation: a frame on `node` only; -1 when none. */
export function allocOnNode(m: Machine, node: number): number {
  const pfn = m.freeLists.pop(node);
  return pfn < 0 ? -1 : initFrame(m, pfn);
}
