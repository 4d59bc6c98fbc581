/**
 * `pnpm bench` options, from the command line or the environment:
 *   --quick                 smaller workloads everywhere
 *   --engine                the engine part only (no tree or mm benchmark)
 *   --pages N[,N...]        only the engine's scale rows, at these page
 *                           counts (N: an integer or 2^k); implies --engine
 *                           and leaves out the all-backends table
 *   --mode tokens|bytes     only this content mode
 *   --kernel-speed FILE     the kernel's speed on the workload (default:
 *                           fixtures/kernel-speed/bench-workload.json)
 * KSM_BENCH_PAGES and KSM_BENCH_MODE stand for --pages and --mode; the
 * command line wins. `--opt=value` works as `--opt value`; a bare `--` is
 * skipped (pnpm passes it along).
 */
import type { ContentMode } from "@ksm-sim/mm";
import { MAX_VMA_PAGES } from "@ksm-sim/mm";

export interface BenchArgs {
  quick: boolean;
  /** Skip the tree and mm benchmarks. */
  engineOnly: boolean;
  /** The scale rows' page counts; null: the defaults. */
  pages: number[] | null;
  /** The content modes to run; null: both. */
  modes: ContentMode[] | null;
  /** The kernel-speed file; null: the default one. */
  kernelSpeed: string | null;
}

export const BENCH_USAGE =
  "usage: ksm-sim-bench [--quick] [--engine] [--pages N[,N...]] [--mode tokens|bytes] [--kernel-speed FILE]";

/** Parse `argv` (without node and the script) and `env`; throws an Error naming the bad argument and its value. */
export function parseBenchArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): BenchArgs {
  const out: BenchArgs = { quick: false, engineOnly: false, pages: null, modes: null, kernelSpeed: null };
  let pagesText = nonEmpty(env.KSM_BENCH_PAGES);
  let pagesFrom = "KSM_BENCH_PAGES";
  let modeText = nonEmpty(env.KSM_BENCH_MODE);
  let modeFrom = "KSM_BENCH_MODE";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0 && arg.startsWith("--")) return arg.slice(eq + 1);
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new Error(`${name}: needs a value`);
      i++;
      return v;
    };
    switch (name) {
      case "--": // what pnpm and turbo pass along between scripts
        break;
      case "--quick":
        out.quick = true;
        break;
      case "--engine":
        out.engineOnly = true;
        break;
      case "--pages":
        pagesText = value();
        pagesFrom = "--pages";
        break;
      case "--mode":
        modeText = value();
        modeFrom = "--mode";
        break;
      case "--kernel-speed":
        out.kernelSpeed = value();
        break;
      default:
        throw new Error(`unknown argument ${JSON.stringify(arg)}; ${BENCH_USAGE}`);
    }
  }
  if (pagesText !== undefined) {
    out.pages = pagesText.split(",").map((p) => parsePages(pagesFrom, p.trim()));
    out.engineOnly = true;
  }
  if (modeText !== undefined) {
    if (modeText !== "tokens" && modeText !== "bytes")
      throw new Error(`${modeFrom}: must be tokens or bytes, got ${JSON.stringify(modeText)}`);
    out.modes = [modeText];
  }
  return out;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === "" ? undefined : s;
}

/** "1048576" or "2^20" → 1048576: an integer from 2 to MAX_VMA_PAGES (one VMA). */
export function parsePages(from: string, text: string): number {
  const pow = /^2\^(\d{1,2})$/.exec(text);
  const n = pow ? 2 ** Number(pow[1]) : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 2 || n > MAX_VMA_PAGES)
    throw new Error(`${from}: must be an integer from 2 to ${MAX_VMA_PAGES} (or 2^k), got ${JSON.stringify(text)}`);
  return n;
}
