/**
 * The engine's knobs (KsmState.knobs, camelCase of the file names, values as the kernel stores
 * them) at boot: the defaults of the knob table.
 */
import type { Knobs } from "../engine.js";
import { KNOBS, WRITABLE_KNOB_NAMES, type WritableKnobName } from "./table.js";

/** pages_to_scan → pagesToScan. */
type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/** The field of `Knobs` each writable file but `run` (ksm_run is `KsmState.run`) is kept in. */
export type KnobField = Camel<Exclude<WritableKnobName, "run">>;

type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** `Knobs` has exactly one field per writable file but run: a knob in one and not the other fails to compile here. */
export type KnobFieldsMatch = Assert<Same<KnobField, keyof Knobs>>;

/** The field of `Knobs` that holds `knob`. */
export function knobField(knob: Exclude<WritableKnobName, "run">): KnobField {
  return knob.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as KnobField;
}

/** A fresh `Knobs` at the table's defaults (unsigned long values as numbers, as the engine keeps them). */
export function defaultKnobs(): Knobs {
  const knobs: Record<string, number | boolean | string> = {};
  for (const name of WRITABLE_KNOB_NAMES) {
    if (name === "run") continue;
    const v = KNOBS[name].default;
    knobs[knobField(name)] = typeof v === "bigint" ? Number(v) : v;
  }
  return knobs as unknown as Knobs;
}
