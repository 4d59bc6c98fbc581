/**
 * Validation of the steps on ksmd's simulated clock
 * (docs/scenario-format-additions.md): `run_for`, `workload`,
 * `workload_stop`, and `at_ms` on the steps that follow a `run_for`.
 */
import { type ErrorList, pathJoin } from "./errors.js";
import { MAX_PAGES_PER_SEC, MAX_RUN_FOR_MS, TOKEN_LIMIT } from "./types.js";

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

/** The `at_ms` rules over one list of top-level steps. */
export class AtMsChecker {
  /** The run_for whose window the following timed steps fall in: its path and ms (undefined when invalid). */
  #window: { path: string; ms: number | undefined } | null = null;
  #last = 0;

  constructor(readonly list: ErrorList) {}

  /**
   * Check `s`'s `at_ms` against the window of the run_for before it and
   * return the step to check further: `s` itself, or a copy without `at_ms`
   * (the document is never changed).
   */
  step(s: unknown, path: string): unknown {
    if (!isObject(s)) {
      this.#window = null;
      return s;
    }
    if (!("at_ms" in s)) {
      if (s.op === "run_for") {
        const ms = isInt(s.ms) && s.ms >= 1 && s.ms <= MAX_RUN_FOR_MS ? s.ms : undefined;
        this.#window = { path, ms };
        this.#last = 0;
      } else this.#window = null;
      return s;
    }
    const { at_ms: at, ...rest } = s;
    const p = `${path}.at_ms`;
    const w = this.#window;
    if (w === null) {
      this.list.bad(
        p,
        "timed",
        "is allowed only on the steps right after a run_for (each timed step follows the run_for or another timed step)",
        at,
      );
    } else if (s.op === "run_for" || s.op === "scan") {
      this.list.bad(p, "timed", `is not allowed on a ${String(s.op)} step: ksmd already runs on the clock`, at);
    } else if (!isInt(at) || at < 0) {
      this.list.bad(p, "type", "must be an integer number of ms >= 0 (from the start of the run_for)", at);
    } else if (w.ms !== undefined && at > w.ms) {
      this.list.bad(p, "range", `must fall within the run_for at ${w.path} (0 to ${w.ms} ms)`, at);
    } else if (at < this.#last) {
      this.list.bad(p, "order", `must not be less than the at_ms of the timed step before it (${this.#last})`, at);
    } else this.#last = at;
    return rest;
  }
}

/** The fields of the timed ops that validate.ts does not check itself. */
export function checkTimedFields(list: ErrorList, op: string, s: Obj, path: string): void {
  if (op === "run_for" && "ms" in s) {
    const ms = s.ms;
    if (!isInt(ms) || ms < 1 || ms > MAX_RUN_FOR_MS) {
      list.bad(
        `${path}.ms`,
        isInt(ms) ? "range" : "type",
        `must be an integer number of ms from 1 to ${MAX_RUN_FOR_MS} (30 days)`,
        ms,
      );
    }
  }
  if (op !== "workload") return;
  if ("pages_per_sec" in s) {
    const r = s.pages_per_sec;
    if (typeof r !== "number" || !Number.isFinite(r) || r <= 0 || r > MAX_PAGES_PER_SEC) {
      list.bad(
        `${path}.pages_per_sec`,
        typeof r === "number" ? "range" : "type",
        `must be a number of writes per second > 0 and <= ${MAX_PAGES_PER_SEC}`,
        r,
      );
    }
  }
  if ("seed" in s) {
    const seed = s.seed;
    if (!isInt(seed) || seed < 0 || seed >= TOKEN_LIMIT) {
      list.bad(`${path}.seed`, isInt(seed) ? "range" : "type", "must be an integer from 0 to 2^32 - 1", seed);
    }
  }
  const c = s.content;
  if (isObject(c) && isInt(c.from) && isInt(c.period) && c.period >= 1 && c.from + c.period - 1 >= TOKEN_LIMIT) {
    list.bad(
      pathJoin(path, "content"),
      "content",
      `must give every write a token below 2^32 (from ${c.from} with period ${c.period} reaches ${c.from + c.period - 1})`,
      c,
    );
  }
}

/** The running workloads' ids, for workload and workload_stop. */
export class WorkloadIds {
  readonly #running = new Map<string, string>();
  readonly #stopped = new Map<string, string>();

  constructor(readonly list: ErrorList) {}

  start(id: string, path: string): void {
    const at = this.#running.get(id);
    if (at !== undefined) {
      this.list.bad(path, "workload", `must not be the id of a workload still running (started at ${at})`, id);
      return;
    }
    this.#running.set(id, path);
    this.#stopped.delete(id);
  }

  stop(id: string, path: string): void {
    if (!this.#running.delete(id)) {
      const at = this.#stopped.get(id);
      const why = at === undefined ? "no workload step started it" : `it was stopped at ${at}`;
      this.list.bad(path, "workload", `must be the id of a running workload (${why})`, id);
      return;
    }
    this.#stopped.set(id, path);
  }
}
