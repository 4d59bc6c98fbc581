/** Command-line parsing: clear usage errors, never a stack trace. */
import { BUILTIN_BACKEND_NAMES } from "@ksm-sim/backends";

export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Whether `e` is a UsageError. By name, not instanceof: the bundled CLI
 * (dist/ksm-sim.js) and the commands it loads on demand each hold a copy of
 * this class.
 */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && e.name === "UsageError";
}

export interface Parsed {
  command: string;
  files: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set([
  "--backend",
  "--content",
  "--series",
  "--every",
  "--hz",
  "--cost",
  "--out",
  "--csv",
  "--report",
  "--jobs",
]);
/** The 2013 fixes, each of which `--no-NAME` turns off (underscores written as dashes). */
export const FIX_FLAGS: Readonly<Record<string, string>> = {
  "--no-remove-all-stable-nodes": "remove_all_stable_nodes",
  "--no-enter-at-tail-while-unmerging": "enter_at_tail_while_unmerging",
  "--no-copy-on-swapin-while-unmerging": "copy_on_swapin_while_unmerging",
};
const BOOL_FLAGS = new Set(["--trace", "--help", ...Object.keys(FIX_FLAGS)]);

export function parseArgs(argv: readonly string[]): Parsed {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("no command given");
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith("--")) {
      const [name, inline] = a.split("=", 2) as [string, string | undefined];
      if (VALUE_FLAGS.has(name)) {
        const v = inline ?? rest[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        flags.set(name, v);
      } else if (BOOL_FLAGS.has(name)) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option ${name}`);
      }
    } else {
      files.push(a);
    }
  }
  return { command, files, flags };
}

const [DEFAULT_BACKEND, ...OTHER_BACKENDS] = BUILTIN_BACKEND_NAMES;

export const USAGE = `usage:
  ksm-sim run FILE [--backend NAME|MODULE] [--content tokens|bytes] [--trace]
                   [--no-remove-all-stable-nodes] [--no-enter-at-tail-while-unmerging]
                   [--no-copy-on-swapin-while-unmerging]   (replay Linux 3.8 without that 2013 fix)
                   [--series OUT.csv|OUT.json [--every 100ms]]   (time series on the simulated clock)
                   [--hz 250] [--cost COST.json]   (the kernel's HZ; ksmd's CPU-cost model, ns per unit)
  ksm-sim compare EXPECTED.json ACTUAL.json [--trace]
  ksm-sim record FILE [--trace]   (run it on this machine's real KSM: root, no other KSM user; exit 3 if it cannot)
  ksm-sim report RESULT.json|SERIES.json... [--out report.html]   (a self-contained HTML report)
  ksm-sim sweep SPEC.json [--csv OUT.csv] [--report OUT.html] [--jobs N] [--backend NAME|MODULE]
                   (a grid of variants in worker threads; --backend replaces the spec's backends)

  --backend NAME     a built-in tree backend: ${[`${DEFAULT_BACKEND} (default)`, ...OTHER_BACKENDS].join(", ")}
  --backend MODULE   a path (./my-backend.js) or package name of an ES module whose default export
                     is a TreeBackend (@ksm-sim/tree)
`;
