/**
 * Where the worker script is. From the built package it is dist/worker.js
 * next to this module. From the sources (vitest, through the
 * `@ksm-sim/source` condition) this module is a .ts file that a worker thread
 * cannot load, so it points at the package's built dist/worker.js, if there
 * is one.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The worker script's URL, or null when it is not built (running from sources before `pnpm build`). */
export function workerScript(): URL | null {
  const here = import.meta.url;
  const url = here.endsWith(".ts") ? new URL("../dist/worker.js", here) : new URL("./worker.js", here);
  return existsSync(fileURLToPath(url)) ? url : null;
}
