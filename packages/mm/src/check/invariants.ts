/**
 * checkInvariants: the accounting rules that hold between operations. Tests
 * run it after every step; it returns the violations (empty when fine).
 */

import { BytesContents } from "../contents/bytes-contents.js";
import { describeFlags, PG_ANON_EXCLUSIVE, PG_FREE, PG_KSM, PG_SWAPCACHE } from "../frames/page-flags.js";
import type { Machine } from "../machine.js";
import {
  PTE_KSM_ZERO,
  PTE_PAGE,
  PTE_SWAP,
  PTE_WRITE,
  PTE_ZERO,
  PTE_ZERO_PAGE,
  pteKind,
  ptePayload,
} from "../space/pte.js";

export function checkInvariants(m: Machine): string[] {
  const out: string[] = [];
  const bad = (msg: string) => {
    if (out.length < 50) out.push(msg);
  };
  const f = m.frames;
  const cap = f.capacity;
  const maps = new Int32Array(cap);
  const writable = new Int32Array(cap);
  const swapPtes = new Int32Array(m.swap.count.length);

  // Page tables: every PTE well formed; recount mappings and swap entries.
  for (const mm of m.mms.values()) {
    if (mm.users !== 1) bad(`${mm.describe()}: users ${mm.users} on a live mm`);
    let prevEnd = -1;
    for (const vma of mm.vmas) {
      if (!vma.mapped) bad(`${vma.describe()}: listed but not mapped`);
      if (vma.start < prevEnd) bad(`${vma.describe()}: overlaps or is out of order`);
      prevEnd = vma.end;
      const ptes = vma.table;
      if (ptes === null) continue;
      if (ptes.pages !== vma.pages) bad(`${vma.describe()}: page table of ${ptes.pages} entries`);
      let mapped = 0;
      for (let i = ptes.nextMapped(0); i >= 0; i = ptes.nextMapped(i + 1)) {
        mapped++;
        const pte = ptes.get(i);
        const kind = pteKind(pte);
        const payload = ptePayload(pte);
        const at = `${vma.describe()} page ${i}`;
        if (kind === PTE_PAGE) {
          if (payload >= cap || (f.flags[payload]! & PG_FREE) !== 0) {
            bad(`${at}: maps pfn ${payload}, which is free`);
            continue;
          }
          maps[payload]!++;
          if ((pte & PTE_WRITE) !== 0) {
            writable[payload]!++;
            if ((f.flags[payload]! & PG_KSM) !== 0) bad(`${at}: writable PTE to KSM pfn ${payload}`);
            if ((f.flags[payload]! & PG_ANON_EXCLUSIVE) === 0)
              bad(`${at}: writable PTE to non-exclusive pfn ${payload}`);
          }
          if (vma.anonVma === 0) bad(`${at}: page mapped in a VMA without anon_vma`);
        } else if (kind === PTE_ZERO) {
          if (pte !== PTE_ZERO_PAGE && pte !== PTE_KSM_ZERO) bad(`${at}: malformed zero-page PTE ${pte}`);
        } else if (kind === PTE_SWAP) {
          if (payload >= swapPtes.length || m.swap.used[payload] !== 1)
            bad(`${at}: swap entry for free slot ${payload}`);
          else swapPtes[payload]!++;
        }
      }
      if (mapped !== ptes.mapped)
        bad(`${vma.describe()}: page table counts ${ptes.mapped} mapped entries, recount ${mapped}`);
    }
  }

  // References each frame's holders explain.
  const explained = new Int32Array(cap);
  // frames ever used lie in [start, hwm) of their node: walk those ranges only (node 1 starts at 2^20 or so)
  const fl = m.freeLists;
  for (let node = 0; node < m.topology.nodes; node++) {
    for (let pfn = fl.starts[node]!; pfn < Math.min(fl.hwm[node]!, cap); pfn++) explained[pfn] = maps[pfn]!;
  }
  for (const [id, pfns] of m.pins) {
    for (const pfn of pfns) {
      if (pfn >= cap || (f.flags[pfn]! & PG_FREE) !== 0) bad(`pin "${id}": holds free pfn ${pfn}`);
      else explained[pfn]!++;
    }
  }
  for (const batch of [m.lruAddBatch, m.deferredBatch]) {
    for (let i = 0; i < batch.length; i++) {
      const pfn = batch.pfns[i]!;
      if ((f.flags[pfn]! & PG_FREE) !== 0) bad(`batch: holds free pfn ${pfn}`);
      else explained[pfn]!++;
    }
  }

  // Swap cache links and counts.
  const swap = m.swap;
  for (let slot = 0; slot < swap.hwm; slot++) {
    if (swap.used[slot] !== 1) {
      if (swapPtes[slot]! > 0) bad(`swap slot ${slot}: free but named by ${swapPtes[slot]} PTEs`);
      continue;
    }
    if (swap.count[slot] !== swapPtes[slot]) {
      bad(`swap slot ${slot}: count ${swap.count[slot]} but ${swapPtes[slot]} swap PTEs`);
    }
    const pfn = swap.cache[slot]!;
    if (pfn >= 0) {
      if ((f.flags[pfn]! & PG_SWAPCACHE) === 0 || swap.slotOf.get(pfn) !== slot) {
        bad(`swap slot ${slot}: cached pfn ${pfn} does not point back`);
      } else {
        explained[pfn]!++;
      }
    } else if (swap.count[slot] === 0) {
      bad(`swap slot ${slot}: in use with no swap PTE and no cached frame`);
    }
  }
  for (const [pfn, slot] of swap.slotOf) {
    if (swap.cache[slot] !== pfn) bad(`pfn ${pfn}: swap cache link to slot ${slot} not returned`);
  }

  // Every frame: free ones clean and on a free list once; live ones fully explained.
  const onFree = new Uint8Array(cap);
  for (let node = 0; node < m.topology.nodes; node++) {
    // the stack is linked through the free frames' mapping, from the top
    let pfn = fl.heads[node]!;
    let linked = 0;
    for (; linked < fl.sizes[node]!; linked++) {
      if (pfn < fl.starts[node]! || pfn >= fl.hwm[node]!) {
        bad(`free list of node ${node}: pfn ${pfn} not of the node (entry ${linked} of ${fl.sizes[node]})`);
        break;
      }
      if (onFree[pfn] === 1) {
        bad(`free list of node ${node}: pfn ${pfn} twice`);
        break;
      }
      onFree[pfn] = 1;
      pfn = f.mapping[pfn]!;
    }
    if (linked === fl.sizes[node] && pfn !== -1) {
      bad(`free list of node ${node}: goes on past its ${linked} entries (to pfn ${pfn})`);
    }
    let used = 0;
    for (let pfn = fl.starts[node]!; pfn < fl.hwm[node]!; pfn++) {
      const flags = f.flags[pfn]!;
      if ((flags & PG_FREE) !== 0) {
        if (onFree[pfn] !== 1) bad(`pfn ${pfn}: FREE but on no free list`);
        if (flags !== PG_FREE || f.ref(pfn) !== 0 || f.mapCount(pfn) !== 0) {
          bad(`pfn ${pfn}: free with state (flags ${describeFlags(flags)}, ref ${f.ref(pfn)})`);
        }
        continue;
      }
      used++;
      if (onFree[pfn] === 1) bad(`pfn ${pfn}: on a free list but not FREE`);
      const rc = f.ref(pfn);
      if (f.mapCount(pfn) !== maps[pfn]) bad(`pfn ${pfn}: mapcount ${f.mapCount(pfn)} but ${maps[pfn]} PTEs map it`);
      if (rc < explained[pfn]!) bad(`pfn ${pfn}: refcount ${rc} below the ${explained[pfn]} references held`);
      if (rc <= 0) bad(`pfn ${pfn}: in use with refcount ${rc}`);
      if ((flags & PG_ANON_EXCLUSIVE) !== 0 && (maps[pfn]! > 1 || (flags & PG_KSM) !== 0)) {
        bad(`pfn ${pfn}: ANON_EXCLUSIVE but mapped ${maps[pfn]} times (${describeFlags(flags)})`);
      }
      if (writable[pfn]! > 0 && maps[pfn] !== 1) bad(`pfn ${pfn}: writable PTE but ${maps[pfn]} mappings`);
      if ((flags & PG_SWAPCACHE) !== 0 && !swap.slotOf.has(pfn)) bad(`pfn ${pfn}: SWAPCACHE without a slot`);
    }
    const free = fl.sizes[node]! + (fl.ends[node]! - fl.hwm[node]!);
    if (used + free !== fl.ends[node]! - fl.starts[node]!) {
      bad(`node ${node}: ${used} used + ${free} free != ${fl.ends[node]! - fl.starts[node]!} pages`);
    }
    if (fl.offline[node] === 1 && used > 0) bad(`node ${node}: offline with ${used} frames in use`);
  }

  // Unexplained references are exactly the transient ones taken with getRef.
  let extra = 0;
  for (let node = 0; node < m.topology.nodes; node++) {
    for (let pfn = fl.starts[node]!; pfn < Math.min(fl.hwm[node]!, cap); pfn++) {
      if ((f.flags[pfn]! & PG_FREE) === 0 && f.ref(pfn) > 0) extra += f.ref(pfn) - explained[pfn]!;
    }
  }
  if (extra !== m.externalRefs) bad(`references: ${extra} unexplained, but getRef holds ${m.externalRefs}`);

  if (m.contents instanceof BytesContents) contentCounts(m, m.contents, bad);
  return out;
}

/** Has frame `pfn` been handed out and not freed? */
function inUse(m: Machine, pfn: number): boolean {
  if (pfn >= m.frames.capacity || pfn >= m.topology.totalPages) return false;
  return pfn < m.freeLists.hwm[m.topology.nodeOfPfn(pfn)]! && (m.frames.flags[pfn]! & PG_FREE) === 0;
}

/**
 * Bytes mode: every content's count is the pages (frames and swap slots)
 * holding it, free frames and free slots hold none, and the store knows as
 * many live contents as are held.
 */
function contentCounts(m: Machine, frames: BytesContents, bad: (msg: string) => void): void {
  const store = frames.store;
  const held = new Int32Array(store.hwm);
  const users: [BytesContents, string, (i: number) => boolean][] = [[frames, "pfn", (pfn) => inUse(m, pfn)]];
  const swap = m.swap.store;
  if (swap instanceof BytesContents && swap.store === store) {
    users.push([swap, "swap slot", (slot) => slot < m.swap.hwm && m.swap.used[slot] === 1]);
  }
  for (const [pages, what, live] of users) {
    for (let i = 0; i < pages.ids.length; i++) {
      const id = pages.ids[i]!;
      if (id === 0) continue;
      if (!live(i)) bad(`${what} ${i}: free but holds content ${id}`);
      if (id >= store.hwm || store.refs[id]! <= 0) bad(`${what} ${i}: holds content ${id}, which is free`);
      else held[id]!++;
    }
  }
  let live = 1;
  for (let id = 1; id < store.hwm; id++) {
    if (store.refs[id] !== held[id]) bad(`content ${id}: count ${store.refs[id]} but ${held[id]} pages hold it`);
    if (held[id]! > 0) live++;
  }
  if (store.live !== live) bad(`content store: ${store.live} live contents, ${live} held`);
}
