/**
 * Kernel-versus-simulator comparison of two result documents, exactly as
 * ../shared/tools/fixture-check.py judges them: step ops and results, the
 * snapshot count, every `ksm` counter and every `procs` field the expected
 * document has, `placement` when the expected document has it, and with
 * `trace` the normalised trace events. Fields the expected document lacks,
 * and the recorders' `kernel` and `ksmd_cpu_s`, are never looked at.
 */
import { pathJoin } from "./errors.js";
import { pyEquals, pyRepr, pyStr, pyTuple } from "./python.js";
import type { ResultDocument } from "./result.js";
import { normalizeForCompare, type TraceEvent } from "./trace.js";

export type DifferenceKind =
  | "step" // a step's op or result
  | "step-count"
  | "snapshot-count"
  | "ksm" // a counter of /sys/kernel/mm/ksm at a snapshot
  | "procs" // a ksm_stat field of a process at a snapshot
  | "placement" // a placement entry
  | "placement-length" // placement missing or of another length
  | "trace" // a normalised trace event
  | "trace-length";

/** One way the actual document differs from the expected one. */
export interface Difference {
  kind: DifferenceKind;
  /** Where, in the expected document: `steps[3]`, `snapshots[2].ksm.pages_sharing`, `trace[17]`. */
  path: string;
  /** As fixture-check.py words it: `snapshot 'p2': pages_sharing kernel 160, simulator 159`. */
  message: string;
  expected: unknown;
  actual: unknown;
}

export interface CompareOptions {
  /** Also compare the trace events after normalisation (fixture-check.py --trace). Default false. */
  trace?: boolean;
  /** Stop after this many differences. Default: all of them. */
  limit?: number;
}

type Obj = Record<string, unknown>;
const asObject = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

class Full extends Error {}

/**
 * Every difference of `actual` from `expected`, in the order fixture-check.py
 * checks them; the first is the one it reports (same words). `actual` is read
 * defensively: a missing or mistyped field is a difference, never a crash.
 * After a count mismatch (steps, snapshots, events) the entries that both
 * have are still compared pairwise, so later differences may be consequences
 * of the first.
 */
export function compareResults(
  expected: ResultDocument,
  actual: ResultDocument,
  options: CompareOptions = {},
): Difference[] {
  const out: Difference[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const add = (kind: DifferenceKind, path: string, message: string, e: unknown, a: unknown): void => {
    out.push({ kind, path, message, expected: e, actual: a });
    if (out.length >= limit) throw new Full();
  };
  try {
    if (limit > 0) compareInto(expected, asObject(actual), options.trace === true, add);
  } catch (e) {
    if (!(e instanceof Full)) throw e;
  }
  return out;
}

/** The message fixture-check.py prints for the first difference, or null when it reports none. */
export function firstDifference(
  expected: ResultDocument,
  actual: ResultDocument,
  options: { trace?: boolean } = {},
): string | null {
  return compareResults(expected, actual, { ...options, limit: 1 })[0]?.message ?? null;
}

type Add = (kind: DifferenceKind, path: string, message: string, e: unknown, a: unknown) => void;

function compareInto(exp: ResultDocument, got: Obj, trace: boolean, add: Add): void {
  // Steps: (op, str(result)) pairs, position by position, then the count.
  const es = exp.steps.map((s) => [s.op, pyStr(s.result)] as const);
  const gs = asArray(got.steps).map((s) => {
    const o = asObject(s);
    return [o.op, pyStr(o.result)] as const;
  });
  for (let i = 0; i < Math.min(es.length, gs.length); i++) {
    const a = es[i]!;
    const b = gs[i]!;
    if (!pyEquals(a[0], b[0]) || a[1] !== b[1]) {
      add(
        "step",
        `steps[${i}]`,
        `step ${i}: kernel ${pyTuple(a)}, simulator ${pyTuple(b)}`,
        exp.steps[i],
        asArray(got.steps)[i],
      );
    }
  }
  if (es.length !== gs.length) {
    add("step-count", "steps", `kernel has ${es.length} steps, simulator ${gs.length}`, es.length, gs.length);
  }

  // Snapshots: the count, then every counter and ksm_stat field the expected side has.
  const gsn = asArray(got.snapshots);
  if (gsn.length !== exp.snapshots.length) {
    add(
      "snapshot-count",
      "snapshots",
      `kernel has ${exp.snapshots.length} snapshots, simulator ${gsn.length}`,
      exp.snapshots.length,
      gsn.length,
    );
  }
  exp.snapshots.forEach((e, i) => {
    if (i >= gsn.length) return;
    const g = asObject(gsn[i]);
    const label = pyStr(e.label);
    const gksm = asObject(g.ksm);
    for (const [k, v] of Object.entries(e.ksm)) {
      const gv = gksm[k];
      if (!pyEquals(gv, v)) {
        const msg = `snapshot '${label}': ${k} kernel ${pyStr(v)}, simulator ${pyStr(gv)}`;
        add("ksm", pathJoin(`snapshots[${i}].ksm`, k), msg, v, gv);
      }
    }
    const gprocs = asObject(g.procs);
    for (const [p, st] of Object.entries(e.procs)) {
      const gp = asObject(gprocs[p]);
      for (const [k, v] of Object.entries(st)) {
        const gv = gp[k];
        if (!pyEquals(gv, v)) {
          const msg = `snapshot '${label}': ${p}.${k} kernel ${pyStr(v)}, simulator ${pyStr(gv)}`;
          add("procs", pathJoin(pathJoin(`snapshots[${i}].procs`, p), k), msg, v, gv);
        }
      }
    }
  });

  // Placement, when the expected side has it.
  if (exp.placement !== undefined && !pyEquals(exp.placement, got.placement)) {
    const gpl = asArray(got.placement);
    exp.placement.forEach((e, i) => {
      if (i >= gpl.length) return;
      const g = gpl[i];
      if (!pyEquals(e, g)) {
        const gprocs = asObject(g).procs;
        const msg = `placement at '${pyStr(e.label)}': kernel ${pyRepr(e.procs)}, simulator ${pyRepr(gprocs)}`;
        add("placement", `placement[${i}]`, msg, e, g);
      }
    });
    if (gpl.length !== exp.placement.length || !Array.isArray(got.placement)) {
      add(
        "placement-length",
        "placement",
        "placement missing or of another length",
        exp.placement.length,
        got.placement,
      );
    }
  }

  // Trace events after normalisation.
  if (trace) {
    const et = normalizeForCompare(exp.trace ?? []);
    const gt = normalizeForCompare(asArray(got.trace).map((t) => asObject(t) as unknown as TraceEvent));
    for (let i = 0; i < Math.min(et.length, gt.length); i++) {
      const a = et[i]!;
      const b = gt[i]!;
      if (!pyEquals(a.event, b.event) || a.args !== b.args) {
        const msg = `trace event ${i}: kernel ${pyTuple([a.event, a.args])}, simulator ${pyTuple([b.event, b.args])}`;
        add("trace", `trace[${i}]`, msg, a, b);
      }
    }
    if (et.length !== gt.length) {
      add("trace-length", "trace", `kernel traced ${et.length} events, simulator ${gt.length}`, et.length, gt.length);
    }
  }
}
