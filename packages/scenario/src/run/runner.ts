/**
 * Runs a validated scenario on a simulated machine with the KSM engine and
 * returns the result document: what each step returned, the snapshots, the
 * placement per node, and (when asked) the renamed trace.
 */
import { createKsm, type Fixes as EngineFixes, KSM_RUN_MERGE, type Ksm, KsmOops, type TraceEvent } from "@ksm-sim/ksm";
import { type CostModel, Simulation } from "@ksm-sim/ksmd";
import { createMachine, type Machine, type Mm, MmError, vmaPlacement } from "@ksm-sim/mm";
import type { TreeBackend } from "@ksm-sim/tree";
import { mmapSlots, pagesPerNode, slotAddress } from "../layout.js";
import type { PlacementEntry, ResultDocument, Snapshot, StepResult } from "../result.js";
import type { Sample } from "../series.js";
import { renameTrace } from "../trace.js";
import { pageToken, type RunForStep, type Scenario, type Step, type TimedStep, workloadId } from "../types.js";
import { piecesOf, type Region } from "./regions.js";
import { Sampler } from "./sampler.js";
import { treeBackendOf } from "./tree-option.js";

export interface RunOptions {
  /**
   * Tree backend: a TreeBackend, or a built-in backend's name (`"bintrees"`;
   * default: the lib/rbtree.c port). A backend of your own in a module:
   * `await loadBackend("./mine.js")` of @ksm-sim/backends, then pass it.
   */
  readonly tree?: TreeBackend | string;
  /** Page contents (default tokens). */
  readonly content?: "tokens" | "bytes";
  /** Record the ksm_* trace. */
  readonly trace?: boolean;
  /** Override the scenario's `fixes` (the CLI's --no-FIX flags). */
  readonly fixes?: Scenario["fixes"];
  /** Called after every step with the machine and engine (tests check invariants here). */
  readonly afterStep?: (machine: Machine, ksm: Ksm, step: Step) => void;
  /** ksmd's CPU-cost model for `run_for` (fields not given keep @ksm-sim/ksmd's defaults). */
  readonly cost?: Partial<CostModel>;
  /** The kernel's HZ (default 250): jiffies, and the rounding of ksmd's sleeps. */
  readonly hz?: number;
  /** Take a time-series sample every this many ms of simulated time (see series.ts); with `onSample`. */
  readonly sampleEveryMs?: number;
  readonly onSample?: (sample: Sample) => void;
  /**
   * Progress of a long run (for a progress bar): `doneMs` of `totalMs`
   * simulated ms of the `run_for` steps, and everything in `progress`. Called
   * in `run_for` steps whenever the time done moves by a thousandth of the
   * total, and in `scan` steps after a batch of {@link SCAN_PROGRESS_BATCH}
   * pages once `progressEveryMs` of wall-clock time have passed since the last
   * call, and at the end of each `scan` step.
   */
  readonly onProgress?: (doneMs: number, totalMs: number, progress: RunProgress) => void;
  /** Wall-clock ms between two progress calls of a `scan` step (default 100; 0: after every batch). */
  readonly progressEveryMs?: number;
}

/** Where a run is, for {@link RunOptions.onProgress}. */
export interface RunProgress {
  /** What runs: a `scan` step, or ksmd on the clock in a `run_for` step. */
  readonly phase: "scan" | "run_for";
  /**
   * How far that phase of the whole scenario is, 0 to 1: the full scans of all
   * `scan` steps (the current one estimated from the pages the previous full
   * scan took), or the simulated time of all `run_for` steps.
   */
  readonly fraction: number;
  /** Full scans the `scan` steps have run so far, and how many they ask for in all. */
  readonly scanStepFullScans: number;
  readonly totalScanStepFullScans: number;
  /** The counters full_scans and pages_scanned now. */
  readonly fullScans: number;
  readonly pagesScanned: number;
  /** Simulated ms of `run_for` done, of the total. */
  readonly simulatedMs: number;
  readonly totalSimulatedMs: number;
}

/** Pages per ksm_do_scan call of a `scan` step that reports progress: the progress check runs once per batch. */
export const SCAN_PROGRESS_BATCH = 4096;

/** A scenario-level failure: a bad scenario the validator could not see (e.g. a sysfs field that fails). */
export class ScenarioRunError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "ScenarioRunError";
  }
}

class Oopsed extends Error {}

/** A `sysfs` step with `during` records its own entries. */
const DURING_RECORDED = "\u0000recorded";

interface Proc {
  readonly name: string;
  readonly mm: Mm;
  readonly regions: Map<string, Region>;
  /** VMAs whose mmap failed (mbind to a node without memory): the recorder has no such mapping. */
  readonly failed: Set<string>;
  /** The next free default-address slot (layout.ts): every mmap takes its slots, failed or not. */
  slot: number;
}

/** A step that fails with an errno the way the recorder reports it (a VMA it never mapped). */
class StepErrno extends Error {
  constructor(readonly errno: string) {
    super(errno);
  }
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): ResultDocument {
  return new ScenarioRun(scenario, options).run();
}

class ScenarioRun {
  readonly machine: Machine;
  readonly ksm: Ksm;
  readonly procs = new Map<string, Proc>();
  readonly pins = new Set<string>();
  readonly steps: StepResult[] = [];
  readonly snapshots: Snapshot[] = [];
  readonly placement: PlacementEntry[] = [];
  readonly trace: TraceEvent[] = [];
  readonly multiNode: boolean;
  /** ksmd and the workloads on the simulated clock. */
  readonly sim: Simulation;
  readonly sampler: Sampler | null = null;
  /** Simulated ns of run_for done, and the total (for onProgress). */
  runForDoneNs = 0;
  readonly runForTotalNs: number;
  #progressShown = -1;
  /** Full scans the `scan` steps asked for in all, and ran so far. */
  readonly scanTotal: number;
  scanDone = 0;
  /** Pages the last finished full scan took (the estimate for the next; the first: frames in use), and pages_scanned at its start. */
  lastScanPages = 0;
  scanStartPages = 0;
  /** performance.now() of the last progress call of a scan step. */
  lastScanReport = Number.NEGATIVE_INFINITY;

  constructor(
    readonly scenario: Scenario,
    readonly options: RunOptions,
  ) {
    const topo = scenario.topology;
    const nodes = topo?.nodes ?? 1;
    this.multiNode = nodes > 1;
    this.machine = createMachine({
      topology: { nodes, pagesPerNode: pagesPerNode(topo), ...(topo?.distances ? { distances: topo.distances } : {}) },
      contents: options.content ?? "tokens",
      // Linux 6.18 frees zapped pages when munmap/exit/MADV_DONTNEED returns (tlb_finish_mmu); only pages
      // still in a per-CPU lru_add batch linger, and the lru_add batch is modelled.
      deferredFree: false,
    });
    const f = { ...scenario.fixes, ...options.fixes };
    const fixes: Partial<EngineFixes> = {
      removeAllStableNodes: f.remove_all_stable_nodes ?? true,
      enterAtTailWhileUnmerging: f.enter_at_tail_while_unmerging ?? true,
      copyOnSwapinWhileUnmerging: f.copy_on_swapin_while_unmerging ?? true,
    };
    this.ksm = createKsm(this.machine, {
      ...(options.tree !== undefined ? { tree: treeBackendOf(options.tree) } : {}),
      ...(options.hz !== undefined ? { hz: options.hz } : {}),
      fixes,
    });
    if (options.trace) this.ksm.setTraceSink((e) => this.trace.push(e));
    this.sim = new Simulation(this.ksm, options.cost ? { cost: options.cost } : {});
    const { sampleEveryMs, onSample } = options;
    if (sampleEveryMs !== undefined && onSample !== undefined)
      this.sampler = new Sampler(sampleEveryMs, (t) => this.sample(t), onSample);
    this.runForTotalNs = scenario.steps.reduce((n, s) => n + (s.op === "run_for" ? s.ms * 1e6 : 0), 0);
    this.scanTotal = scenario.steps.reduce((n, s) => n + (s.op === "scan" ? s.full_scans : 0), 0);
    this.sim.onAdvance = (from, to) => this.advanced(from, to);
  }

  /** The clock moves from `from` to `to` ns: samples, progress. */
  private advanced(from: number, to: number): void {
    this.sampler?.advance(to);
    if (this.inRunFor) {
      this.runForDoneNs += to - from;
      const p = this.options.onProgress;
      if (p !== undefined && this.runForTotalNs > 0) {
        const permille = Math.floor((this.runForDoneNs * 1000) / this.runForTotalNs);
        if (permille !== this.#progressShown) {
          this.#progressShown = permille;
          p(this.runForDoneNs / 1e6, this.runForTotalNs / 1e6, this.progress("run_for", permille / 1000));
        }
      }
    }
  }
  private inRunFor = false;

  /** A time-series sample of the state now, labelled `tMs`. */
  private sample(tMs: number): Sample {
    const procs: Sample["procs"] = {};
    for (const p of this.procs.values()) procs[p.name] = this.ksm.ksmStat(p.mm);
    const k = this.ksm;
    const fl = this.machine.freeLists;
    const nodes: number[] = [];
    for (let n = 0; n < this.machine.topology.nodes; n++) nodes.push(fl.ends[n]! - fl.starts[n]! - fl.available(n));
    const d = this.sim.ksmd;
    return {
      t_ms: tMs,
      ksm: k.counters(),
      ksmd: {
        run: k.run,
        pages_to_scan: k.knobs.pagesToScan,
        sleep_millisecs: k.knobs.sleepMillisecs,
        state: d.state,
        cpu_ms: d.runtimeNs / 1e6,
        batches: d.batches,
      },
      procs,
      nodes,
    } as Sample;
  }

  run(): ResultDocument {
    for (const [knob, value] of Object.entries(this.scenario.sysfs ?? {})) {
      const r = this.ksm.sysfsWrite(knob, typeof value === "number" ? String(value) : value);
      if (r !== "ok")
        throw new ScenarioRunError(`sysfs.${knob}`, `the write of ${JSON.stringify(value)} fails with ${r}`);
    }
    try {
      const steps = this.scenario.steps;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]!;
        if (step.op !== "run_for") {
          this.runStep(step, String(i), i);
          continue;
        }
        let j = i + 1; // the timed steps of this run_for are i+1 .. j-1
        while (j < steps.length && steps[j]!.at_ms !== undefined) j++;
        this.runFor(step, i, steps.slice(i + 1, j));
        i = j - 1;
      }
      this.sampler?.finish(this.ksm.nowNs);
      // after the last step every live process exits, in creation order
      for (const p of [...this.procs.values()]) this.guard(() => this.exit(p));
    } catch (e) {
      if (!(e instanceof Oopsed)) throw e;
    }
    const doc: ResultDocument = {
      name: this.scenario.name,
      simulator: "ksm-sim",
      steps: this.steps,
      snapshots: this.snapshots,
    } as ResultDocument;
    if (this.multiNode) (doc as { placement?: PlacementEntry[] }).placement = this.placement;
    if (this.options.trace) (doc as { trace?: TraceEvent[] }).trace = renameTrace(this.trace) as TraceEvent[];
    return doc;
  }

  /** Run `fn`; a simulated oops ends the scenario. */
  private guard<T>(fn: () => T): T | "OOPS" {
    try {
      return fn();
    } catch (e) {
      if (e instanceof KsmOops) {
        this.lastOops = `OOPS: ${e.message}`;
        return "OOPS";
      }
      throw e;
    }
  }
  private lastOops = "";

  private record(label: string, op: string, result: string): void {
    const step = /^\d+$/.test(label) ? Number(label) : label;
    this.steps.push({ step, op, result } as StepResult);
  }

  private runStep(step: Step, label: string, index: number): void {
    const result = this.guard(() => this.applyOrErrno(step, label, index));
    if (result === "OOPS") {
      this.record(label, step.op, this.lastOops);
      throw new Oopsed();
    }
    if (result !== DURING_RECORDED) this.record(label, step.op, result);
    this.sim.poke(); // the wakeups the step implies for ksmd (run writes, __ksm_enter, sleep_millisecs)
    this.options.afterStep?.(this.machine, this.ksm, step);
  }

  /**
   * run_for: run=1, the clock runs `ms` with the timed steps at their
   * at_ms (relative to the start), run=0. A simulated oops in a ksmd batch
   * is the run_for's result and ends the scenario.
   */
  private runFor(step: RunForStep, index: number, timed: TimedStep[]): void {
    const entry: StepResult = { step: index, op: "run_for", result: "ok" };
    this.steps.push(entry);
    const t0 = this.ksm.nowNs;
    const clock = (ns: number) => {
      this.inRunFor = true;
      const r = this.guard(() => this.sim.runUntil(ns));
      this.inRunFor = false;
      if (r === "OOPS") {
        entry.result = this.lastOops;
        throw new Oopsed();
      }
    };
    this.sim.resumeWorkloads();
    this.sim.start();
    for (const [x, s] of timed.entries()) {
      clock(t0 + s.at_ms! * 1e6);
      this.runStep(s, String(index + 1 + x), index + 1 + x);
    }
    clock(t0 + step.ms * 1e6);
    this.sim.stop();
    this.options.afterStep?.(this.machine, this.ksm, step);
  }

  /** Where the run is now, for onProgress. */
  private progress(phase: RunProgress["phase"], fraction: number): RunProgress {
    return {
      phase,
      fraction,
      scanStepFullScans: this.scanDone,
      totalScanStepFullScans: this.scanTotal,
      fullScans: this.ksm.list.scan.seqnr,
      pagesScanned: this.ksm.pagesScanned,
      simulatedMs: this.runForDoneNs / 1e6,
      totalSimulatedMs: this.runForTotalNs / 1e6,
    };
  }

  /** Frames allocated on the online nodes: what the first full scan is expected to take. */
  private framesInUse(): number {
    const fl = this.machine.freeLists;
    let n = 0;
    for (let node = 0; node < this.machine.topology.nodes; node++)
      if (fl.offline[node] === 0) n += fl.ends[node]! - fl.starts[node]! - fl.available(node);
    return n;
  }

  /**
   * The scan step: runFullScans; one full scan at a time when sampling so the
   * samples follow the clock, and in batches when reporting progress.
   */
  private scan(n: number): void {
    const sampler = this.sampler;
    const progress = this.options.onProgress;
    const start = this.scanDone;
    if (sampler === null && progress === undefined) this.ksm.runFullScans(n);
    else {
      for (let i = 0; i < n && !this.ksm.list.isEmpty(); i++) {
        if (progress === undefined) this.ksm.runFullScans(1);
        else this.fullScanReporting(progress);
        this.scanDone++;
        sampler?.advance(this.ksm.nowNs);
      }
    }
    this.scanDone = start + n; // the full scans a step cannot run (nothing registered) count as done
    if (progress !== undefined) {
      const fraction = this.scanTotal > 0 ? this.scanDone / this.scanTotal : 1;
      progress(this.runForDoneNs / 1e6, this.runForTotalNs / 1e6, this.progress("scan", fraction));
      this.lastScanReport = performance.now();
    }
  }

  /**
   * ksm.runFullScans(1) in batches of SCAN_PROGRESS_BATCH pages (the same
   * scan: ksm_do_scan stops at the end of a full scan, and nothing else runs
   * between the batches), with a progress call after a batch when
   * progressEveryMs have passed since the last.
   */
  private fullScanReporting(progress: NonNullable<RunOptions["onProgress"]>): void {
    const k = this.ksm;
    const everyMs = this.options.progressEveryMs ?? 100;
    const saved = k.run;
    k.run = KSM_RUN_MERGE;
    const before = k.list.scan.seqnr;
    this.scanStartPages = k.pagesScanned;
    while (k.list.scan.seqnr === before && !k.list.isEmpty()) {
      k.doScan(SCAN_PROGRESS_BATCH);
      const now = performance.now();
      if (now - this.lastScanReport >= everyMs && k.list.scan.seqnr === before) {
        this.lastScanReport = now;
        const done = k.pagesScanned - this.scanStartPages;
        const expected = this.lastScanPages > 0 ? this.lastScanPages : this.framesInUse();
        const part = Math.min(0.99, done / Math.max(expected, done + 1));
        const fraction = this.scanTotal > 0 ? (this.scanDone + part) / this.scanTotal : 1;
        progress(this.runForDoneNs / 1e6, this.runForTotalNs / 1e6, this.progress("scan", fraction));
      }
    }
    this.lastScanPages = k.pagesScanned - this.scanStartPages;
    k.setTimeNs(k.nowNs + 100 * 1e6); // runFullScans's msPerScan
    k.run = saved === KSM_RUN_MERGE ? saved : 0;
  }

  /** A workload step: rewrite pages of the range at the given rate while the clock runs. */
  private workload(step: Extract<Step, { op: "workload" }>): string {
    const p = this.proc(step.proc);
    const r = this.region(p, step.vma);
    const start = step.start ?? 0;
    const count = step.count ?? r.pages - start;
    const m = this.machine;
    const write = (page: number, token: number): boolean => {
      if (this.procs.get(p.name) !== p || p.regions.get(r.name) !== r) return false; // exited or unmapped
      const piece = piecesOf(p.mm, r, start + page, 1)[0];
      if (piece !== undefined) m.write(p.mm, piece.vma, piece.page, token);
      return true;
    };
    const spec = { pagesPerSec: step.pages_per_sec, seed: step.seed, pages: count, content: step.content };
    this.sim.startWorkload(workloadId(step), spec, write);
    return "ok";
  }

  private proc(name: string): Proc {
    const p = this.procs.get(name);
    if (p === undefined) throw new ScenarioRunError("proc", `no process "${name}"`);
    return p;
  }

  private region(p: Proc, name: string, op = ""): Region {
    // the recorder answers ENOENT (munmap) or EINVAL (the others) for a VMA it never mapped
    if (p.failed.has(name)) throw new StepErrno(op === "munmap" ? "ENOENT" : "EINVAL");
    const r = p.regions.get(name);
    if (r === undefined) throw new ScenarioRunError("vma", `process "${p.name}" has no vma "${name}"`);
    return r;
  }

  /**
   * {@link apply}, with the failures a real machine reports as a step result:
   * a VMA whose mmap failed, and no free frame for a fault (`write`, `swapin`)
   * on a VMA bound to a node that went offline or is full. The kernel would
   * OOM-kill the process there; the simulator reports ENOMEM and the process
   * lives on, with the pages written before the failure.
   */
  private applyOrErrno(step: Step, label: string, index: number): string {
    try {
      return this.apply(step, label, index);
    } catch (e) {
      if (e instanceof StepErrno) return e.errno;
      if (e instanceof MmError && e.code === "ENOMEM" && (step.op === "write" || step.op === "swapin")) return "ENOMEM";
      throw e;
    }
  }

  /** One step; returns its result text. */
  private apply(step: Step, label: string, index: number): string {
    const m = this.machine;
    switch (step.op) {
      case "spawn": {
        const mm = m.spawn(step.proc);
        this.procs.set(step.proc, { name: step.proc, mm, regions: new Map(), failed: new Set(), slot: 0 });
        return "ok";
      }
      case "mmap": {
        const p = this.proc(step.proc);
        const address = step.address ?? slotAddress(p.slot);
        p.slot += mmapSlots(step.pages);
        if (step.node !== undefined && m.freeLists.offline[step.node] === 1) {
          // mbind(MPOL_BIND) to a node with no memory: EINVAL, and the recorder unmaps the range again
          p.failed.add(step.vma);
          return "EINVAL";
        }
        const vma = m.mmap(p.mm, step.vma, step.pages, {
          ...(step.node !== undefined ? { node: step.node } : {}),
          address,
        });
        p.regions.set(step.vma, { name: step.vma, start: vma.start, pages: vma.pages });
        return "ok";
      }
      case "munmap": {
        const p = this.proc(step.proc);
        const r = this.region(p, step.vma, "munmap");
        for (const piece of piecesOf(p.mm, r, 0, r.pages)) m.munmap(p.mm, piece.vma);
        p.regions.delete(step.vma);
        return "ok";
      }
      case "write": {
        const p = this.proc(step.proc);
        const r = this.region(p, step.vma);
        const start = step.start ?? 0;
        const count = step.count ?? r.pages - start;
        const pieces = piecesOf(p.mm, r, start, count);
        if (pieces.length === 1) {
          const c = step.content;
          const content =
            typeof c === "number" ? c : c.period === undefined ? { from: c.from } : { from: c.from, period: c.period };
          m.writeRange(p.mm, pieces[0]!.vma, pieces[0]!.page, count, content);
        } else {
          let j = 0;
          for (const piece of pieces) {
            for (let i = 0; i < piece.count; i++)
              m.write(p.mm, piece.vma, piece.page + i, pageToken(step.content, j++));
          }
        }
        return "ok";
      }
      case "madvise": {
        const p = this.proc(step.proc);
        const r = this.region(p, step.vma);
        const start = step.start ?? 0;
        const count = step.count ?? r.pages - start;
        for (const piece of piecesOf(p.mm, r, start, count)) {
          let res: string;
          if (step.advice === "dontneed") {
            m.madviseDontneed(p.mm, piece.vma, piece.page, piece.count);
            res = "ok";
          } else if (step.advice === "mergeable") {
            res = m.madviseMergeable(p.mm, piece.vma, piece.page, piece.count);
          } else {
            res = m.madviseUnmergeable(p.mm, piece.vma, piece.page, piece.count);
          }
          if (res !== "ok") return res;
        }
        return "ok";
      }
      case "prctl":
        return this.ksm.prctlSetMemoryMerge(this.proc(step.proc).mm, step.merge_any);
      case "fork": {
        const p = this.proc(step.proc);
        const child = m.fork(p.mm, step.child);
        this.procs.set(step.child, {
          name: step.child,
          mm: child,
          regions: new Map(p.regions),
          failed: new Set(p.failed),
          slot: p.slot,
        });
        return "ok";
      }
      case "exit":
        this.exit(this.proc(step.proc));
        return "ok";
      case "sysfs":
        return this.sysfs(step, label, index);
      case "scan":
        this.scan(step.full_scans);
        return "ok";
      case "snapshot":
        this.snapshot(step.label ?? `step${index}`);
        return "ok";
      case "migrate": {
        const p = this.proc(step.proc);
        const r = this.region(p, step.vma);
        const start = step.start ?? 0;
        const count = step.count ?? r.pages - start;
        let result = "ok";
        for (const piece of piecesOf(p.mm, r, start, count)) {
          const res = m.migrate(p.mm, piece.vma, piece.page, piece.count, step.node);
          if (res !== "ok") result = res;
        }
        return result;
      }
      case "swapout":
      case "swapin": {
        const p = this.proc(step.proc);
        const r = this.region(p, step.vma);
        const start = step.start ?? 0;
        const count = step.count ?? r.pages - start;
        for (const piece of piecesOf(p.mm, r, start, count)) {
          if (step.op === "swapout") m.swapout(p.mm, piece.vma, piece.page, piece.count);
          else m.swapin(p.mm, piece.vma, piece.page, piece.count);
        }
        return "ok";
      }
      case "pin": {
        const p = this.proc(step.proc);
        const r = this.region(p, step.vma);
        const start = step.start ?? 0;
        const count = step.count ?? r.pages - start;
        const pieces = piecesOf(p.mm, r, start, count);
        for (const [i, piece] of pieces.entries()) {
          m.pin(p.mm, piece.vma, piece.page, piece.count, i === 0 ? step.id : `${step.id}#${i}`);
        }
        this.pinPieces.set(step.id, pieces.length);
        return "ok";
      }
      case "unpin": {
        const n = this.pinPieces.get(step.id) ?? 1;
        for (let i = 0; i < n; i++) m.unpin(i === 0 ? step.id : `${step.id}#${i}`);
        this.pinPieces.delete(step.id);
        return "ok";
      }
      case "offline":
        return m.offlineNode(step.node);
      case "run_for":
        this.sim.runFor(step.ms); // a run_for inside a during list is invalid; the main loop runs the others
        return "ok";
      case "workload":
        return this.workload(step);
      case "workload_stop":
        this.sim.stopWorkload(step.id);
        return "ok";
    }
  }
  private readonly pinPieces = new Map<string, number>();

  private exit(p: Proc): void {
    this.machine.exit(p.mm);
    this.procs.delete(p.name);
  }

  private sysfs(step: Extract<Step, { op: "sysfs" }>, label: string, index: number): string {
    const text = typeof step.value === "number" ? String(step.value) : step.value;
    if (!step.during || step.during.length === 0) return this.ksm.sysfsWrite(step.knob, text);
    // a run=2 write with steps interleaved into its unmerge pass: "N", then "N.0", "N.1", ...
    const pending = [...step.during];
    const subResults: [string, string, string][] = [];
    let sub = 0;
    let oopsed = false;
    const runEntry = (entry: (typeof pending)[number]) => {
      for (const s of entry.steps) {
        const subLabel = `${label}.${sub++}`;
        const out = this.guard(() => this.applyOrErrno(s, subLabel, index));
        subResults.push([subLabel, s.op, out === "OOPS" ? this.lastOops : out]);
        if (out === "OOPS") throw new Oopsed();
      }
    };
    let result = "ok";
    try {
      result = this.ksm.sysfsWrite(step.knob, text, (mmId) => {
        for (let i = 0; i < pending.length; ) {
          const entry = pending[i]!;
          if (this.procs.get(entry.after_mm)?.mm.id === mmId) {
            pending.splice(i, 1);
            runEntry(entry);
          } else i++;
        }
      });
      for (const entry of pending.splice(0)) runEntry(entry);
    } catch (e) {
      if (!(e instanceof Oopsed)) throw e;
      oopsed = true;
    }
    this.record(label, step.op, result);
    for (const [l, op, r] of subResults) this.record(l, op, r);
    if (oopsed) throw new Oopsed();
    return DURING_RECORDED;
  }

  private snapshot(label: string): void {
    const procs: Snapshot["procs"] = {};
    for (const p of this.procs.values()) procs[p.name] = this.ksm.ksmStat(p.mm);
    this.snapshots.push({ label, ksm: this.ksm.counters(), procs } as Snapshot);
    if (this.multiNode) this.placement.push({ label, procs: this.placementOf() } as PlacementEntry);
  }

  private placementOf(): Record<string, Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, Record<string, number>>> = {};
    const m = this.machine;
    for (const p of this.procs.values()) {
      const perVma: Record<string, Record<string, number>> = {};
      for (const [name, r] of p.regions) {
        // a region may be split into several kernel VMAs: sum their pieces
        const sum = { nodes: new Array<number>(m.topology.nodes).fill(0), other: 0 };
        for (const piece of piecesOf(p.mm, r, 0, r.pages)) vmaPlacement(m, piece.vma, piece.page, piece.count, sum);
        const counts: Record<string, number> = {};
        sum.nodes.forEach((n, i) => {
          counts[`node${i}`] = n;
        });
        counts.other = sum.other;
        perVma[name] = counts;
      }
      out[p.name] = perVma;
    }
    return out;
  }
}

export { MmError };
