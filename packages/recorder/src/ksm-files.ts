/** /sys/kernel/mm/ksm as the recorder uses it: counters, knobs, defaults, and who else uses KSM. */
import { KSM_COUNTERS } from "@ksm-sim/scenario";
import { KernelWriteError } from "./errors.js";
import type { KernelFs } from "./kernel-fs.js";

export const KSM_DIR = "/sys/kernel/mm/ksm";

/** The writable knobs the recorder resets (Linux 6.18 defaults), `run` aside. */
export const KNOB_DEFAULTS: Readonly<Record<string, string>> = {
  advisor_mode: "none",
  advisor_max_cpu: "70",
  advisor_min_pages_to_scan: "500",
  advisor_max_pages_to_scan: "30000",
  advisor_target_scan_time: "200",
  max_page_sharing: "256",
  merge_across_nodes: "1",
  use_zero_pages: "0",
  smart_scan: "1",
  stable_node_chains_prune_millisecs: "2000",
  pages_to_scan: "100",
  sleep_millisecs: "20",
};

/** Counters that count from boot: results count them from the scenario's start. */
export const CUMULATIVE = new Set(["pages_scanned", "pages_skipped", "full_scans"]);

export class KsmFiles {
  constructor(readonly fs: KernelFs) {}

  read(knob: string): string {
    return this.fs.read(`${KSM_DIR}/${knob}`).trim();
  }

  /** A knob's value as a number. */
  num(knob: string): number {
    return Number(this.read(knob));
  }

  /** write(2) of `text`: "ok" or the errno name. */
  write(knob: string, text: string): string {
    try {
      this.fs.write(`${KSM_DIR}/${knob}`, text);
      return "ok";
    } catch (e) {
      if (e instanceof KernelWriteError) return e.errno;
      throw e;
    }
  }

  counters(): Record<string, number> {
    return Object.fromEntries(KSM_COUNTERS.map((c) => [c, this.num(c)]));
  }

  /** The knob files present (a kernel may lack some, e.g. the advisor's before 6.9), with their text. */
  saveKnobs(): Record<string, string> {
    const saved: Record<string, string> = {};
    for (const k of ["run", ...Object.keys(KNOB_DEFAULTS)]) {
      if (!this.fs.exists(`${KSM_DIR}/${k}`)) continue;
      const v = this.read(k);
      // advisor_mode reads "[none] scan-time": keep the selected word
      saved[k] = /\[(.+?)\]/.exec(v)?.[1] ?? v;
    }
    return saved;
  }

  /** run=2 (unmerge everything), the defaults, run=0: a clean KSM, as the oracle leaves it. */
  reset(): void {
    this.write("run", "2");
    for (const [k, v] of Object.entries(KNOB_DEFAULTS)) if (this.fs.exists(`${KSM_DIR}/${k}`)) this.write(k, v);
    this.write("run", "0");
  }

  /** Puts back what {@link saveKnobs} read (after a reset; `run` last). */
  restore(saved: Record<string, string>): void {
    for (const [k, v] of Object.entries(saved)) if (k !== "run") this.write(k, v);
    if (saved.run !== undefined) this.write("run", saved.run === "2" ? "0" : saved.run);
  }
}

/** Processes other than `own` that KSM scans ("PID comm"): they would pollute the global counters. */
export function foreignKsmUsers(fs: KernelFs, own: ReadonlySet<number> = new Set()): string[] {
  const users: string[] = [];
  for (const d of fs.list("/proc")) {
    if (!/^\d+$/.test(d) || own.has(Number(d))) continue;
    let st: string;
    try {
      st = fs.read(`/proc/${d}/ksm_stat`);
    } catch {
      continue;
    }
    if (/ksm_mergeable: yes|ksm_merge_any: yes/.test(st)) {
      let comm = "?";
      try {
        comm = fs.read(`/proc/${d}/comm`).trim();
      } catch {
        // gone meanwhile
      }
      users.push(`${d} ${comm}`);
    }
  }
  return users;
}

/** CPU seconds ksmd has used (utime + stime at USER_HZ 100), 0 when there is no ksmd. */
export function ksmdCpuSeconds(fs: KernelFs): number {
  for (const d of fs.list("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.read(`/proc/${d}/comm`).trim() !== "ksmd") continue;
      const f = fs.read(`/proc/${d}/stat`).split(")").at(-1)!.trim().split(/\s+/);
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      // not readable
    }
  }
  return 0;
}
