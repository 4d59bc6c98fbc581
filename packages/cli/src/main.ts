/** The ksm-sim entry point: parse, dispatch, print; usage errors exit 2 with a message. */
import { parseArgs, USAGE, UsageError } from "./args.js";
import { compareCommand, type Outcome, runCommand, type Terminal } from "./commands.js";
import { recordCommand } from "./record-command.js";
import { reportCommand } from "./report-command.js";

/** `terminal.writeStderr`, when given, shows a progress bar for long runs (pass it only for a TTY). */
export function main(argv: readonly string[], terminal: Terminal = {}): Outcome {
  try {
    const args = parseArgs(argv);
    if (args.flags.has("--help") || args.command === "help") return { code: 0, stdout: USAGE, stderr: "" };
    switch (args.command) {
      case "run":
        return runCommand(args, terminal);
      case "compare":
        return compareCommand(args);
      case "record":
        return recordCommand(args);
      case "report":
        return reportCommand(args);
      case "sweep":
        throw new UsageError("sweep runs asynchronously (worker threads): call mainAsync, as bin.js does");
      default:
        throw new UsageError(`unknown command ${args.command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: "", stderr: `ksm-sim: ${e.message}\n${USAGE}` };
    return { code: 70, stdout: "", stderr: `ksm-sim: internal error: ${(e as Error).message}\n` };
  }
}
