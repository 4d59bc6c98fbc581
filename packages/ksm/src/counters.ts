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

/** The numeric fields of /proc/PID/ksm_stat, in the order proc_pid_ksm_stat prints them. */
export const KSM_STAT_NUMBERS = [
  "ksm_rmap_items",
  "ksm_zero_pages",
  "ksm_merging_pages",
  "ksm_process_profit",
] as const;
/** The yes/no fields of /proc/PID/ksm_stat, printed after the numbers. */
export const KSM_STAT_FLAGS = ["ksm_merge_any", "ksm_mergeable"] as const;
/** Every field of /proc/PID/ksm_stat, in the kernel's order: four numbers, then two booleans. */
export const KSM_STAT_FIELDS = [...KSM_STAT_NUMBERS, ...KSM_STAT_FLAGS] as const;

/** /proc/PID/ksm_stat of one process (the one type for it: the engine returns it, result documents hold it). */
export type KsmStat = { [K in (typeof KSM_STAT_NUMBERS)[number]]: number } & {
  [K in (typeof KSM_STAT_FLAGS)[number]]: boolean;
};

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
