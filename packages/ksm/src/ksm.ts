/**
 * The KSM engine bound to a machine: sysfs reads and writes with the
 * kernel's parsing and errnos, ksmd's scanning, the counters, ksm_stat and
 * the trace. This is the object higher layers use.
 */
import type { Errno, Machine, Mm } from "@ksm-sim/mm";
import { setAdvisorDefaults } from "./advisor.js";
import { KSM_RUN_MERGE } from "./constants.js";
import { type KsmCounters, type KsmStat, ksmCounters, ksmStat } from "./counters.js";
import { type KsmOptions, KsmState, newUnstableRoot } from "./engine.js";
import { ksmDisableMergeAny, ksmEnableMergeAny, ksmHooks } from "./process.js";
import { removeAllStableNodes } from "./remove.js";
import { type AfterMmFn, setRun } from "./run.js";
import { ksmDoScan } from "./scan.js";
import { type KnobName, type KnobRequest, parseKnobWrite, showKnob } from "./sysfs/index.js";
import type { TraceSink } from "./trace.js";

export type SysfsResult = "ok" | Errno | "EACCES" | "ERANGE";

export class Ksm extends KsmState {
  constructor(machine: Machine, options: KsmOptions = {}) {
    super(machine, options);
    machine.setHooks(ksmHooks(this));
  }

  /** Attach (or detach with null) a sink for the ksm_* trace events. */
  setTraceSink(sink: TraceSink | null): void {
    this.tracer.sink = sink;
  }

  /** Simulated time, ms; the trace reads it in seconds. */
  setTime(ms: number): void {
    this.setTimeNs(Math.round(ms * 1e6));
  }

  /** Simulated time, ns (an integer): what ktime_get, jiffies and the trace read between ksmd batches. */
  setTimeNs(ns: number): void {
    this.nowNs = ns;
    this.nowMs = ns / 1e6;
    this.tracer.nowSeconds = ns / 1e9;
  }

  /**
   * Write `text` to /sys/kernel/mm/ksm/`knob` as write(2) would: "ok" or the
   * errno. `afterMm` lets a caller act while a run=2 unmerge pass walks the
   * mm list (right after each mm is done). Throws for a knob that does not exist.
   */
  sysfsWrite(knob: string, text: string, afterMm?: AfterMmFn): SysfsResult {
    this.trust.lose(); // not ksmd (see ./trust.ts)
    const parsed = parseKnobWrite(knob, text, { advisorMode: this.knobs.advisorMode });
    if (!parsed.ok) {
      if (parsed.unknown) throw new Error(`sysfs: no such file /sys/kernel/mm/ksm/${knob}`);
      return parsed.errno;
    }
    if (parsed.request === null) return "ok";
    return this.applyKnob(parsed.request, afterMm);
  }

  /** The stateful half of each *_store function. */
  private applyKnob(req: KnobRequest, afterMm?: AfterMmFn): SysfsResult {
    const kn = this.knobs;
    switch (req.knob) {
      case "run":
        return setRun(this, req.value, afterMm);
      case "pages_to_scan":
        kn.pagesToScan = req.value;
        return "ok";
      case "sleep_millisecs":
        kn.sleepMillisecs = req.value;
        return "ok";
      case "merge_across_nodes":
        return this.setMergeAcrossNodes(req.value);
      case "max_page_sharing": {
        if (kn.maxPageSharing === req.value) return "ok";
        if (this.pagesShared !== 0) return "EBUSY";
        if (this.fixes.removeAllStableNodes && removeAllStableNodes(this) !== "ok") return "EBUSY";
        kn.maxPageSharing = req.value;
        return "ok";
      }
      case "use_zero_pages":
        kn.useZeroPages = req.value;
        return "ok";
      case "smart_scan":
        kn.smartScan = req.value;
        return "ok";
      case "stable_node_chains_prune_millisecs":
        kn.stableNodeChainsPruneMillisecs = req.value;
        return "ok";
      case "advisor_mode":
        if (kn.advisorMode !== req.value) {
          kn.advisorMode = req.value;
          setAdvisorDefaults(this);
        }
        return "ok";
      case "advisor_max_cpu":
        kn.advisorMaxCpu = req.value;
        return "ok";
      case "advisor_min_pages_to_scan":
        kn.advisorMinPagesToScan = Number(req.value);
        return "ok";
      case "advisor_max_pages_to_scan":
        kn.advisorMaxPagesToScan = Number(req.value);
        return "ok";
      case "advisor_target_scan_time":
        kn.advisorTargetScanTime = Number(req.value);
        return "ok";
    }
  }

  /** merge_across_nodes_store after parsing. */
  private setMergeAcrossNodes(value: 0 | 1): SysfsResult {
    if (this.knobs.mergeAcrossNodes === value) return "ok";
    if (this.pagesShared !== 0) return "EBUSY";
    if (this.fixes.removeAllStableNodes && removeAllStableNodes(this) !== "ok") return "EBUSY";
    if (this.rootsAreStatic) {
      // the first switch allocates per-node roots; the unstable root[0] carries over, the stable one is left behind
      const nodes = this.machine.topology.nodes;
      const stable = [];
      const unstable = [this.unstableRoots[0]!];
      for (let i = 0; i < nodes; i++) stable.push(this.backend.create<import("./stable-node.js").StableNode>());
      for (let i = 1; i < nodes; i++) unstable.push(newUnstableRoot(this.backend, unstable[0]));
      this.stableRoots = stable;
      this.unstableRoots = unstable;
      this.rootsAreStatic = false;
    }
    this.knobs.mergeAcrossNodes = value;
    this.nrNodeIds = value ? 1 : this.machine.topology.nodes;
    return "ok";
  }

  /** What reading /sys/kernel/mm/ksm/`knob` prints. */
  sysfsRead(knob: KnobName): string {
    const c = this.counters();
    const kn = this.knobs;
    const values: Record<string, number | bigint | boolean | string> = {
      ...c,
      pages_volatile: this.items.ksmRmapItems - this.pagesShared - this.pagesSharing - this.pagesUnshared,
      run: this.run,
      pages_to_scan: kn.pagesToScan,
      sleep_millisecs: kn.sleepMillisecs,
      merge_across_nodes: kn.mergeAcrossNodes,
      max_page_sharing: kn.maxPageSharing,
      use_zero_pages: kn.useZeroPages,
      smart_scan: kn.smartScan,
      stable_node_chains_prune_millisecs: kn.stableNodeChainsPruneMillisecs,
      advisor_mode: kn.advisorMode,
      advisor_max_cpu: kn.advisorMaxCpu,
      advisor_min_pages_to_scan: BigInt(kn.advisorMinPagesToScan),
      advisor_max_pages_to_scan: BigInt(kn.advisorMaxPagesToScan),
      advisor_target_scan_time: BigInt(kn.advisorTargetScanTime),
    };
    return showKnob(knob, values[knob] as never);
  }

  /** The counters of /sys/kernel/mm/ksm. */
  counters(): KsmCounters {
    return ksmCounters(this);
  }

  /** /proc/PID/ksm_stat of `mm`. */
  ksmStat(mm: Mm): KsmStat {
    return ksmStat(this, mm);
  }

  /** One ksmd batch: ksm_do_scan(n). Returns pages scanned. */
  doScan(n: number): number {
    return ksmDoScan(this, n);
  }

  /**
   * The scenario's `scan` step: run ksmd with run=1 until full_scans has
   * advanced by `n` (batches never cross a full-scan boundary), advancing
   * simulated time by `msPerScan` per full scan, then stop (run=0). Does
   * nothing when no mm is registered.
   */
  runFullScans(n: number, msPerScan = 100): void {
    if (this.list.isEmpty()) return;
    const saved = this.run;
    this.run = KSM_RUN_MERGE;
    const target = this.list.scan.seqnr + n;
    while (this.list.scan.seqnr < target && !this.list.isEmpty()) {
      const before = this.list.scan.seqnr;
      while (this.list.scan.seqnr === before && !this.list.isEmpty()) ksmDoScan(this, 1 << 30);
      this.setTimeNs(this.nowNs + Math.round(msPerScan * 1e6));
    }
    this.run = saved === KSM_RUN_MERGE ? saved : 0;
  }

  /** PR_SET_MEMORY_MERGE */
  prctlSetMemoryMerge(mm: Mm, on: boolean): "ok" | Errno {
    this.trust.lose(); // not ksmd (see ./trust.ts)
    return on ? ksmEnableMergeAny(this, mm) : ksmDisableMergeAny(this, mm);
  }
}

/** Make a KSM engine for `machine` and install its hooks. */
export function createKsm(machine: Machine, options?: KsmOptions): Ksm {
  return new Ksm(machine, options);
}
