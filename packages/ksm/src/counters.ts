/** What /sys/kernel/mm/ksm and /proc/PID/ksm_stat show. */
import { MMF_VM_MERGE_ANY, type Mm, VM_MERGEABLE } from "@ksm-sim/mm";
import { PAGE_SIZE, RMAP_ITEM_SIZE } from "./constants.js";
import type { KsmState } from "./engine.js";

/** The counters of /sys/kernel/mm/ksm, named as the kernel names the files. */
export interface KsmCounters {
  pages_shared: number;
  pages_sharing: number;
  pages_unshared: number;
  pages_volatile: number;
  pages_scanned: number;
  pages_skipped: number;
  full_scans: number;
  stable_node_chains: number;
  stable_node_dups: number;
  ksm_zero_pages: number;
  general_profit: number;
}

/** The fields of /proc/PID/ksm_stat. */
export interface KsmStat {
  ksm_rmap_items: number;
  ksm_zero_pages: number;
  ksm_merging_pages: number;
  ksm_process_profit: number;
  ksm_merge_any: boolean;
  ksm_mergeable: boolean;
}

export function ksmCounters(k: KsmState): KsmCounters {
  const rmapItems = k.items.ksmRmapItems;
  const volatile = rmapItems - k.pagesShared - k.pagesSharing - k.pagesUnshared;
  return {
    pages_shared: k.pagesShared,
    pages_sharing: k.pagesSharing,
    pages_unshared: k.pagesUnshared,
    pages_volatile: Math.max(volatile, 0),
    pages_scanned: k.pagesScanned,
    pages_skipped: k.pagesSkipped,
    full_scans: k.list.scan.seqnr,
    stable_node_chains: k.stableNodeChains,
    stable_node_dups: k.stableNodeDups,
    ksm_zero_pages: k.ksmZeroPages,
    general_profit: (k.pagesSharing + k.ksmZeroPages) * PAGE_SIZE - rmapItems * RMAP_ITEM_SIZE,
  };
}

/** proc_pid_ksm_stat */
export function ksmStat(k: KsmState, mm: Mm): KsmStat {
  const rmapItems = k.items.rmapItemsOf(mm.id);
  return {
    ksm_rmap_items: rmapItems,
    ksm_zero_pages: mm.ksmZeroPages,
    ksm_merging_pages: mm.ksmMergingPages,
    ksm_process_profit: (mm.ksmMergingPages + mm.ksmZeroPages) * PAGE_SIZE - rmapItems * RMAP_ITEM_SIZE,
    ksm_merge_any: (mm.flags & MMF_VM_MERGE_ANY) !== 0,
    ksm_mergeable: mm.vmas.some((v) => (v.flags & VM_MERGEABLE) !== 0),
  };
}
