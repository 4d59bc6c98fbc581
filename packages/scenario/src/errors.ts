/** What rule a {@link ScenarioError} reports. */
export type ScenarioErrorCode =
  | "json" // the text is not JSON
  | "type" // wrong JSON type
  | "required" // a required field is missing
  | "unknown-field" // a field the format does not have
  | "value" // a value outside its set (version, advice, knob, op, name syntax)
  | "range" // a number outside its range
  | "topology" // distances that break the ACPI SLIT rules, or a node outside the topology
  | "content" // a content range producing a token >= 2^32
  | "sysfs" // a sysfs write the format forbids (run=1) or an initial write that would fail
  | "during" // `during` where it may not be, or a step that cannot run inside the unmerge pass
  | "process" // a process that does not exist at that step, or a name used twice
  | "vma" // a VMA that does not exist at that step, is mapped twice, or overlaps another
  | "pages" // pages outside a VMA
  | "pin" // unpin of an id not held, pin of an id already held
  | "order" // result documents: step numbers out of order; at_ms values out of order
  | "timed" // at_ms where it may not be
  | "workload" // a workload id already running, or workload_stop of an id not running
  | "too-many-errors"; // the error list was cut at MAX_ERRORS

/**
 * One problem found in a document. `path` names the offending value
 * (`steps[4].count`, `sysfs.run`, `topology.distances[0][1]`; `""` for the
 * document itself), and `message` is `<path>: <rule>, got <value>`.
 */
export interface ScenarioError {
  readonly path: string;
  readonly code: ScenarioErrorCode;
  readonly message: string;
}

/** At most this many errors are reported for one document; the last one says the list was cut. */
export const MAX_ERRORS = 50;

/** A value as it reads in an error message: `10`, `"x"`, `[1,2]`, `undefined`, `null`. */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || value === undefined) return String(value);
  if (typeof value === "function") return "a function";
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** `steps` + 4 → `steps[4]`; `procs` + `A` → `procs.A`; odd keys are quoted: `procs["a b"]`. */
export function pathJoin(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return base === "" ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** Collects errors; {@link ErrorList.result} keeps at most {@link MAX_ERRORS}. */
export class ErrorList {
  readonly #errors: ScenarioError[] = [];

  /** Whether more than {@link MAX_ERRORS} errors were found (later checks may stop early). */
  get full(): boolean {
    return this.#errors.length > MAX_ERRORS;
  }

  get count(): number {
    return this.#errors.length;
  }

  /** Adds `<path>: <rule>, got <value>`. */
  bad(path: string, code: ScenarioErrorCode, rule: string, value: unknown): void {
    this.add(path, code, `${rule}, got ${show(value)}`);
  }

  /** Adds `<path>: <text>` as it is. */
  add(path: string, code: ScenarioErrorCode, text: string): void {
    if (this.full) return;
    this.#errors.push({ path, code, message: `${path || "(document)"}: ${text}` });
  }

  /** Adds every error of `other`, in its order. */
  append(other: ErrorList): void {
    for (const e of other.#errors) {
      if (this.full) return;
      this.#errors.push(e);
    }
  }

  /** The errors in the order found; past {@link MAX_ERRORS}, the first 49 and a last one saying more follow. */
  result(): ScenarioError[] {
    if (this.#errors.length <= MAX_ERRORS) return [...this.#errors];
    const kept = this.#errors.slice(0, MAX_ERRORS - 1);
    const next = this.#errors[MAX_ERRORS - 1]!;
    kept.push({
      path: next.path,
      code: "too-many-errors",
      message: `${next.path || "(document)"}: more errors follow; only the first ${MAX_ERRORS - 1} are listed`,
    });
    return kept;
  }
}
