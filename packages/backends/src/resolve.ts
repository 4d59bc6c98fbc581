/**
 * A backend spec to what loads it: a built-in name stays a name; a path
 * (absolute, or relative to `baseDir`), a `file:` URL or a package name
 * becomes the module's file URL (its real path, as Node's ESM loader keys
 * modules), which loads the same from any folder and any worker thread.
 */

import { realpathSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUILTIN_BACKEND_NAMES, isBuiltinBackendName } from "./builtins.js";
import { BackendLoadError } from "./errors.js";
import { ResolveFailure } from "./package-exports.js";
import { resolvePackage } from "./package-resolve.js";

export interface ResolveOptions {
  /** Where a relative path or a package name is looked up from (default: process.cwd()). */
  readonly baseDir?: string;
  /** Export conditions besides `node`, `import` and `default` (Node's `--conditions`). */
  readonly conditions?: readonly string[];
}

/** The conditions a package's exports map is read with, as Node's ESM loader does by default. */
export const DEFAULT_CONDITIONS: readonly string[] = Object.freeze(["node", "import", "default"]);

/** Whether `spec` is a path (rather than a name): `./x`, `../x`, `/x`, `.`, `..`, a Windows `C:\x` or `.\x`. */
export function isPathSpec(spec: string): boolean {
  return /^\.\.?([/\\]|$)/.test(spec) || isAbsolute(spec) || spec.startsWith("/");
}

/**
 * A built-in name as it is, else the file URL of the module `spec` names.
 * Throws a BackendLoadError when there is no such module.
 */
export function resolveBackend(spec: string, options: ResolveOptions = {}): string {
  if (isBuiltinBackendName(spec)) return spec;
  const baseDir = resolve(options.baseDir ?? process.cwd());
  if (spec.trim() === "")
    throw new BackendLoadError(
      spec,
      `is not a backend; give a built-in name (${listed()}), a module path or a package name`,
    );
  let file: string;
  if (spec.startsWith("file:")) {
    try {
      file = fileURLToPath(spec);
    } catch (e) {
      throw new BackendLoadError(spec, `is not a file URL ksm-sim can open (${(e as Error).message})`);
    }
  } else if (isPathSpec(spec)) {
    file = resolve(baseDir, spec);
  } else if (spec.startsWith("node:") || builtinModules.includes(spec)) {
    return spec.startsWith("node:") ? spec : `node:${spec}`;
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(spec)) {
    throw new BackendLoadError(
      spec,
      "is a URL ksm-sim does not load; give a module path, a file: URL or a package name",
    );
  } else {
    file = packageFile(spec, baseDir, options.conditions ?? []);
  }
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined) throw new BackendLoadError(spec, `cannot find the module: there is no file ${file}`);
  if (stat.isDirectory())
    throw new BackendLoadError(spec, `is a folder (${file}); name the module file in it, or the package by its name`);
  return pathToFileURL(realpathSync(file)).href;
}

function packageFile(spec: string, baseDir: string, conditions: readonly string[]): string {
  try {
    return resolvePackage(spec, baseDir, new Set([...DEFAULT_CONDITIONS, ...conditions]));
  } catch (e) {
    if (!(e instanceof ResolveFailure)) throw e;
    if (!e.notInstalled) throw new BackendLoadError(spec, e.message);
    const file = resolve(baseDir, spec);
    const hint = statSync(file, { throwIfNoEntry: false })?.isFile()
      ? `; for the file ${file}, write ./${spec}`
      : "; a module path starts with ./, ../ or /";
    throw new BackendLoadError(
      spec,
      `is neither a built-in backend (${listed()}) nor an installed package (${e.message})${hint}`,
    );
  }
}

const listed = () => BUILTIN_BACKEND_NAMES.join(", ");
