/** The `*_show` functions of mm/ksm.c: what `cat /sys/kernel/mm/ksm/<knob>` prints. */
import type { KnobName, KnobShowValue } from "./table.js";

/** Decimal text of an integer number or bigint (never exponent notation). */
function decimal(v: number | bigint): string {
  if (typeof v === "bigint" || Number.isSafeInteger(v)) return v.toString();
  return Number.isInteger(v) ? BigInt(v).toString() : String(v);
}

/**
 * The text `cat /sys/kernel/mm/ksm/<knob>` prints, as the `*_show` functions format it: integers
 * in decimal plus "\n" (bools as 1/0), advisor_mode as "[none] scan-time\n" or
 * "none [scan-time]\n", pages_volatile clamped at 0 (pages_volatile_show), general_profit and
 * ksm_zero_pages signed.
 */
export function showKnob<K extends KnobName>(knob: K, value: KnobShowValue<K>): string {
  if (knob === "advisor_mode") {
    // advisor_mode_show: "none [scan-time]" for scan-time, "[none] scan-time" otherwise
    return value === "scan-time" ? "none [scan-time]\n" : "[none] scan-time\n";
  }
  if (typeof value === "boolean") return value ? "1\n" : "0\n"; // "%u" of a bool
  let v = value as number | bigint;
  if (knob === "pages_volatile" && v < 0) v = 0; // pages_volatile_show conceals a negative value
  return `${decimal(v)}\n`;
}
