/** The ksm-sim entry point: parse, dispatch, print; usage errors exit 2 with a message. */
import type { TreeBackend } from "@ksm-sim/tree";
import { isUsageError, parseArgs, USAGE, UsageError } from "./args.js";
import { compareCommand, type Outcome, runCommand, type Terminal } from "./commands.js";

/**
 * `terminal.writeStderr`, when given, shows a progress bar for long runs
 * (pass it only for a TTY). `loaded.tree`: the backend of a `--backend`
 * module, which mainAsync loads first; without it `run` takes built-in names only.
 */
export function main(argv: readonly string[], terminal: Terminal = {}, loaded: { tree?: TreeBackend } = {}): Outcome {
  try {
    const args = parseArgs(argv);
    if (args.flags.has("--help") || args.command === "help") return { code: 0, stdout: USAGE, stderr: "" };
    switch (args.command) {
      case "run":
        return loaded.tree !== undefined ? runCommand(args, terminal, loaded.tree) : runCommand(args, terminal);
      case "compare":
        return compareCommand(args);
      case "record":
      case "report":
      case "sweep":
        throw new UsageError(`${args.command} is loaded on demand: call mainAsync, as bin.js does`);
      default:
        throw new UsageError(`unknown command ${args.command}`);
    }
  } catch (e) {
    if (isUsageError(e)) return { code: 2, stdout: "", stderr: `ksm-sim: ${e.message}\n${USAGE}` };
    return { code: 70, stdout: "", stderr: `ksm-sim: internal error: ${(e as Error).message}\n` };
  }
}
