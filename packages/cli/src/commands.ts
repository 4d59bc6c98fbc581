/** The ksm-sim commands, as functions of their arguments returning output and an exit code. */
import { readFileSync, writeFileSync } from "node:fs";
import { BUILTIN_BACKEND_NAMES, builtinBackend } from "@ksm-sim/backends";
import {
  compareResults,
  loadResultDocument,
  runScenario,
  type Sample,
  ScenarioRunError,
  seriesToCsv,
  seriesToJson,
  validateScenario,
} from "@ksm-sim/scenario";
import type { TreeBackend } from "@ksm-sim/tree";
import { FIX_FLAGS, type Parsed, UsageError } from "./args.js";
import { enomemWarning } from "./enomem.js";
import { progressBar } from "./progress.js";
import { clockOptions } from "./run-options.js";

/** Where the commands may show live output: a terminal's stderr (for the progress bar), if any. */
export interface Terminal {
  writeStderr?: (text: string) => void;
}

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A file's JSON; an unreadable file or bad JSON is a usage error naming the file. */
export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${(e as Error).message})`);
  }
}

/**
 * The --backend of `run` when it names a built-in (the default: rbtree). A
 * module backend is loaded before, by mainAsync (loading is asynchronous).
 */
function builtinTree(args: Parsed): TreeBackend {
  const name = (args.flags.get("--backend") as string | undefined) ?? BUILTIN_BACKEND_NAMES[0]!;
  const tree = builtinBackend(name);
  if (tree === undefined)
    throw new UsageError(
      `--backend: ${name} is not a built-in backend (${BUILTIN_BACKEND_NAMES.join(", ")}); a module backend is loaded by mainAsync, as the ksm-sim command does`,
    );
  return tree;
}

/**
 * ksm-sim run FILE; `tree`: the --backend module's backend, already loaded.
 * stdout is exactly the result document; stderr is empty but for one warning
 * line when a step got ENOMEM (the scenario's memory does not fit its machine).
 */
export function runCommand(args: Parsed, terminal: Terminal = {}, tree: TreeBackend = builtinTree(args)): Outcome {
  if (args.files.length !== 1) throw new UsageError("run takes exactly one scenario file");
  const content = (args.flags.get("--content") as string | undefined) ?? "tokens";
  if (content !== "tokens" && content !== "bytes")
    throw new UsageError(`--content: must be tokens or bytes, got ${content}`);
  const clock = clockOptions(args);
  const file = args.files[0]!;
  const checked = validateScenario(readJson(file));
  if (!checked.ok) {
    return {
      code: 2,
      stdout: "",
      stderr: `${file}: invalid scenario\n${checked.errors.map((e) => `  ${e.message}`).join("\n")}\n`,
    };
  }
  try {
    const fixes: Record<string, boolean> = {};
    for (const [flag, fix] of Object.entries(FIX_FLAGS)) if (args.flags.has(flag)) fixes[fix] = false;
    const samples: Sample[] = [];
    const series = clock.series;
    const bar = terminal.writeStderr ? progressBar(terminal.writeStderr) : null;
    let doc: ReturnType<typeof runScenario>;
    try {
      doc = runScenario(checked.scenario, {
        tree,
        content,
        trace: args.flags.has("--trace"),
        fixes,
        ...(clock.hz !== undefined ? { hz: clock.hz } : {}),
        ...(clock.cost !== undefined ? { cost: clock.cost } : {}),
        ...(series ? { sampleEveryMs: series.everyMs, onSample: (s: Sample) => samples.push(s) } : {}),
        ...(bar ? { onProgress: bar.update } : {}),
      });
    } finally {
      bar?.done();
    }
    if (series) {
      const text = series.format === "csv" ? seriesToCsv(samples) : seriesToJson(samples, series.everyMs);
      try {
        writeFileSync(series.file, text);
      } catch (e) {
        throw new UsageError(
          `--series: cannot write ${series.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
        );
      }
    }
    return { code: 0, stdout: `${JSON.stringify(doc)}\n`, stderr: enomemWarning(checked.scenario, doc) ?? "" };
  } catch (e) {
    if (e instanceof ScenarioRunError)
      return { code: 2, stdout: "", stderr: `${file}: invalid scenario\n  ${e.message}\n` };
    throw e;
  }
}

/** ksm-sim compare A B: exit 1 when they differ. */
export function compareCommand(args: Parsed): Outcome {
  if (args.files.length !== 2) throw new UsageError("compare takes two result documents");
  const docs = args.files.map((f) => {
    const loaded = loadResultDocument(readJson(f));
    if (!loaded.ok) throw new UsageError(`${f}: not a result document: ${loaded.errors[0]?.message ?? ""}`);
    return loaded.result;
  });
  const diffs = compareResults(docs[0]!, docs[1]!, { trace: args.flags.has("--trace"), limit: 20 });
  if (diffs.length === 0) return { code: 0, stdout: "no differences\n", stderr: "" };
  return { code: 1, stdout: `${diffs.map((d) => d.message).join("\n")}\n`, stderr: "" };
}
