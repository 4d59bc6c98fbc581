/**
 * The discrete-event clock: ksmd and the write workloads on one simulated
 * timeline (no wall clock). Time is an integer of ns, held by the engine
 * (`ksm.nowNs`, what ktime_get, jiffies and the trace read). Events due at
 * the same instant run workloads first (in the order they were started),
 * then ksmd. Callers act between events: `runUntil(t)` runs every event
 * due before `t` and leaves the clock at `t`, where the caller may write
 * knobs or change memory and then `poke()` to deliver ksmd's wakeups.
 */
import type { Ksm, SysfsResult } from "@ksm-sim/ksm";
import { type CostModel, costModel } from "./cost.js";
import { Ksmd } from "./ksmd.js";
import { Workload, type WorkloadSpec } from "./workload.js";

export interface SimulationOptions {
  /** ksmd's CPU-cost model (fields not given keep their defaults). */
  readonly cost?: Partial<CostModel>;
}

export class Simulation {
  readonly ksmd: Ksmd;
  /** Active workloads by id, in the order started. */
  readonly workloads = new Map<string, Workload>();
  /** Called before the clock moves from `fromNs` to `toNs` (> fromNs): samplers, progress. */
  onAdvance: ((fromNs: number, toNs: number) => void) | null = null;

  constructor(
    readonly ksm: Ksm,
    options: SimulationOptions = {},
  ) {
    this.ksmd = new Ksmd(ksm, costModel(options.cost));
  }

  /** The simulated time, ns. */
  get nowNs(): number {
    return this.ksm.nowNs;
  }

  #moveTo(ns: number): void {
    const now = this.ksm.nowNs;
    if (ns <= now) return;
    this.onAdvance?.(now, ns);
    this.ksm.setTimeNs(ns);
  }

  /** Run every event due before `tNs` in time order, then set the clock to `tNs` (never backwards). */
  runUntil(tNs: number): void {
    for (;;) {
      let wl: Workload | null = null;
      let wNext = Number.POSITIVE_INFINITY;
      for (const w of this.workloads.values()) {
        if (w.nextNs < wNext) {
          wNext = w.nextNs;
          wl = w;
        }
      }
      let next = this.ksmd.nextNs;
      if (wl !== null && wNext <= next) next = wNext;
      else wl = null;
      if (!(next < tNs)) break;
      this.#moveTo(next);
      const now = this.ksm.nowNs;
      if (wl !== null) {
        if (!wl.fire()) this.#drop(wl);
        this.ksmd.poke(now);
      } else {
        this.ksmd.fire(now);
      }
    }
    this.#moveTo(tNs);
  }

  #drop(w: Workload): void {
    for (const [id, x] of this.workloads) if (x === w) this.workloads.delete(id);
  }

  /** Deliver ksmd's wakeups after a change made from outside at the current time. */
  poke(): void {
    this.ksmd.poke(this.ksm.nowNs);
  }

  /** A sysfs write at the current time, with the wakeups it implies (run, sleep_millisecs). */
  sysfsWrite(knob: string, text: string, afterMm?: (mmId: number) => void): SysfsResult {
    const r = this.ksm.sysfsWrite(knob, text, afterMm);
    this.poke();
    return r;
  }

  /** Write run=1 (ksmd starts, or resumes after its current sleep). */
  start(): SysfsResult {
    return this.sysfsWrite("run", "1");
  }

  /** Write run=0 (ksmd parks when its current batch or sleep ends). */
  stop(): SysfsResult {
    return this.sysfsWrite("run", "0");
  }

  /**
   * Workloads write only while this clock runs: after the time jumped
   * without them (a `scan` step), the ones behind resume from now.
   */
  resumeWorkloads(): void {
    const now = this.ksm.nowNs;
    for (const w of this.workloads.values()) if (w.nextNs < now) w.resumeAt(now);
  }

  /** run=1, `ms` of simulated time, run=0: the scenario's `run_for`. */
  runFor(ms: number): void {
    const end = this.ksm.nowNs + Math.round(ms * 1e6);
    this.resumeWorkloads();
    this.start();
    this.runUntil(end);
    this.stop();
  }

  /** Start a workload now; `write(page, token)` returns false when its VMA or process is gone. */
  startWorkload(id: string, spec: WorkloadSpec, write: (page: number, token: number) => boolean): Workload {
    if (this.workloads.has(id)) throw new RangeError(`workload ${id}: already running`);
    const w = new Workload(spec, this.ksm.nowNs, write);
    this.workloads.set(id, w);
    return w;
  }

  /** Stop a workload; false when none of that id runs. */
  stopWorkload(id: string): boolean {
    return this.workloads.delete(id);
  }
}
