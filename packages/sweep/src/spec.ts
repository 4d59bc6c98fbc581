/**
 * The sweep spec (JSON): a base scenario and a grid of what to vary. This
 * file checks its structure; load.ts resolves the scenario, loads the
 * backends and checks every variant's knob writes.
 */
import { BUILTIN_BACKEND_NAMES } from "@ksm-sim/backends";
import { type SysfsValue, WRITABLE_KNOBS, type WritableKnob } from "@ksm-sim/scenario";
import { CONTENT_MODES, type ContentMode } from "./content.js";
import type { SweepErrors } from "./errors.js";

/** At most this many variants in one sweep (the grid's cartesian product). */
export const MAX_VARIANTS = 4096;

export interface SweepSpec {
  /** An editor's schema reference; ignored. */
  $schema?: string;
  /** The sweep's name (default: the scenario's). */
  name?: string;
  /** The base scenario: a file path (relative to the spec's folder) or the scenario document itself. */
  scenario: string | object;
  grid?: SweepGrid;
}

export interface SweepGrid {
  /** Knob → the values to try; each variant writes them in the scenario's initial `sysfs`. */
  sysfs?: { [K in WritableKnob]?: SysfsValue[] };
  /**
   * Tree backends to try (default `["rbtree"]`): built-in names, or modules
   * whose default export is a TreeBackend, by path (relative to the spec's
   * folder) or package name (see @ksm-sim/backends' loadBackend).
   */
  backends?: string[];
  /** Content modes to try (default `["tokens"]`). */
  content?: ContentMode[];
}

const TOP_FIELDS = new Set(["$schema", "name", "scenario", "grid"]);
const GRID_FIELDS = new Set(["sysfs", "backends", "content"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks the spec's structure; returns it typed when it has no error. */
export function checkSpec(doc: unknown, errors: SweepErrors): SweepSpec | null {
  const before = errors.list.length;
  if (!isObject(doc)) {
    errors.add("", "must be an object with scenario and grid", doc);
    return null;
  }
  for (const k of Object.keys(doc)) if (!TOP_FIELDS.has(k)) errors.add(k, "is not a field of a sweep spec", doc[k]);
  if (doc.$schema !== undefined && typeof doc.$schema !== "string")
    errors.add("$schema", "must be a string", doc.$schema);
  if (doc.name !== undefined && (typeof doc.name !== "string" || doc.name === ""))
    errors.add("name", "must be a non-empty string", doc.name);
  const s = doc.scenario;
  if (s === undefined) errors.add("scenario", "is required (a file path or a scenario document)", s);
  else if (!(typeof s === "string" && s !== "") && !isObject(s))
    errors.add("scenario", "must be a file path or a scenario document", s);
  if (doc.grid !== undefined) checkGrid(doc.grid, errors);
  return errors.list.length === before ? (doc as unknown as SweepSpec) : null;
}

function checkGrid(grid: unknown, errors: SweepErrors): void {
  if (!isObject(grid)) {
    errors.add("grid", "must be an object with sysfs, backends and/or content", grid);
    return;
  }
  for (const k of Object.keys(grid))
    if (!GRID_FIELDS.has(k)) errors.add(`grid.${k}`, "is not a field of grid (sysfs, backends, content)", grid[k]);
  if (grid.sysfs !== undefined) {
    if (!isObject(grid.sysfs)) errors.add("grid.sysfs", "must be an object of knob → list of values", grid.sysfs);
    else {
      for (const [knob, values] of Object.entries(grid.sysfs)) {
        const path = `grid.sysfs.${knob}`;
        if (!(WRITABLE_KNOBS as readonly string[]).includes(knob) || knob === "run")
          errors.add(
            path,
            `must name a writable knob other than run (${WRITABLE_KNOBS.filter((k) => k !== "run").join(", ")})`,
            knob,
          );
        else
          checkList(path, values, errors, (v) =>
            (typeof v === "number" && Number.isSafeInteger(v)) || typeof v === "string"
              ? null
              : "must be an integer or a string",
          );
      }
    }
  }
  if (grid.backends !== undefined)
    checkList("grid.backends", grid.backends, errors, (v) =>
      typeof v === "string" && v.trim() !== ""
        ? null
        : `must be a tree backend: a built-in name (${BUILTIN_BACKEND_NAMES.join(", ")}), a module path or a package name`,
    );
  if (grid.content !== undefined)
    checkList("grid.content", grid.content, errors, (v) => oneOf(v, CONTENT_MODES, "a content mode"));
}

function oneOf(v: unknown, names: readonly string[], what: string): string | null {
  return names.includes(v as string) ? null : `must be ${what}: ${names.join(", ")}`;
}

/** A non-empty list of distinct values, each passing `rule` (which returns why not, or null). */
function checkList(path: string, list: unknown, errors: SweepErrors, rule: (v: unknown) => string | null): void {
  if (!Array.isArray(list) || list.length === 0) {
    errors.add(path, "must be a non-empty list", list);
    return;
  }
  const seen = new Set<string>();
  for (const [i, v] of list.entries()) {
    const why = rule(v);
    if (why !== null) errors.add(`${path}[${i}]`, why, v);
    else if (seen.has(JSON.stringify(v))) errors.add(`${path}[${i}]`, "must not repeat an earlier value", v);
    seen.add(JSON.stringify(v));
  }
}
