/** The options of `ksm-sim run` that shape the simulated clock: --series, --every, --hz, --cost. */
import { readFileSync } from "node:fs";
import { type CostModel, costModel, costModelFromTruth } from "@ksm-sim/ksmd";
import { type Parsed, UsageError } from "./args.js";

export interface ClockOptions {
  series?: { file: string; format: "csv" | "json"; everyMs: number };
  hz?: number;
  cost?: Partial<CostModel>;
}

/** `--every`: a positive integer of ms, written `100`, `100ms` or `2s`. */
export function parseEvery(text: string): number {
  const m = /^([0-9]+)(ms|s)?$/.exec(text);
  const n = m ? Number(m[1]) * (m[2] === "s" ? 1000 : 1) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 2_592_000_000)
    throw new UsageError(`--every: must be a whole number of ms >= 1, like 100ms or 2s, got ${text}`);
  return n;
}

export function clockOptions(args: Parsed): ClockOptions {
  const out: ClockOptions = {};
  const series = args.flags.get("--series") as string | undefined;
  const every = args.flags.get("--every") as string | undefined;
  if (series !== undefined) {
    const format = series.endsWith(".csv") ? "csv" : series.endsWith(".json") ? "json" : null;
    if (format === null) throw new UsageError(`--series: the file name must end in .csv or .json, got ${series}`);
    out.series = { file: series, format, everyMs: every === undefined ? 100 : parseEvery(every) };
  } else if (every !== undefined) {
    throw new UsageError("--every: only with --series");
  }
  const hz = args.flags.get("--hz") as string | undefined;
  if (hz !== undefined) {
    const n = /^[0-9]+$/.test(hz) ? Number(hz) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > 10000)
      throw new UsageError(`--hz: must be an integer from 1 to 10000 (the kernel's HZ), got ${hz}`);
    out.hz = n;
  }
  const costFile = args.flags.get("--cost") as string | undefined;
  if (costFile !== undefined) {
    let v: unknown;
    try {
      v = JSON.parse(readFileSync(costFile, "utf8"));
    } catch (e) {
      throw new UsageError(`--cost: cannot read ${costFile} as JSON (${(e as Error).message})`);
    }
    if (typeof v !== "object" || v === null || Array.isArray(v))
      throw new UsageError(`--cost: ${costFile} must hold an object of cost-model fields (ns)`);
    try {
      // a cost-model document of tools/ksmd-truth, or an object of CostModel fields
      out.cost = "format" in v ? costModelFromTruth(v) : costModel(v as Partial<CostModel>);
    } catch (e) {
      throw new UsageError(`--cost: ${costFile}: ${(e as Error).message}`);
    }
  }
  return out;
}
