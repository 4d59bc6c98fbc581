/**
 * loadBackend: a built-in name, or an ES module whose default export is a
 * TreeBackend, named by path or package (see resolve.ts). Every way it can
 * fail is one BackendLoadError naming the spec and what is wrong, in one line.
 */
import type { TreeBackend } from "@ksm-sim/tree";
import { builtinBackend } from "./builtins.js";
import { checkBackend, isTreeBackend } from "./check.js";
import { BackendLoadError } from "./errors.js";
import { type ResolveOptions, resolveBackend } from "./resolve.js";
import { show } from "./show.js";

export type LoadBackendOptions = ResolveOptions;

/** The backend `spec` names; rejects with a BackendLoadError when it cannot be used. */
export async function loadBackend(spec: string, options: LoadBackendOptions = {}): Promise<TreeBackend> {
  const builtin = builtinBackend(spec);
  if (builtin !== undefined) return builtin;
  const url = resolveBackend(spec, options);
  let ns: Record<string, unknown>;
  try {
    ns = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new BackendLoadError(spec, `loading the module failed: ${oneLine(e)}`);
  }
  return backendOf(spec, ns);
}

/** The module's default export, checked; a CommonJS module compiled from `export default` counts too. */
function backendOf(spec: string, ns: Record<string, unknown>): TreeBackend {
  let value = ns.default;
  if (value === undefined) {
    const named = Object.keys(ns).filter((k) => isTreeBackend(ns[k]));
    const hint =
      named.length > 0
        ? `it exports ${named.join(", ")}; write export default ${named[0]}`
        : "export default a TreeBackend: { name, flags, create }";
    throw new BackendLoadError(spec, `the module has no default export (${hint})`);
  }
  const inner = (value as { __esModule?: unknown; default?: unknown } | null)?.default;
  if (!isTreeBackend(value) && (value as { __esModule?: unknown }).__esModule === true && isTreeBackend(inner))
    value = inner;
  const problems = checkBackend(value);
  if (problems.length > 0) throw new BackendLoadError(spec, `the module's default export ${problems.join("; ")}`);
  return value as TreeBackend;
}

/** An import failure in one line: the error's name and the first line of its message (never the stack). */
function oneLine(e: unknown): string {
  if (!(e instanceof Error)) return `it threw ${show(e)}`;
  const lines = e.message.split("\n").map((l) => l.trim());
  let text = lines[0] ?? "";
  if (text.endsWith(":") && lines[1]) text = `${text} ${lines[1]}`; // a bundler's "Parse failed with 1 error:"
  return `${e.name}: ${text}`;
}
