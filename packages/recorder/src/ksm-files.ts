/** /sys/kernel/mm/ksm as the recorder uses it: counters, knobs, defaults, and who else uses KSM. */
import { KNOB_DEFAULTS, knobWriteText, WRITABLE_KNOB_NAMES, type WritableKnobName } from "@ksm-sim/ksm";
import { KSM_COUNTERS } from "@ksm-sim/scenario";
import { KernelWriteError } from "./errors.js";
import type { KernelFs } from "./kernel-fs.js";

export const KSM_DIR = "/sys/kernel/mm/ksm";

/**
 * The writable knobs the recorder saves, resets and restores, `run` aside, each with the text of
 * its default (@ksm-sim/ksm's knob table). advisor_mode goes first: pages_to_scan refuses writes
 * while the advisor is on (and leaving it sets pages_to_scan); the rest follow in ksm_attrs order.
 */
export const RESET_WRITES: readonly (readonly [WritableKnobName, string])[] = Object.freeze(
  (["advisor_mode", ...WRITABLE_KNOB_NAMES.filter((k) => k !== "run" && k !== "advisor_mode")] as const).map((k) =>
    Object.freeze([k, knobWriteText(KNOB_DEFAULTS[k])] as const),
  ),
);

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

  /** The knob files present (a kernel may lack some, e.g. the advisor's before 6.8: see each knob's `since`), with their text. */
  saveKnobs(): Record<string, string> {
    const saved: Record<string, string> = {};
    for (const k of ["run", ...RESET_WRITES.map(([knob]) => knob)]) {
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
    for (const [k, v] of RESET_WRITES) if (this.fs.exists(`${KSM_DIR}/${k}`)) this.write(k, v);
    this.write("run", "0");
  }

  /**
   * Puts back what {@link saveKnobs} read (after a reset): advisor_mode after the other knobs
   * (turning the advisor on sets pages_to_scan to advisor_min_pages_to_scan and refuses later
   * pages_to_scan writes), `run` last.
   */
  restore(saved: Record<string, string>): void {
    for (const [k, v] of Object.entries(saved)) if (k !== "run" && k !== "advisor_mode") this.write(k, v);
    if (saved.advisor_mode !== undefined) this.write("advisor_mode", saved.advisor_mode);
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
