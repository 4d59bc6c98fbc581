/**
 * The variants of a sweep: the cartesian product of the grid, in a stable
 * order. Backends are the outer loop, then content modes, then each sysfs
 * knob in the order the spec lists them; the last knob varies fastest. A
 * dimension the grid leaves out has one value: `rbtree`, `tokens`, and the
 * base scenario's own knobs.
 */
import type { Scenario, SysfsValue } from "@ksm-sim/scenario";
import type { ContentMode } from "./content.js";
import type { SweepGrid } from "./spec.js";
import { DEFAULT_SWEEP_BACKENDS, type SweepBackend } from "./sweep-backends.js";

export interface Variant {
  /** Position in the sweep, from 0 (the CSV's `variant` column). */
  readonly index: number;
  /** What sets this variant apart: the values of the dimensions that vary, e.g. `bintrees pages_to_scan=100`. */
  readonly label: string;
  /** The grid's knob values of this variant, in the spec's order. */
  readonly knobs: Readonly<Record<string, SysfsValue>>;
  /** The backend's name (`rbtree`, or the `name` of a module's backend). */
  readonly backend: string;
  /** What a worker loads the backend by: the built-in name, or the module's file URL. */
  readonly backendSpecifier: string;
  readonly content: ContentMode;
  /** The base scenario with the knob values written in its initial `sysfs`. */
  readonly scenario: Scenario;
}

/** How many variants the grid makes. */
export function variantCount(grid: SweepGrid = {}): number {
  let n = (grid.backends?.length ?? 1) * (grid.content?.length ?? 1);
  for (const values of Object.values(grid.sysfs ?? {})) n *= values?.length ?? 1;
  return n;
}

/**
 * The scenario with `knobs` written in its initial `sysfs`: a knob the base
 * already writes keeps its place in the order with the new value; the others
 * follow, in the order given.
 */
export function withKnobs(base: Scenario, knobs: Readonly<Record<string, SysfsValue>>): Scenario {
  if (Object.keys(knobs).length === 0) return base;
  return { ...base, sysfs: { ...base.sysfs, ...knobs } };
}

const showValue = (v: SysfsValue) => (typeof v === "number" || /^[\w.+-]+$/.test(v) ? String(v) : JSON.stringify(v));

/**
 * The variants of `grid` on `base`. `backends` are the grid's backends as
 * loadSweep loaded them; without it, the grid's backends are taken as
 * built-in names.
 */
export function expandVariants(base: Scenario, grid: SweepGrid = {}, backends?: readonly SweepBackend[]): Variant[] {
  backends ??= grid.backends?.map((name) => ({ spec: name, name, specifier: name })) ?? DEFAULT_SWEEP_BACKENDS;
  const contents = grid.content ?? ["tokens"];
  const knobs = Object.entries(grid.sysfs ?? {}) as [string, SysfsValue[]][];
  let combos: Record<string, SysfsValue>[] = [{}];
  for (const [knob, values] of knobs) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [knob]: v })));
  const out: Variant[] = [];
  for (const backend of backends) {
    for (const content of contents) {
      for (const combo of combos) {
        const parts: string[] = [];
        if (backends.length > 1) parts.push(backend.name);
        if (contents.length > 1) parts.push(content);
        for (const [knob, values] of knobs) if (values.length > 1) parts.push(`${knob}=${showValue(combo[knob]!)}`);
        out.push({
          index: out.length,
          label: parts.length > 0 ? parts.join(" ") : "base",
          knobs: combo,
          backend: backend.name,
          backendSpecifier: backend.specifier,
          content,
          scenario: withKnobs(base, combo),
        });
      }
    }
  }
  return out;
}
