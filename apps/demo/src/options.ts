/** The demo's command line: `--short` (CI: small sizes, a few seconds) and `--out DIR` (where report.html goes). */
import { resolve } from "node:path";

export interface DemoOptions {
  /** Small sizes and short runs (CI). */
  readonly short: boolean;
  /** The folder report.html is written to (absolute). */
  readonly outDir: string;
}

export class DemoUsageError extends Error {
  override name = "DemoUsageError";
}

export const USAGE = "usage: pnpm demo [--short] [--out DIR]";

/** Parses `argv` (without node and the script); a relative `--out` is taken from `cwd`. */
export function parseDemoArgs(argv: readonly string[], cwd: string): DemoOptions {
  let short = false;
  let outDir = cwd;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--short") short = true;
    else if (a === "--out" || a.startsWith("--out=")) {
      const dir = a === "--out" ? argv[++i] : a.slice("--out=".length);
      if (dir === undefined || dir === "") throw new DemoUsageError(`--out: needs a folder, got nothing\n${USAGE}`);
      outDir = dir;
    } else throw new DemoUsageError(`unknown argument ${JSON.stringify(a)}\n${USAGE}`);
  }
  return { short, outDir: resolve(cwd, outDir) };
}
