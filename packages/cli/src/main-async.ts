/**
 * The entry point bin.js calls: `main` for `run` and `compare` (a `run`
 * whose --backend is a module loads it first), and the commands that need
 * more (`sweep`: worker threads; `record`: the native helper; `report`)
 * loaded only when asked for, so that a `run` starts fast. The same usage
 * errors (exit 2) and no stack traces.
 */
import { isBuiltinBackendName } from "@ksm-sim/backends";
import { isUsageError, type Parsed, parseArgs, USAGE } from "./args.js";
import { loadBackendOption } from "./backend-option.js";
import type { Outcome, Terminal } from "./commands.js";
import { main } from "./main.js";

const LAZY = new Set(["sweep", "record", "report"]);

/** `run` with a --backend that is not a built-in name: load the module's backend, then run as main does. */
async function runWithModule(argv: readonly string[], terminal: Terminal): Promise<Outcome> {
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch {
    return main(argv, terminal); // main reports the usage error
  }
  const spec = args.flags.get("--backend");
  if (typeof spec !== "string" || isBuiltinBackendName(spec) || args.flags.has("--help")) return main(argv, terminal);
  let loaded: Awaited<ReturnType<typeof loadBackendOption>>;
  try {
    loaded = await loadBackendOption(spec);
  } catch (e) {
    return { code: 70, stdout: "", stderr: `ksm-sim: internal error: ${(e as Error).message}\n` };
  }
  return loaded.ok ? main(argv, terminal, { tree: loaded.tree }) : loaded.outcome;
}

export async function mainAsync(argv: readonly string[], terminal: Terminal = {}): Promise<Outcome> {
  if (argv[0] === "run") return runWithModule(argv, terminal);
  if (!LAZY.has(argv[0] ?? "")) return main(argv, terminal);
  try {
    const args = parseArgs(argv);
    if (args.flags.has("--help")) return { code: 0, stdout: USAGE, stderr: "" };
    switch (args.command) {
      case "sweep":
        return await (await import("./sweep.js")).sweepCommand(args, terminal);
      case "record":
        return (await import("./record-command.js")).recordCommand(args);
      default:
        return (await import("./report-command.js")).reportCommand(args);
    }
  } catch (e) {
    if (isUsageError(e)) return { code: 2, stdout: "", stderr: `ksm-sim: ${e.message}\n${USAGE}` };
    return { code: 70, stdout: "", stderr: `ksm-sim: internal error: ${(e as Error).message}\n` };
  }
}
