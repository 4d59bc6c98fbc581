/**
 * --backend NAME|MODULE of `run` and `sweep`: a built-in's name, or a module
 * (path relative to the working directory, or package name) whose default
 * export is a TreeBackend, loaded before the command runs. A module that
 * cannot be used is one line on stderr and exit 2, never a stack trace.
 */
import { isBackendLoadError, loadBackend, resolveBackend } from "@ksm-sim/backends";
import type { TreeBackend } from "@ksm-sim/tree";
import type { Outcome } from "./commands.js";

export type LoadedOption =
  | { readonly ok: true; readonly tree: TreeBackend; readonly specifier: string }
  | { readonly ok: false; readonly outcome: Outcome };

/** Loads the backend `spec` names; a failure is the outcome to print. */
export async function loadBackendOption(spec: string): Promise<LoadedOption> {
  try {
    const specifier = resolveBackend(spec);
    return { ok: true, tree: await loadBackend(specifier), specifier };
  } catch (e) {
    if (!isBackendLoadError(e)) throw e;
    const named = spec === "" ? '""' : spec;
    return { ok: false, outcome: { code: 2, stdout: "", stderr: `ksm-sim: --backend ${named}: ${e.reason}\n` } };
  }
}
