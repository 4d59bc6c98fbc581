/**
 * A write to /sys/kernel/mm/ksm up to where the store function touches state: the path a
 * user-space write takes (fs/kernfs/file.c, fs/sysfs/file.c), then the store's pure rules from the
 * knob table (table.ts).
 *
 * - open(O_WRONLY) of a read-only (0444) file fails with EACCES, even for root, before any byte;
 * - a write(2) of 0 bytes never calls the store function and succeeds;
 * - one write(2) hands the store at most PAGE_SIZE (4096) bytes, NUL-terminated; the rest is a
 *   short write, which a write-all loop (printf, Python's write) sends as the next write(2), so
 *   the store runs once per chunk and the first failing chunk ends the write with its errno
 *   ({@link kernfsWriteChunks} gives those chunks);
 * - the store sees a C string: an embedded NUL ends it ("5\0junk" sets 5).
 *
 * The stateful parts stay with the engine, which applies a parsed request as the store function
 * goes on to do:
 * - run: under the mutex, same value ⇒ nothing; else set it, and for 2 run the unmerge pass
 *   (failure ⇒ run = 0 and its errno); wake ksmd when the MERGE bit is set.
 * - merge_across_nodes / max_page_sharing: same value ⇒ ok with no effect (max_page_sharing checks
 *   that before taking the mutex); else EBUSY when pages_shared != 0 or remove_all_stable_nodes()
 *   fails; merge_across_nodes may also fail with ENOMEM.
 * - advisor_mode: only an actual change calls set_advisor_defaults() (none ⇒ pages_to_scan = 100;
 *   scan-time ⇒ advisor context zeroed, pages_to_scan = advisor_min_pages_to_scan).
 * - sleep_millisecs: wakes ksmd's current sleep.
 */
import { type KstrtoErrno, kstrtobool, kstrtoint, kstrtouint, kstrtoul } from "./kstrto.js";
import {
  type AdvisorMode,
  isKnobName,
  KNOBS,
  type KnobWriteValue,
  type StoreRule,
  type WritableKnobName,
} from "./table.js";

/** A parsed write: what the store function goes on to apply (see the module comment). */
export type KnobRequest = {
  [K in WritableKnobName]: { readonly knob: K; readonly value: KnobWriteValue<K> };
}[WritableKnobName];

/** The errors the pure part of a write can give. EBUSY/ENOMEM come from the engine. */
export type KnobWriteErrno = KstrtoErrno | "EACCES";

/**
 * The result of {@link parseKnobWrite}:
 * - `{ ok: true, request }`: the store accepted the text; apply `request`;
 * - `{ ok: true, request: null }`: a write of 0 bytes: no store call, the write succeeds;
 * - `{ ok: false, errno }`: the write fails with that errno;
 * - `{ ok: false, unknown: true }`: no such file (a scenario using it is invalid).
 */
export type KnobWriteParse =
  | { readonly ok: true; readonly request: KnobRequest | null }
  | { readonly ok: false; readonly errno: KnobWriteErrno; readonly unknown?: never }
  | { readonly ok: false; readonly unknown: true; readonly errno?: never };

/** What the pure checks need from the current state. */
export interface KnobWriteContext {
  /** ksm_advisor: pages_to_scan_store refuses every write while it is not "none". */
  readonly advisorMode: AdvisorMode;
}

/** PAGE_SIZE: the most one write(2) hands a sysfs store (kernfs_fop_write_iter). */
export const KERNFS_WRITE_MAX = 4096;

/** The most UTF-16 code units that can never exceed KERNFS_WRITE_MAX bytes in UTF-8 (3 bytes each). */
const SURELY_ONE_CHUNK = Math.floor(KERNFS_WRITE_MAX / 3);

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * The buffers a write-all loop (shell printf, Python's write) hands the store function for
 * `text` written as UTF-8: one per write(2), each at most PAGE_SIZE bytes (kernfs_fop_write_iter
 * caps a write there and returns a short count). Empty text ⇒ no chunk (no store call). A chunk
 * holding non-ASCII bytes is returned byte per character (latin1), which parses the same.
 */
export function kernfsWriteChunks(text: string): string[] {
  if (text.length === 0) return [];
  if (text.length <= SURELY_ONE_CHUNK) return [text];
  const chunks: string[] = [];
  if (isAscii(text)) {
    for (let i = 0; i < text.length; i += KERNFS_WRITE_MAX) chunks.push(text.slice(i, i + KERNFS_WRITE_MAX));
    return chunks;
  }
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += KERNFS_WRITE_MAX) {
    chunks.push(String.fromCharCode(...bytes.subarray(i, i + KERNFS_WRITE_MAX)));
  }
  return chunks;
}

/**
 * sysfs_streq(s1, s2) (lib/string.c): equal C strings, where either may carry one trailing '\n'
 * the other lacks. An embedded NUL ends a string.
 */
export function sysfsStreq(s1: string, s2: string): boolean {
  const at = (s: string, i: number) => (i < s.length ? s.charCodeAt(i) : 0);
  let i = 0;
  while (at(s1, i) !== 0 && at(s1, i) === at(s2, i)) i++;
  const c1 = at(s1, i);
  const c2 = at(s2, i);
  if (c1 === c2) return true;
  if (c1 === 0 && c2 === 0x0a && at(s2, i + 1) === 0) return true;
  if (c1 === 0x0a && at(s1, i + 1) === 0 && c2 === 0) return true;
  return false;
}

const UNKNOWN: KnobWriteParse = Object.freeze({ ok: false, unknown: true });
const W_EINVAL: KnobWriteParse = Object.freeze({ ok: false, errno: "EINVAL" });
const W_ERANGE: KnobWriteParse = Object.freeze({ ok: false, errno: "ERANGE" });
const W_EACCES: KnobWriteParse = Object.freeze({ ok: false, errno: "EACCES" });
const W_EMPTY: KnobWriteParse = Object.freeze({ ok: true, request: null });

/** The integer parsers of the table, base 10 as every ksm store calls them. */
function parseInteger(parser: StoreRule["parser"], buf: string) {
  switch (parser) {
    case "kstrtouint":
      return kstrtouint(buf, 10);
    case "kstrtoint":
      return kstrtoint(buf, 10);
    default:
      return kstrtoul(buf, 10);
  }
}

/**
 * The pure part of a `*_store` function (the rules of its table row, in the kernel's order):
 * the advisor check, the parse, the range checks, the conversion to the variable's C type.
 */
function applyStoreRule(knob: WritableKnobName, rule: StoreRule, buf: string, ctx: KnobWriteContext): KnobWriteParse {
  if (rule.refusedUnderAdvisor && ctx.advisorMode !== "none") return W_EINVAL;
  let value: KnobWriteValue<WritableKnobName>;
  if (rule.parser === "sysfs_streq") {
    const word = rule.words?.find((w) => sysfsStreq(w, buf));
    if (word === undefined) return W_EINVAL;
    value = word;
  } else if (rule.parser === "kstrtobool") {
    const r = kstrtobool(buf);
    if (!r.ok) return W_EINVAL;
    value = r.value;
  } else {
    const r = parseInteger(rule.parser, buf);
    if (!r.ok) return rule.parseErrno === "as-is" && r.errno === "ERANGE" ? W_ERANGE : W_EINVAL;
    const v = r.value;
    if (rule.min !== undefined && v < rule.min) return W_EINVAL;
    if (rule.max !== undefined && v > rule.max) return W_EINVAL;
    // a kstrtoul value stored in an unsigned int keeps its low 32 bits (C's implicit conversion)
    value = typeof v === "bigint" && rule.ctype === "unsigned int" ? Number(BigInt.asUintN(32, v)) : v;
  }
  return { ok: true, request: { knob, value } as KnobRequest };
}

/**
 * One write(2) of `text` to /sys/kernel/mm/ksm/`knob`, up to where the store function would touch
 * state: the file lookup (unknown ⇒ `{ unknown: true }`), open's permission check (read-only ⇒
 * EACCES), kernfs (0 bytes ⇒ no store call; more than PAGE_SIZE bytes ⇒ the store sees the first
 * PAGE_SIZE), then the store's parse and range checks, in the kernel's order. Pure: `ctx` gives
 * the state the checks read. The stateful rest (EBUSY, unmerging, ...) is the engine's.
 */
export function parseKnobWrite(knob: string, text: string, ctx: KnobWriteContext): KnobWriteParse {
  if (!isKnobName(knob)) return UNKNOWN;
  const spec = KNOBS[knob];
  if (spec.store === null) return W_EACCES; // kernfs_fop_open: no write permission on a 0444 file
  if (text.length === 0) return W_EMPTY; // sysfs_kf_write: `if (!count) return 0;`
  const buf = text.length <= SURELY_ONE_CHUNK ? text : (kernfsWriteChunks(text)[0] as string);
  return applyStoreRule(knob as WritableKnobName, spec.store, buf, ctx);
}

/**
 * The text that, written to a knob, makes its store set `value` (the inverse of the parse): an
 * integer in decimal, a bool as 1 or 0, advisor_mode's word. No newline.
 */
export function knobWriteText(value: KnobWriteValue<WritableKnobName>): string {
  if (typeof value === "boolean") return value ? "1" : "0";
  return String(value);
}
