/** The kernel's ksm trace events from tracefs, parsed and renamed as the result format says. */
import { renameTrace, type TraceEvent } from "@ksm-sim/scenario";
import type { KernelFs } from "./kernel-fs.js";

export const TRACEFS = "/sys/kernel/tracing";

/** What tracing looked like before {@link traceStart}, for {@link traceStop} to put back. */
export interface TraceState {
  tracingOn: string;
  bufferSizeKb: string;
}

/** Clears the buffer and enables events/ksm; null when tracefs has no ksm events. */
export function traceStart(fs: KernelFs): TraceState | null {
  if (!fs.exists(`${TRACEFS}/events/ksm`)) return null;
  const saved = {
    tracingOn: fs.read(`${TRACEFS}/tracing_on`).trim(),
    // "1408" or "1408 (expanded: 1441)": the first number is the size to write back
    bufferSizeKb: /\d+/.exec(fs.read(`${TRACEFS}/buffer_size_kb`))?.[0] ?? "1408",
  };
  fs.write(`${TRACEFS}/tracing_on`, "0");
  fs.write(`${TRACEFS}/buffer_size_kb`, "65536");
  fs.write(`${TRACEFS}/trace`, "");
  fs.write(`${TRACEFS}/events/ksm/enable`, "1");
  fs.write(`${TRACEFS}/tracing_on`, "1");
  return saved;
}

/** Stops tracing, disables events/ksm, puts tracing back as it was and returns the renamed events. */
export function traceStop(fs: KernelFs, saved: TraceState): TraceEvent[] {
  fs.write(`${TRACEFS}/tracing_on`, "0");
  fs.write(`${TRACEFS}/events/ksm/enable`, "0");
  const events = parseTrace(fs.read(`${TRACEFS}/trace`));
  fs.write(`${TRACEFS}/trace`, "");
  fs.write(`${TRACEFS}/buffer_size_kb`, saved.bufferSizeKb);
  fs.write(`${TRACEFS}/tracing_on`, saved.tracingOn);
  return renameTrace(events);
}

/**
 * Lines of tracefs' `trace` file → events with the kernel's fields as
 * `key=value` words (pfn, rmap_item, mm, error, seq, size) and the word
 * `ksm` where the kernel prints "ksm pfn". Identities are left raw.
 */
export function parseTrace(text: string): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const at = line.indexOf(": ksm_");
    if (at < 0) continue;
    const t = Number(line.slice(0, at).trim().split(/\s+/).at(-1)!.replace(/:$/, ""));
    const rest = line.slice(at + 2);
    const colon = rest.indexOf(": ");
    const event = (colon < 0 ? rest : rest.slice(0, colon)).trim();
    const toks =
      colon < 0
        ? []
        : rest
            .slice(colon + 2)
            .split(/\s+/)
            .filter((w) => w !== "");
    const args: string[] = [];
    for (let i = 0; i < toks.length; i++) {
      const k = toks[i]!;
      const v = toks[i + 1];
      if ((k === "pfn" || k === "rmap_item" || k === "mm") && v !== undefined) {
        args.push(`${k}=${v}`);
        i++;
      } else if (k === "ksm" && v === "pfn") {
        args.push("ksm");
      } else if ((k === "error" || k === "seq" || k === "size") && v !== undefined) {
        args.push(`${k}=${v}`);
        i++;
      }
    }
    out.push({ t, event, args: args.join(" ") });
  }
  return out;
}
