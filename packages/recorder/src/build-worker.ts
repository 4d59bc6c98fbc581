/** The native worker: worker.c built with the system C compiler on first use, cached by its source's hash. */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RecorderError } from "./errors.js";

/** worker.c beside this file (src/ in the package; dist/ resolves to ../src). */
export function workerSource(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, "worker.c"), join(here, "../src/worker.c")]) if (existsSync(p)) return p;
  throw new RecorderError("worker.c is missing from @ksm-sim/recorder");
}

/** The path of the built worker, compiling it with `cc` (or $CC) if needed. */
export function buildWorker(cc = process.env.CC ?? "cc"): string {
  const src = workerSource();
  const hash = createHash("sha256").update(readFileSync(src)).digest("hex").slice(0, 12);
  const out = join(tmpdir(), `ksm-sim-worker-${hash}`);
  if (existsSync(out)) return out;
  const tmp = `${out}.${process.pid}`;
  try {
    execFileSync(cc, ["-O2", "-o", tmp, src], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (e) {
    const why = (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message;
    throw new RecorderError(`cannot build the native helper with ${cc} (a C compiler is needed): ${why}`);
  }
  renameSync(tmp, out);
  return out;
}
