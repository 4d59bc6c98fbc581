/**
 * ksm_scan_thread (mm/ksm.c, Linux 6.18) on a simulated clock, as a state
 * machine the scheduler fires at `nextNs`:
 *
 *     for (;;) {
 *         mutex_lock; wait_while_offlining();
 *         if (ksmd_should_run()) ksm_do_scan(ksm_thread_pages_to_scan);
 *         mutex_unlock;
 *         if (ksmd_should_run()) {
 *             sleep_ms = READ_ONCE(ksm_thread_sleep_millisecs);
 *             wait_event_freezable_timeout(ksm_iter_wait,
 *                 sleep_ms != READ_ONCE(ksm_thread_sleep_millisecs), msecs_to_jiffies(sleep_ms));
 *         } else {
 *             wait_event_freezable(ksm_thread_wait, ksmd_should_run() || kthread_should_stop());
 *         }
 *     }
 *
 * A batch takes effect at once when it starts (ksm_thread_mutex makes it
 * atomic for the knob writes that take the mutex) and keeps ksmd busy for
 * its CPU cost (the cost model); the sleep-or-park decision is made when
 * it ends. A sleep of j = msecs_to_jiffies(sleep_ms) jiffies armed in the
 * jiffy J in which the batch ended ends at the tick J + j + 1 (the timer
 * wheel rounds every expiry up: timer-wheel.ts), so cycles are
 * tick-aligned; it is cut short only when sleep_millisecs changes
 * (sleep_millisecs_store wakes ksm_iter_wait; the condition then holds).
 * With sleep_millisecs 0 there is no wait at all: batches follow each
 * other, each with the smaller no-sleep overhead, and ksmd gets
 * `noSleepCpuShare` of a CPU. Parked, ksmd waits until ksmd_should_run()
 * (woken by run writes and by __ksm_enter on an empty mm list). ksmd is
 * otherwise always given a CPU when it wants one (wakeup latency, ~20 µs
 * on the reference machine, is not modelled).
 */
import { KSM_RUN_MERGE, type Ksm, type KsmClock } from "@ksm-sim/ksm";
import type { BatchWork, CostModel } from "./cost.js";
import { jiffiesAt, tickNs, timerExpiryJiffies } from "./timer-wheel.js";

/**
 * Where ksmd is in its loop:
 * - `parked`: waiting on ksm_thread_wait (run is not 1, or no mm is registered);
 * - `ready`: woken, about to take the mutex and run a batch at `nextNs`;
 * - `busy`: a batch is in progress until `nextNs`;
 * - `sleeping`: waiting on ksm_iter_wait until `nextNs`.
 */
export type KsmdState = "parked" | "ready" | "busy" | "sleeping";

/** One batch, as ksmd ran it. */
export interface BatchRecord {
  startNs: number;
  costNs: number;
  pages: number;
}

export class Ksmd {
  state: KsmdState = "parked";
  /** When the scheduler next fires ksmd, ns; Infinity while parked. */
  nextNs = Number.POSITIVE_INFINITY;
  /** sleep_ms of the current sleep (READ_ONCE before the wait). */
  sleepMs = 0;
  /** ksmd's cumulative CPU time, ns (task_sched_runtime). */
  runtimeNs = 0;
  /** Batches that scanned. */
  batches = 0;
  /** Sleeps cut short by a sleep_millisecs change. */
  sleepsCutShort = 0;
  /** Called after every batch that scanned (tests, progress). */
  onBatch: ((b: BatchRecord) => void) | null = null;

  readonly #tickNs: number;
  // the batch clock (KsmClock) while a batch runs
  #batchStart = 0;
  #runtimeBefore = 0;
  #base: BatchWork = {
    pages: 0,
    skipped: 0,
    checksums: 0,
    newChecksums: 0,
    compares: 0,
    stableCompares: 0,
    identicalCompares: 0,
    merges: 0,
  };
  /** The batch in progress follows another without a sleep (sleep_millisecs 0). */
  #noSleep = false;
  /** Simulated ns per ns of CPU in the batch in progress (1 / noSleepCpuShare without a sleep, else 1). */
  #wallPerCpu = 1;
  readonly #clock: KsmClock;
  readonly #traceClock: () => number;

  constructor(
    readonly ksm: Ksm,
    readonly cost: CostModel,
  ) {
    this.#tickNs = 1e9 / ksm.hz;
    this.#clock = {
      nowNs: () => this.#batchStart + this.#elapsed() * this.#wallPerCpu,
      runtimeNs: () => this.#runtimeBefore + this.#elapsed(),
    };
    this.#traceClock = () => (this.#batchStart + this.#elapsed() * this.#wallPerCpu) / 1e9;
  }

  /** ksmd_should_run */
  shouldRun(): boolean {
    return (this.ksm.run & KSM_RUN_MERGE) !== 0 && !this.ksm.list.isEmpty();
  }

  /** The timeout of a sleep of `ms` milliseconds: msecs_to_jiffies(ms) whole jiffies, in ns. */
  sleepNs(ms: number): number {
    return Math.round(this.ksm.msecsToJiffies(ms) * this.#tickNs);
  }

  /**
   * When a sleep of `ms` milliseconds armed at `nowNs` ends, ns:
   * schedule_timeout(msecs_to_jiffies(ms)) from jiffy J = jiffies(nowNs)
   * fires at the timer wheel's bucket expiry, the tick J + j + 1 for
   * j < 63 jiffies (coarser for longer sleeps); `nowNs` for 0 (no wait).
   */
  sleepEndNs(nowNs: number, ms: number): number {
    const j = this.ksm.msecsToJiffies(ms);
    if (j === 0) return nowNs;
    const hz = this.ksm.hz;
    const clk = jiffiesAt(nowNs, hz);
    return Math.max(nowNs, tickNs(timerExpiryJiffies(clk + j, clk, hz), hz));
  }

  /**
   * Something outside ksmd happened at `nowNs` (a step, a knob write, a
   * fault): deliver the wakeups it implies. Parked ksmd wakes when it
   * should run (run_store and __ksm_enter wake ksm_thread_wait exactly when
   * that becomes true); a sleep ends early when sleep_millisecs differs
   * from the value the sleep began with.
   */
  poke(nowNs: number): void {
    if (this.state === "parked" && this.shouldRun()) {
      this.state = "ready";
      this.nextNs = nowNs;
    } else if (this.state === "sleeping" && this.ksm.knobs.sleepMillisecs !== this.sleepMs) {
      this.sleepsCutShort++;
      this.state = "ready";
      this.nextNs = nowNs;
    }
  }

  /** The scheduler's call at `nextNs` (or later, if the clock jumped past it). */
  fire(nowNs: number): void {
    switch (this.state) {
      case "parked":
        return;
      case "sleeping":
      case "ready":
        this.#runBatch(nowNs);
        return;
      case "busy":
        this.#afterBatch(nowNs);
        return;
    }
  }

  /** The loop's top: the mutex, and ksm_do_scan(pages_to_scan) if ksmd should run. */
  #runBatch(nowNs: number): void {
    if (!this.shouldRun()) {
      this.#afterBatch(nowNs);
      return;
    }
    const k = this.ksm;
    this.#batchStart = nowNs;
    this.#runtimeBefore = this.runtimeNs;
    const b = this.#base;
    b.pages = k.pagesScanned;
    b.skipped = k.pagesSkipped;
    b.checksums = k.nrChecksums;
    b.newChecksums = k.nrNewChecksums;
    b.compares = k.nrCompares;
    b.stableCompares = k.nrStableCompares;
    b.identicalCompares = k.nrIdenticalCompares;
    b.merges = k.nrMerges;
    this.#wallPerCpu = this.#noSleep ? 1 / this.cost.noSleepCpuShare : 1;
    k.clock = this.#clock;
    k.tracer.clock = this.#traceClock;
    let pages = 0;
    try {
      pages = k.doScan(k.knobs.pagesToScan);
    } finally {
      k.clock = null;
      k.tracer.clock = null;
    }
    // at least 1 ns, so that pages_to_scan 0 with sleep_millisecs 0 still lets time pass
    const cpu = this.#elapsed();
    const cost = Math.max(1, Math.round(cpu));
    this.runtimeNs += cost;
    k.ksmdRuntimeNs = this.runtimeNs;
    this.batches++;
    this.state = "busy";
    this.nextNs = nowNs + Math.max(1, Math.round(cpu * this.#wallPerCpu));
    this.onBatch?.({ startNs: nowNs, costNs: cost, pages });
  }

  /** After mutex_unlock: sleep sleep_millisecs (to a tick: sleepEndNs), or park. */
  #afterBatch(nowNs: number): void {
    if (this.shouldRun()) {
      this.sleepMs = this.ksm.knobs.sleepMillisecs;
      const end = this.sleepEndNs(nowNs, this.sleepMs);
      if (end === nowNs) {
        // wait_event_*_timeout with a timeout of 0 does not wait
        this.#noSleep = true;
        this.state = "ready";
        this.nextNs = nowNs;
      } else {
        this.#noSleep = false;
        this.state = "sleeping";
        this.nextNs = end;
      }
    } else {
      this.#noSleep = false;
      this.state = "parked";
      this.nextNs = Number.POSITIVE_INFINITY;
    }
  }

  /** CPU time charged so far in the batch in progress, ns (batchCostNs, without allocating: trace events call it). */
  #elapsed(): number {
    const k = this.ksm;
    const b = this.#base;
    const c = this.cost;
    const checksums = k.nrChecksums - b.checksums;
    const fresh = k.nrNewChecksums - b.newChecksums;
    const stable = k.nrStableCompares - b.stableCompares;
    const unstable = k.nrCompares - b.compares - stable - (k.nrIdenticalCompares - b.identicalCompares);
    return (
      (this.#noSleep ? c.batchNoSleepNs : c.batchNs) +
      fresh * c.firstVisitNs +
      (checksums - fresh) * c.revisitNs +
      unstable * c.compareNs +
      stable * c.stableCompareNs +
      (k.nrMerges - b.merges) * c.mergeNs +
      (k.pagesScanned - b.pages - checksums) * c.ksmPageNs +
      (k.pagesSkipped - b.skipped) * c.skipNs
    );
  }
}
