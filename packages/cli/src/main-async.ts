/**
 * The entry point bin.js calls: `main` for the synchronous commands, and the
 * asynchronous `sweep` (worker threads), with the same usage errors (exit 2)
 * and no stack traces.
 */
import { parseArgs, USAGE, UsageError } from "./args.js";
import type { Outcome, Terminal } from "./commands.js";
import { main } from "./main.js";
import { sweepCommand } from "./sweep.js";

export async function mainAsync(argv: readonly string[], terminal: Terminal = {}): Promise<Outcome> {
  if (argv[0] !== "sweep") return main(argv, terminal);
  try {
    const args = parseArgs(argv);
    if (args.flags.has("--help")) return { code: 0, stdout: USAGE, stderr: "" };
    return await sweepCommand(args, terminal);
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: "", stderr: `ksm-sim: ${e.message}\n${USAGE}` };
    return { code: 70, stdout: "", stderr: `ksm-sim: internal error: ${(e as Error).message}\n` };
  }
}
