/**
 * ksm-sim sweep SPEC.json [--csv OUT.csv] [--report OUT.html] [--jobs N]
 * [--backend NAME|MODULE]: a grid of variants of a scenario in worker
 * threads (@ksm-sim/sweep). Exit 0 when every variant ran, 1 when some
 * failed (their rows say why; the files are still written), 2 for an invalid
 * spec, a backend that cannot be loaded, or usage.
 */
import { writeFileSync } from "node:fs";
import { loadSweepFile, runSweep, sweepProgressBar, sweepReport, sweepToCsv } from "@ksm-sim/sweep";
import { type Parsed, UsageError } from "./args.js";
import { loadBackendOption } from "./backend-option.js";
import type { Outcome, Terminal } from "./commands.js";

/** `--jobs`: how many variants run at once, 1 to 1024. */
export function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new UsageError(`--jobs: must be an integer from 1 to 1024 (variants at once), got ${text}`);
  return n;
}

function outputFile(args: Parsed, flag: string, suffix: string): string | undefined {
  const f = args.flags.get(flag) as string | undefined;
  if (f !== undefined && !f.endsWith(suffix))
    throw new UsageError(`${flag}: the file name must end in ${suffix}, got ${f}`);
  return f;
}

function write(flag: string, file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`${flag}: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export async function sweepCommand(args: Parsed, terminal: Terminal = {}): Promise<Outcome> {
  if (args.files.length !== 1) throw new UsageError("sweep takes exactly one sweep spec file");
  const csvFile = outputFile(args, "--csv", ".csv");
  const reportFile = outputFile(args, "--report", ".html");
  const jobs = parseJobs(args.flags.get("--jobs") as string | undefined);
  const file = args.files[0]!;
  // --backend replaces the spec's backends; a path in it is relative to the working directory
  const backend = args.flags.get("--backend") as string | undefined;
  let backends: string[] | undefined;
  if (backend !== undefined) {
    const loadedBackend = await loadBackendOption(backend);
    if (!loadedBackend.ok) return loadedBackend.outcome;
    backends = [loadedBackend.specifier];
  }
  const loaded = await loadSweepFile(file, backends === undefined ? {} : { backends });
  if (!loaded.ok) {
    const lines = loaded.errors.map((e) => `  ${e.message}`).join("\n");
    return { code: 2, stdout: "", stderr: `${file}: invalid sweep spec\n${lines}\n` };
  }
  const bar = terminal.writeStderr ? sweepProgressBar(terminal.writeStderr) : null;
  let result: Awaited<ReturnType<typeof runSweep>>;
  try {
    result = await runSweep(loaded.sweep, {
      ...(jobs !== undefined ? { jobs } : {}),
      ...(bar ? { onProgress: bar.update } : {}),
    });
  } finally {
    bar?.done();
  }
  const csv = sweepToCsv(result);
  if (csvFile !== undefined) write("--csv", csvFile, csv);
  if (reportFile !== undefined) write("--report", reportFile, sweepReport(result));
  const failed = result.sweep.variants.filter((v) => !result.outcomes[v.index]!.ok);
  const stderr = failed
    .map((v) => {
      const o = result.outcomes[v.index]!;
      return `ksm-sim: variant ${v.index} (${v.label}) failed: ${o.ok ? "" : o.error}\n`;
    })
    .join("");
  const summary = `${result.outcomes.length} variants, ${failed.length} failed, ${result.jobs} at a time`;
  const written = [csvFile, reportFile].filter((f) => f !== undefined);
  return {
    code: failed.length > 0 ? 1 : 0,
    // without --csv the table goes to stdout; with it, a one-line summary
    stdout: csvFile === undefined ? csv : `${summary}: ${written.join(", ")}\n`,
    stderr,
  };
}
