/**
 * What the kernel makes of a sysfs step's write, as far as a scenario can be
 * judged before it runs: the text written, then the pure part of the store
 * function as @ksm-sim/ksm's knob table has it (parseKnobWrite: kernfs, the
 * lib/kstrtox.c parsers, ranges, errnos). The stateful errors (EBUSY, ENOMEM)
 * are the engine's; before the first step none of them can happen.
 */
import { type AdvisorMode, parseKnobWrite } from "@ksm-sim/ksm";
import type { KnobName, SysfsValue } from "./types.js";

/** The text a sysfs step writes: an integer in decimal, a string as given, no newline added. */
export function sysfsText(value: SysfsValue): string {
  return typeof value === "number" ? String(value) : value;
}

/**
 * The value a write of `value` to `run` sets, as run_store parses it
 * (kstrtouint; "1", "+1", "01", "1\n" and 1 all give 1), or null when the
 * write fails (EINVAL: not a number, or above 2) or writes nothing ("").
 */
export function runValue(value: SysfsValue): 0 | 1 | 2 | null {
  const r = parseKnobWrite("run", sysfsText(value), { advisorMode: "none" });
  return r.ok && r.request?.knob === "run" ? r.request.value : null;
}

/** The state the state-free checks read: only the advisor mode (pages_to_scan refuses writes under it). */
export interface InitialSysfsState {
  advisorMode: AdvisorMode;
}

/**
 * The errno a write of `value` to `knob` gives on a machine where nothing has
 * been merged yet, or null when it succeeds; updates `state`. `""` writes
 * nothing and succeeds (a zero-byte write never reaches the store function),
 * except on a read-only file, whose open fails with EACCES.
 */
export function initialWriteErrno(knob: KnobName, value: SysfsValue, state: InitialSysfsState): string | null {
  const r = parseKnobWrite(knob, sysfsText(value), state);
  if (!r.ok) return r.unknown ? "ENOENT" : r.errno;
  if (r.request?.knob === "advisor_mode") state.advisorMode = r.request.value;
  return null;
}
