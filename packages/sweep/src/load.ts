/**
 * Loading a sweep spec: its structure, the base scenario (a file or the
 * document), the backends (built-in names or modules, loaded here once), and
 * every variant's knob writes. A knob value the kernel's parser refuses
 * (validateScenario's check of the initial `sysfs`) or a backend that cannot
 * be loaded makes the whole spec invalid, with the grid path of that value: a
 * sweep either runs every variant it lists or none.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Scenario, validateScenario } from "@ksm-sim/scenario";
import { type SweepError, SweepErrors } from "./errors.js";
import { checkSpec, MAX_VARIANTS, type SweepGrid } from "./spec.js";
import { DEFAULT_SWEEP_BACKENDS, loadSweepBackends, type SweepBackend } from "./sweep-backends.js";
import { expandVariants, type Variant, variantCount, withKnobs } from "./variants.js";

export interface Sweep {
  readonly name: string;
  /** The base scenario. */
  readonly scenario: Scenario;
  readonly grid: SweepGrid;
  /** The grid's backends, loaded: each one's spec, name, and what a worker loads it by. */
  readonly backends: readonly SweepBackend[];
  /** The grid's knobs, in the spec's order (the CSV's knob columns). */
  readonly knobs: readonly string[];
  readonly variants: readonly Variant[];
}

export type SweepLoad = { ok: true; sweep: Sweep } | { ok: false; errors: SweepError[] };

export interface LoadOptions {
  /** Where a scenario path and a backend path are relative to (default: the working directory). */
  readonly baseDir?: string;
  /** Reads a scenario file (default: node:fs). */
  readonly readFile?: (path: string) => string;
  /**
   * Backends that replace the grid's `backends` (the command line's
   * `--backend`): built-in names, module file URLs, or paths relative to the
   * working directory (not the spec's folder), or package names. Their
   * errors are reported at `backends[i]`.
   */
  readonly backends?: readonly string[];
}

/** Checks and loads a sweep spec; resolves to `{ ok: false, errors }` for an invalid one, never rejects for it. */
export async function loadSweep(doc: unknown, options: LoadOptions = {}): Promise<SweepLoad> {
  const errors = new SweepErrors();
  const spec = checkSpec(doc, errors);
  if (spec === null) return { ok: false, errors: errors.list };
  if (options.backends !== undefined && options.backends.length === 0)
    return fail("backends", "backends: must be a non-empty list of backends, got []");
  const grid: SweepGrid =
    options.backends === undefined ? (spec.grid ?? {}) : { ...spec.grid, backends: [...options.backends] };
  const count = variantCount(grid);
  if (count > MAX_VARIANTS) {
    errors.add("grid", `must make at most ${MAX_VARIANTS} variants (the product of its list lengths)`, count);
    return { ok: false, errors: errors.list };
  }
  const base = baseScenario(spec.scenario, options, errors);
  if (base === null) return { ok: false, errors: errors.list };
  const backends =
    grid.backends === undefined
      ? DEFAULT_SWEEP_BACKENDS
      : options.backends === undefined
        ? await loadSweepBackends(grid.backends, resolve(options.baseDir ?? "."), "grid.backends", errors)
        : await loadSweepBackends(grid.backends, process.cwd(), "backends", errors);
  checkKnobWrites(base, grid, errors);
  if (errors.list.length > 0) return { ok: false, errors: errors.list };
  const variants = expandVariants(base, grid, backends);
  const knobs = Object.keys(grid.sysfs ?? {});
  return { ok: true, sweep: { name: spec.name ?? base.name, scenario: base, grid, backends, knobs, variants } };
}

/** {@link loadSweep} of a JSON file; scenario and backend paths in it are relative to the file's folder. */
export async function loadSweepFile(file: string, options: Omit<LoadOptions, "baseDir"> = {}): Promise<SweepLoad> {
  const read = options.readFile ?? ((p: string) => readFileSync(p, "utf8"));
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    return fail("", `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail("", `${file}: is not JSON (${(e as Error).message})`);
  }
  return loadSweep(doc, { ...options, baseDir: dirname(file) });
}

const fail = (path: string, message: string): SweepLoad => ({ ok: false, errors: [{ path, message }] });

function baseScenario(ref: string | object, options: LoadOptions, errors: SweepErrors): Scenario | null {
  let doc: unknown = ref;
  let where = "scenario";
  if (typeof ref === "string") {
    const file = resolve(options.baseDir ?? ".", ref);
    where = `scenario (${ref})`;
    try {
      doc = JSON.parse((options.readFile ?? ((p: string) => readFileSync(p, "utf8")))(file));
    } catch (e) {
      const why = e instanceof SyntaxError ? `is not JSON (${e.message})` : `cannot be read (${errnoOf(e)})`;
      errors.add("scenario", `must name a scenario file; ${file} ${why}`, ref);
      return null;
    }
  }
  const checked = validateScenario(doc);
  if (checked.ok) return checked.scenario;
  for (const e of checked.errors) errors.raw(`scenario.${e.path}`, `${where}: ${e.message}`);
  return null;
}

const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);

/**
 * Each combination of knob values, validated as the variant's scenario. An
 * error on a grid knob is reported at its grid path and value
 * (`grid.sysfs.pages_to_scan[1]: ...`); any other names the combination.
 */
function checkKnobWrites(base: Scenario, grid: SweepGrid, errors: SweepErrors): void {
  const sysfs = (grid.sysfs ?? {}) as Record<string, unknown[]>;
  const knobs = Object.keys(sysfs);
  if (knobs.length === 0) return;
  const atGrid: { order: number; path: string; message: string }[] = [];
  const other: { path: string; message: string }[] = [];
  for (const v of expandVariants(base, { sysfs })) {
    const checked = validateScenario(withKnobs(base, v.knobs));
    if (checked.ok) continue;
    for (const e of checked.errors) {
      const knob = /^sysfs\.(\w+)$/.exec(e.path)?.[1];
      if (knob !== undefined && sysfs[knob] !== undefined) {
        const i = sysfs[knob].indexOf(v.knobs[knob]);
        const path = `grid.sysfs.${knob}[${i}]`;
        atGrid.push({
          order: knobs.indexOf(knob) * MAX_VARIANTS + i,
          path,
          message: `${path}${e.message.slice(e.path.length)}`,
        });
      } else {
        other.push({ path: `scenario.${e.path}`, message: `variant ${v.label}: ${e.message}` });
      }
    }
  }
  atGrid.sort((a, b) => a.order - b.order);
  for (const e of [...atGrid, ...other]) errors.raw(e.path, e.message);
}
