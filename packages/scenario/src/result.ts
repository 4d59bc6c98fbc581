/**
 * The result document of a scenario run (scenario-format.md, "Result"), as
 * both the kernel recorders and the simulator print it, and a loader that
 * checks one with path-naming errors.
 */
import { KSM_STAT_FIELDS, KSM_STAT_FLAGS, KSM_STAT_NUMBERS, type KsmStat } from "@ksm-sim/ksm";
import { ErrorList, pathJoin, type ScenarioError } from "./errors.js";
import type { TraceEvent } from "./trace.js";

/** Every counter of /sys/kernel/mm/ksm, in the order the recorders print them. */
export const KSM_COUNTERS = [
  "pages_shared",
  "pages_sharing",
  "pages_unshared",
  "pages_volatile",
  "pages_scanned",
  "pages_skipped",
  "full_scans",
  "stable_node_chains",
  "stable_node_dups",
  "ksm_zero_pages",
  "general_profit",
] as const;
export type KsmCounter = (typeof KSM_COUNTERS)[number];
/** `pages_scanned`, `pages_skipped` and `full_scans` count from the start of the scenario. */
export type KsmCounters = Record<KsmCounter, number>;

export interface Snapshot {
  label: string;
  ksm: KsmCounters;
  /** Every live process, by scenario name. */
  procs: Record<string, KsmStat>;
}

/** A step's index in `steps`, or `"N.k"` for the k-th sub-step run during step N's unmerge pass. */
export type StepNumber = number | `${number}.${number}`;

export interface StepResult {
  step: StepNumber;
  op: string;
  /** `ok`, an errno name (`EINVAL`, `EBUSY`, ...), or `OOPS: message` (which ends the scenario). */
  result: string;
}

/** Pages of one VMA by the node of the frame behind them; `other`: no frame of their own to report. */
export type VmaPlacement = { other: number } & { [node: `node${number}`]: number };

/** Where each live process's pages sit at one snapshot (topologies of two or more nodes). */
export interface PlacementEntry {
  label: string;
  /** Process name → VMA name → pages per node. */
  procs: Record<string, Record<string, VmaPlacement>>;
}

export interface ResultDocument {
  name: string;
  steps: StepResult[];
  snapshots: Snapshot[];
  /** One entry per snapshot, when the topology has two or more nodes. */
  placement?: PlacementEntry[];
  /** With tracing on: the `ksm` trace events, renamed (see renameTrace). */
  trace?: TraceEvent[];
  /** Recorders: the kernel release they ran on. Not compared. */
  kernel?: string;
  /** Recorders: ksmd's CPU seconds during the scenario. Not compared. */
  ksmd_cpu_s?: number;
  /** The simulator's name and version, e.g. `ksm-sim 0.1.0`. Not compared. */
  simulator?: string;
}

export type LoadResult = { ok: true; result: ResultDocument } | { ok: false; errors: ScenarioError[] };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);
const SUB_STEP = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const NODE_KEY = /^node(0|[1-9][0-9]?)$/;

class Loader {
  readonly list = new ErrorList();

  object(v: unknown, path: string, what: string): v is Obj {
    if (isObject(v)) return true;
    this.list.bad(path, "type", `must be an object (${what})`, v);
    return false;
  }

  array(v: unknown, path: string, what: string): v is unknown[] {
    if (Array.isArray(v)) return true;
    this.list.bad(path, "type", `must be an array (${what})`, v);
    return false;
  }

  fields(o: Obj, path: string, required: readonly string[], optional: readonly string[], what: string): boolean {
    let ok = true;
    for (const k of Object.keys(o)) {
      if (!required.includes(k) && !optional.includes(k)) {
        this.list.add(
          pathJoin(path, k),
          "unknown-field",
          `unknown field of ${what} (expected ${[...required, ...optional].join(", ")})`,
        );
      }
    }
    for (const k of required) {
      if (!(k in o)) {
        this.list.add(pathJoin(path, k), "required", `is required in ${what}`);
        ok = false;
      }
    }
    return ok;
  }

  string(v: unknown, path: string): void {
    if (typeof v !== "string") this.list.bad(path, "type", "must be a string", v);
  }

  int(v: unknown, path: string, min = Number.MIN_SAFE_INTEGER): void {
    if (!isInt(v)) this.list.bad(path, "type", "must be an integer", v);
    else if (v < min) this.list.bad(path, "range", `must be an integer >= ${min}`, v);
  }

  document(doc: unknown): void {
    if (!this.object(doc, "", "a result document { name, steps, snapshots, ... }")) return;
    // Unknown top-level fields are allowed: recorders and simulators may add their own; no comparison reads them.
    for (const k of ["name", "steps", "snapshots"]) {
      if (!(k in doc)) this.list.add(k, "required", "is required in a result document");
    }
    if ("name" in doc) this.string(doc.name, "name");
    if ("kernel" in doc) this.string(doc.kernel, "kernel");
    if ("simulator" in doc) this.string(doc.simulator, "simulator");
    if ("ksmd_cpu_s" in doc && (typeof doc.ksmd_cpu_s !== "number" || !Number.isFinite(doc.ksmd_cpu_s))) {
      this.list.bad("ksmd_cpu_s", "type", "must be a number of seconds", doc.ksmd_cpu_s);
    }
    if ("steps" in doc && this.array(doc.steps, "steps", "of step results")) this.steps(doc.steps);
    if ("snapshots" in doc && this.array(doc.snapshots, "snapshots", "of snapshots")) {
      for (const [i, s] of doc.snapshots.entries()) this.snapshot(s, `snapshots[${i}]`);
    }
    if ("placement" in doc && this.array(doc.placement, "placement", "one entry per snapshot")) {
      for (const [i, p] of doc.placement.entries()) this.placement(p, `placement[${i}]`);
    }
    if ("trace" in doc && this.array(doc.trace, "trace", "of trace events")) {
      for (const [i, t] of doc.trace.entries()) this.event(t, `trace[${i}]`);
    }
  }

  steps(steps: unknown[]): void {
    let last = -1; // the last integer step number
    let sub = 0; // the next sub-step index of `last`
    steps.forEach((s, i) => {
      const path = `steps[${i}]`;
      if (!this.object(s, path, "{ step, op, result }")) return;
      this.fields(s, path, ["step", "op", "result"], [], "a step result");
      if ("op" in s) this.string(s.op, `${path}.op`);
      if ("result" in s) this.string(s.result, `${path}.result`);
      if (!("step" in s)) return;
      const n = s.step;
      if (isInt(n) && n >= 0) {
        if (n <= last) this.list.bad(`${path}.step`, "order", `must be greater than the step before (${last})`, n);
        last = n;
        sub = 0;
      } else if (typeof n === "string" && SUB_STEP.test(n)) {
        const [a, b] = n.split(".").map(Number) as [number, number];
        if (a !== last || b !== sub) {
          const want = last < 0 ? "no step before it" : `"${last}.${sub}"`;
          this.list.bad(`${path}.step`, "order", `must number the sub-steps of the step before in order (${want})`, n);
        }
        if (a === last) sub = b + 1;
      } else {
        this.list.bad(`${path}.step`, "type", 'must be a step index (an integer >= 0) or a sub-step "N.k"', n);
      }
    });
  }

  snapshot(s: unknown, path: string): void {
    if (!this.object(s, path, "{ label, ksm, procs }")) return;
    this.fields(s, path, ["label", "ksm", "procs"], [], "a snapshot");
    if ("label" in s) this.string(s.label, `${path}.label`);
    if ("ksm" in s && this.object(s.ksm, `${path}.ksm`, "the counters of /sys/kernel/mm/ksm")) {
      const ksm = s.ksm;
      this.fields(ksm, `${path}.ksm`, KSM_COUNTERS, [], "ksm counters");
      for (const k of KSM_COUNTERS) if (k in ksm) this.int(ksm[k], `${path}.ksm.${k}`);
    }
    if ("procs" in s && this.object(s.procs, `${path}.procs`, "process name → ksm_stat")) {
      for (const [name, st] of Object.entries(s.procs)) {
        const p = pathJoin(`${path}.procs`, name);
        if (!this.object(st, p, "the fields of /proc/PID/ksm_stat")) continue;
        this.fields(st, p, KSM_STAT_FIELDS, [], "a ksm_stat");
        for (const k of KSM_STAT_NUMBERS) if (k in st) this.int(st[k], `${p}.${k}`);
        for (const k of KSM_STAT_FLAGS) {
          if (k in st && typeof st[k] !== "boolean") this.list.bad(`${p}.${k}`, "type", "must be a boolean", st[k]);
        }
      }
    }
  }

  placement(e: unknown, path: string): void {
    if (!this.object(e, path, "{ label, procs }")) return;
    this.fields(e, path, ["label", "procs"], [], "a placement entry");
    if ("label" in e) this.string(e.label, `${path}.label`);
    if (!("procs" in e) || !this.object(e.procs, `${path}.procs`, "process name → VMA name → pages per node")) return;
    for (const [proc, vmas] of Object.entries(e.procs)) {
      const pp = pathJoin(`${path}.procs`, proc);
      if (!this.object(vmas, pp, "VMA name → pages per node")) continue;
      for (const [vma, counts] of Object.entries(vmas)) {
        const vp = pathJoin(pp, vma);
        if (!this.object(counts, vp, "{ node0, node1, ..., other }")) continue;
        if (!("other" in counts)) this.list.add(`${vp}.other`, "required", "is required in a VMA's placement");
        for (const [k, n] of Object.entries(counts)) {
          if (k !== "other" && !NODE_KEY.test(k)) {
            this.list.add(
              pathJoin(vp, k),
              "unknown-field",
              "unknown field of a VMA's placement (expected node0, node1, ..., other)",
            );
          } else this.int(n, pathJoin(vp, k), 0);
        }
      }
    }
  }

  event(t: unknown, path: string): void {
    if (!this.object(t, path, "{ t, event, args }")) return;
    this.fields(t, path, ["t", "event", "args"], [], "a trace event");
    if ("t" in t && (typeof t.t !== "number" || !Number.isFinite(t.t)))
      this.list.bad(`${path}.t`, "type", "must be a number of seconds", t.t);
    if ("event" in t) this.string(t.event, `${path}.event`);
    if ("args" in t) this.string(t.args, `${path}.args`);
  }
}

/**
 * Checks a result document (an object, or its JSON text) and returns it typed,
 * or every problem with its path (`snapshots[2].ksm.pages_shared: must be an
 * integer, got "3"`), up to {@link MAX_ERRORS}. Unknown top-level fields are
 * allowed (recorders and simulators add their own); nested objects are strict.
 */
export function loadResultDocument(json: unknown): LoadResult {
  let doc = json;
  if (typeof json === "string") {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { ok: false, errors: [{ path: "", code: "json", message: `(document): is not valid JSON (${msg})` }] };
    }
  }
  const l = new Loader();
  l.document(doc);
  const errors = l.list.result();
  return errors.length === 0 ? { ok: true, result: doc as ResultDocument } : { ok: false, errors };
}
