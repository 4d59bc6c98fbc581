/**
 * `ksm-sim record`: a scenario on this machine's real KSM, driven the way
 * ../shared/tools/kernel-oracle drives it (its README lists the rules), so
 * that the result document can be compared with a simulation.
 */
import { release } from "node:os";
import {
  KSM_COUNTERS,
  mmapSlots,
  type ResultDocument,
  type Scenario,
  type Snapshot,
  type Step,
  slotAddress,
} from "@ksm-sim/scenario";
import { RecorderError } from "./errors.js";
import type { KernelFs } from "./kernel-fs.js";
import { type TraceState, traceStart, traceStop } from "./kernel-trace.js";
import { CUMULATIVE, foreignKsmUsers, KSM_DIR, KsmFiles, ksmdCpuSeconds } from "./ksm-files.js";
import type { Clock } from "./sleep.js";
import type { WorkerProc, Workers } from "./workers.js";

/** What the recorder needs of the machine: its files, its processes and a clock. */
export interface Machine {
  fs: KernelFs;
  workers: Workers;
  clock: Clock;
  /** The effective uid (0 is root). */
  uid: number;
  /** The kernel release, for the result document. */
  kernel?: string;
}

export interface RecordOptions {
  trace?: boolean;
  /** Give up on a `scan` step after this long (default 120 s). */
  scanTimeoutMs?: number;
}

const ADVICE = { mergeable: 12, unmergeable: 13, dontneed: 4 } as const;
const ERRNO: Record<number, string> = {
  1: "EPERM",
  2: "ENOENT",
  12: "ENOMEM",
  14: "EFAULT",
  16: "EBUSY",
  17: "EEXIST",
  22: "EINVAL",
};
/** Steps only the simulator can run. */
const SIMULATOR_ONLY = new Set([
  "swapout",
  "swapin",
  "pin",
  "unpin",
  "offline",
  "migrate",
  "workload",
  "workload_stop",
]);

/** Refuses, with the reason, what a real kernel cannot do or where it would record wrong numbers. */
export function preflight(m: Machine, scenario: Scenario): void {
  if (m.uid !== 0)
    throw new RecorderError("ksm-sim record needs root: it writes /sys/kernel/mm/ksm (run it with sudo)");
  if (!m.fs.exists(`${KSM_DIR}/run`)) {
    throw new RecorderError(`this kernel has no KSM: ${KSM_DIR}/run is missing (CONFIG_KSM=y is needed)`);
  }
  const busy = foreignKsmUsers(m.fs);
  if (busy.length > 0) {
    throw new RecorderError(
      `other processes use KSM, and their pages would pollute the counters: ${busy.join(", ")}. Stop them (or end their MADV_MERGEABLE / PR_SET_MEMORY_MERGE) and try again`,
    );
  }
  if ((scenario.topology?.nodes ?? 1) > 1) {
    throw new RecorderError(
      "topology: the recorder runs on this machine as it is; a multi-node topology needs a NUMA machine (see tools/numa-oracle)",
    );
  }
  scenario.steps.forEach((s, i) => {
    const raw = s as Step & { at_ms?: unknown; during?: unknown; node?: unknown };
    if (SIMULATOR_ONLY.has(s.op))
      throw new RecorderError(`steps[${i}].op: "${s.op}" is simulator-only; a real kernel cannot be driven that way`);
    if (raw.during !== undefined)
      throw new RecorderError(`steps[${i}].during: steps inside the unmerge pass are simulator-only`);
    if (raw.at_ms !== undefined) throw new RecorderError(`steps[${i}].at_ms: timed steps are simulator-only`);
    if (s.op === "mmap" && raw.node !== undefined && raw.node !== 0) {
      throw new RecorderError(
        `steps[${i}].node: this machine's recorder places memory on node 0 only, got ${String(raw.node)}`,
      );
    }
  });
}

function errnoOf(reply: string): string {
  if (reply.startsWith("ok")) return "ok";
  const code = Number(reply.split(/\s+/)[1]);
  return ERRNO[code] ?? `E${code}`;
}

/** /proc/PID/ksm_stat as the worker replies it: "ok key value;key value;...". */
function parseStat(reply: string): Snapshot["procs"][string] {
  const d: Record<string, number | boolean> = {};
  for (const item of reply.slice(3).split(";")) {
    const parts = item.trim().split(/\s+/);
    if (parts.length !== 2) continue;
    const k = parts[0]!.replace(/:$/, "");
    if (k === "ksm_merging_pages_file") continue;
    d[k] = parts[1] === "yes" ? true : parts[1] === "no" ? false : Number(parts[1]);
  }
  return d as unknown as Snapshot["procs"][string];
}

interface Proc {
  w: WorkerProc;
  /** VMA name → pages, for `count` defaults. */
  vmas: Map<string, number>;
  /** The next free slot of the default address rule (every mmap takes ceil(pages / 2^20), failed or not). */
  slot: number;
}

/** Runs `scenario` (already validated) on the machine's KSM and returns the result document. */
export function recordScenario(m: Machine, scenario: Scenario, options: RecordOptions = {}): ResultDocument {
  preflight(m, scenario);
  const ksm = new KsmFiles(m.fs);
  const saved = ksm.saveKnobs();
  const procs = new Map<string, Proc>();
  let tracing: TraceState | null = null;
  try {
    ksm.reset();
    for (const [k, v] of Object.entries(scenario.sysfs ?? {})) {
      const r = ksm.write(k, String(v));
      if (r !== "ok") throw new RecorderError(`sysfs.${k}: the kernel refuses ${JSON.stringify(v)} with ${r}`);
    }
    // the oracle's speed-ups, invisible at full-scan boundaries; not for timed scenarios
    const timed = scenario.steps.some((s) => s.op === ("run_for" as string));
    const speedUp = () => {
      if (timed) return;
      if (ksm.num("pages_to_scan") < 20000) ksm.write("pages_to_scan", "20000");
      if (ksm.num("sleep_millisecs") < 100) ksm.write("sleep_millisecs", "100");
    };
    speedUp();
    const base = ksm.counters();
    tracing = options.trace === true ? traceStart(m.fs) : null;
    const doc = {
      name: scenario.name,
      kernel: m.kernel ?? release(),
      steps: [],
      snapshots: [],
    } as unknown as ResultDocument;
    let cpu = 0;
    const proc = (name: string) => {
      const p = procs.get(name);
      if (!p) throw new RecorderError(`process ${name} is not running`);
      return p;
    };
    const exit = (name: string) => {
      const p = proc(name);
      p.w.call("exit");
      procs.delete(name);
      released(m, p.w.pid);
    };
    scenario.steps.forEach((step, i) => {
      const s = step as Step & Record<string, unknown>;
      let res = "ok";
      switch (step.op) {
        case "spawn":
          procs.set(step.proc, { w: m.workers.spawn(step.proc), vmas: new Map(), slot: 0 });
          break;
        case "mmap": {
          const p = proc(step.proc);
          const addr = step.address ?? slotAddress(p.slot);
          p.slot += mmapSlots(step.pages);
          res = errnoOf(p.w.call(`mmap ${step.vma} ${step.pages} ${addr.toString(16)}`));
          if (res === "ok") p.vmas.set(step.vma, step.pages);
          break;
        }
        case "munmap":
          res = errnoOf(proc(step.proc).w.call(`munmap ${step.vma}`));
          proc(step.proc).vmas.delete(step.vma);
          break;
        case "write": {
          const p = proc(step.proc);
          const start = step.start ?? 0;
          const count = step.count ?? (p.vmas.get(step.vma) ?? start) - start;
          const c = step.content;
          const [from, period] = typeof c === "number" ? [c, 1] : [c.from, c.period ?? 0];
          res = errnoOf(p.w.call(`fill ${step.vma} ${start} ${count} ${from} ${period}`));
          break;
        }
        case "madvise":
          res = errnoOf(
            proc(step.proc).w.call(`madvise ${step.vma} ${step.start ?? 0} ${step.count ?? -1} ${ADVICE[step.advice]}`),
          );
          break;
        case "prctl":
          res = errnoOf(proc(step.proc).w.call(`prctl ${step.merge_any ? 1 : 0}`));
          break;
        case "fork": {
          const parent = proc(step.proc);
          procs.set(step.child, {
            w: m.workers.fork(parent.w, step.child),
            vmas: new Map(parent.vmas),
            slot: parent.slot,
          });
          break;
        }
        case "exit":
          exit(step.proc);
          break;
        case "sysfs":
          res = ksm.write(step.knob, typeof step.value === "number" ? String(step.value) : step.value);
          if (step.knob === "pages_to_scan" || step.knob === "sleep_millisecs") speedUp();
          break;
        case "scan": {
          const c0 = ksmdCpuSeconds(m.fs);
          try {
            scan(m, ksm, step.full_scans, options.scanTimeoutMs ?? 120_000);
          } finally {
            cpu += ksmdCpuSeconds(m.fs) - c0;
          }
          break;
        }
        case "snapshot": {
          const now = ksm.counters();
          const counters = Object.fromEntries(
            KSM_COUNTERS.map((k) => [k, CUMULATIVE.has(k) ? now[k]! - base[k]! : now[k]!]),
          ) as Snapshot["ksm"];
          const ps: Snapshot["procs"] = {};
          for (const [name, p] of procs) ps[name] = parseStat(p.w.call("stat"));
          doc.snapshots.push({ label: step.label ?? `step${i}`, ksm: counters, procs: ps });
          break;
        }
        default: {
          if (s.op === "run_for" && typeof s.ms === "number") {
            const c0 = ksmdCpuSeconds(m.fs);
            ksm.write("run", "1");
            m.clock.sleep(s.ms);
            ksm.write("run", "0");
            cpu += ksmdCpuSeconds(m.fs) - c0;
            break;
          }
          throw new RecorderError(`steps[${i}].op: the recorder cannot run "${String(s.op)}"`);
        }
      }
      doc.steps.push({ step: i, op: step.op, result: res });
    });
    for (const name of [...procs.keys()]) exit(name);
    (doc as { ksmd_cpu_s?: number }).ksmd_cpu_s = Math.round(cpu * 1000) / 1000;
    if (tracing) {
      m.clock.sleep(50);
      (doc as { trace?: unknown }).trace = traceStop(m.fs, tracing);
      tracing = null;
    }
    return doc;
  } finally {
    for (const p of procs.values()) {
      try {
        p.w.call("exit");
      } catch {
        // already gone
      }
    }
    m.workers.close();
    if (tracing) {
      try {
        traceStop(m.fs, tracing);
      } catch {
        // leave tracefs as it is
      }
    }
    ksm.reset();
    ksm.restore(saved);
  }
}

/** run=1 until full_scans has advanced by `n`, then run=0; a no-op when ksmd scans nothing for 3 s. */
function scan(m: Machine, ksm: KsmFiles, n: number, timeoutMs: number): void {
  const target = ksm.num("full_scans") + n;
  ksm.write("run", "1");
  const t0 = m.clock.now();
  let last = ksm.num("pages_scanned");
  let seen = t0;
  while (ksm.num("full_scans") < target) {
    const now = m.clock.now();
    const sc = ksm.num("pages_scanned");
    if (sc !== last) {
      last = sc;
      seen = now;
    }
    if (now - seen > 3000) {
      ksm.write("run", "0"); // nothing registered: the step does nothing
      return;
    }
    if (now - t0 > timeoutMs) {
      ksm.write("run", "0");
      throw new RecorderError(`scan: full_scans did not advance by ${n} within ${timeoutMs / 1000} s`);
    }
    m.clock.sleep(0.5);
  }
  ksm.write("run", "0");
  if (ksm.num("full_scans") !== target) {
    throw new RecorderError("scan: ksmd raced past the full-scan boundary; raise sleep_millisecs");
  }
}

/** Waits until an exited worker's memory is gone (no /proc entry, or a zombie). */
function released(m: Machine, pid: number, timeoutMs = 10_000): void {
  const t0 = m.clock.now();
  while (m.clock.now() - t0 < timeoutMs) {
    let st: string;
    try {
      st = m.fs.read(`/proc/${pid}/status`);
    } catch {
      return;
    }
    if (/State:\s+[ZX]/.test(st)) return;
    m.clock.sleep(1);
  }
  throw new RecorderError(`process ${pid} did not exit`);
}
