/**
 * What the kernel makes of a sysfs write, as far as a scenario can be judged
 * before it runs: the text written, lib/kstrtox.c's parsers, and the
 * state-free part of each store function of Linux 6.18 (ksm-semantics §4.2).
 * The stateful errors (EBUSY, ENOMEM) are the engine's; before the first step
 * none of them can happen.
 */
import type { KnobName, SysfsValue } from "./types.js";
import { READ_ONLY_KNOBS } from "./types.js";

/** The text a sysfs step writes: an integer in decimal, a string as given, no newline added. */
export function sysfsText(value: SysfsValue): string {
  return typeof value === "number" ? String(value) : value;
}

type Parsed = { ok: true; value: bigint } | { ok: false; errno: "EINVAL" | "ERANGE" };

const U64_MAX = (1n << 64n) - 1n;
const U32_MAX = (1n << 32n) - 1n;
const S64_MAX = (1n << 63n) - 1n;
const S32_MIN = -(1n << 31n);
const S32_MAX = (1n << 31n) - 1n;

/** The C string the store function sees: the text up to its first NUL. */
function cString(text: string): string {
  const nul = text.indexOf("\0");
  return nul < 0 ? text : text.slice(0, nul);
}

/** _kstrtoull(s, 10): decimal digits, one optional trailing newline, nothing else. */
function kstrtoullNoSign(s: string): Parsed {
  let i = 0;
  let value = 0n;
  let overflow = false;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
    value = value * 10n + BigInt(s.charCodeAt(i) - 48);
    if (value > U64_MAX) overflow = true;
    i++;
  }
  if (overflow) return { ok: false, errno: "ERANGE" };
  if (i === 0) return { ok: false, errno: "EINVAL" };
  if (s[i] === "\n") i++;
  if (i !== s.length) return { ok: false, errno: "EINVAL" };
  return { ok: true, value };
}

/** kstrtoull / kstrtoul (64-bit): an optional leading "+". */
export function kstrtoul(text: string): Parsed {
  const s = cString(text);
  return kstrtoullNoSign(s.startsWith("+") ? s.slice(1) : s);
}

/** kstrtouint: kstrtoull, then ERANGE above 2^32 - 1. */
export function kstrtouint(text: string): Parsed {
  const r = kstrtoul(text);
  if (r.ok && r.value > U32_MAX) return { ok: false, errno: "ERANGE" };
  return r;
}

/** kstrtoint: kstrtoll ("-" or "+"), then ERANGE outside int. */
export function kstrtoint(text: string): Parsed {
  const s = cString(text);
  let r: Parsed;
  if (s.startsWith("-")) {
    const u = kstrtoullNoSign(s.slice(1));
    if (!u.ok) return u;
    if (u.value > S64_MAX + 1n) return { ok: false, errno: "ERANGE" };
    r = { ok: true, value: -u.value };
  } else {
    r = kstrtoul(s);
    if (r.ok && r.value > S64_MAX) return { ok: false, errno: "ERANGE" };
  }
  if (r.ok && (r.value < S32_MIN || r.value > S32_MAX)) return { ok: false, errno: "ERANGE" };
  return r;
}

/** kstrtobool (6.18, with e/E and d/D): the first one or two characters decide. */
export function kstrtobool(text: string): { ok: true; value: boolean } | { ok: false; errno: "EINVAL" } {
  const s = cString(text);
  const c = s[0];
  if (c !== undefined && "eEyYtT1".includes(c)) return { ok: true, value: true };
  if (c !== undefined && "dDnNfF0".includes(c)) return { ok: true, value: false };
  if (c === "o" || c === "O") {
    const d = s[1];
    if (d === "n" || d === "N") return { ok: true, value: true };
    if (d === "f" || d === "F") return { ok: true, value: false };
  }
  return { ok: false, errno: "EINVAL" };
}

/**
 * The value a write of `value` to `run` sets, as run_store parses it
 * (kstrtouint; "1", "+1", "01", "1\n" and 1 all give 1), or null when the
 * write fails (EINVAL: not a number, or above 2) or writes nothing ("").
 */
export function runValue(value: SysfsValue): 0 | 1 | 2 | null {
  const text = sysfsText(value);
  if (text === "") return null;
  const r = kstrtouint(text);
  if (!r.ok || r.value > 2n) return null;
  return Number(r.value) as 0 | 1 | 2;
}

/** The state the state-free checks read: only the advisor mode (pages_to_scan refuses writes under it). */
export interface InitialSysfsState {
  advisorMode: "none" | "scan-time";
}

/**
 * The errno a write of `value` to `knob` gives on a machine where nothing has
 * been merged yet, or null when it succeeds; updates `state`. `""` writes
 * nothing and succeeds (a zero-byte write never reaches the store function),
 * except on a read-only file, whose open fails with EACCES.
 */
export function initialWriteErrno(knob: KnobName, value: SysfsValue, state: InitialSysfsState): string | null {
  if ((READ_ONLY_KNOBS as readonly string[]).includes(knob)) return "EACCES";
  const text = sysfsText(value);
  if (text === "") return null;
  switch (knob) {
    case "run": {
      const r = kstrtouint(text);
      return !r.ok || r.value > 2n ? "EINVAL" : null;
    }
    case "pages_to_scan": {
      if (state.advisorMode !== "none") return "EINVAL";
      return kstrtouint(text).ok ? null : "EINVAL";
    }
    case "sleep_millisecs":
    case "stable_node_chains_prune_millisecs":
      return kstrtouint(text).ok ? null : "EINVAL";
    case "merge_across_nodes": {
      const r = kstrtoul(text);
      if (!r.ok) return r.errno;
      return r.value > 1n ? "EINVAL" : null;
    }
    case "max_page_sharing": {
      const r = kstrtoint(text);
      if (!r.ok) return r.errno;
      return r.value < 2n ? "EINVAL" : null;
    }
    case "use_zero_pages":
    case "smart_scan":
      return kstrtobool(text).ok ? null : "EINVAL";
    case "advisor_mode": {
      const s = cString(text);
      const word = s.endsWith("\n") ? s.slice(0, -1) : s;
      if (word !== "none" && word !== "scan-time") return "EINVAL";
      state.advisorMode = word;
      return null;
    }
    case "advisor_max_cpu":
    case "advisor_min_pages_to_scan":
    case "advisor_max_pages_to_scan":
      return kstrtoul(text).ok ? null : "EINVAL";
    case "advisor_target_scan_time": {
      const r = kstrtoul(text);
      return !r.ok || r.value < 1n ? "EINVAL" : null;
    }
    default:
      return "EACCES";
  }
}
