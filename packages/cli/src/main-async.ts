/**
 * The entry point bin.js calls: `main` for `run` and `compare`, and the
 * commands that need more (`sweep`: worker threads; `record`: the native
 * helper; `report`) loaded only when asked for, so that a `run` starts fast.
 * The same usage errors (exit 2) and no stack traces.
 */
import { isUsageError, parseArgs, USAGE } from "./args.js";
import type { Outcome, Terminal } from "./commands.js";
import { main } from "./main.js";

const LAZY = new Set(["sweep", "record", "report"]);

export async function mainAsync(argv: readonly string[], terminal: Terminal = {}): Promise<Outcome> {
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
