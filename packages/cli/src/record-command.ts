/** ksm-sim record FILE [--trace]: the scenario on this machine's real KSM, printed as a result document. */
import { RecorderError, recordScenario, thisMachine } from "@ksm-sim/recorder";
import { validateScenario } from "@ksm-sim/scenario";
import { type Parsed, UsageError } from "./args.js";
import { type Outcome, readJson } from "./commands.js";

/** Exit code when this machine cannot record (not root, no KSM, other KSM users, a simulator-only step). */
export const CANNOT_RECORD = 3;

export function recordCommand(args: Parsed): Outcome {
  if (args.files.length !== 1) throw new UsageError("record takes exactly one scenario file");
  const file = args.files[0]!;
  const checked = validateScenario(readJson(file));
  if (!checked.ok) {
    return { code: 2, stdout: "", stderr: checked.errors.map((e) => `${file}: ${e.message}\n`).join("") };
  }
  try {
    const doc = recordScenario(thisMachine(), checked.scenario, { trace: args.flags.has("--trace") });
    return { code: 0, stdout: `${JSON.stringify(doc, null, 1)}\n`, stderr: "" };
  } catch (e) {
    if (e instanceof RecorderError)
      return { code: CANNOT_RECORD, stdout: "", stderr: `ksm-sim record: ${e.message}\n` };
    throw e;
  }
}
