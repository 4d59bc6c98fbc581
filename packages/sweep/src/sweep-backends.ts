/**
 * The backends of a sweep, loaded once before any variant runs: a built-in
 * name, or a module by path (relative to the spec's folder) or package name.
 * One that cannot be loaded makes the whole spec invalid, with its grid path;
 * the variants then carry the backend's name (CSV, labels, report) and what
 * a worker thread loads it by (a string, never a function).
 */
import { DEFAULT_BACKEND, isBackendLoadError, loadBackend, resolveBackend } from "@ksm-sim/backends";
import type { SweepErrors } from "./errors.js";

export interface SweepBackend {
  /** As the spec (or the caller) wrote it: `bintrees`, `./mine.mjs`, `@lab/trees`. */
  readonly spec: string;
  /** The backend's own `name`: the CSV's backend column and the variants' labels. */
  readonly name: string;
  /** What a worker loads it by: the built-in name, or the module's file URL. */
  readonly specifier: string;
}

/** The default backend dimension: the built-in rbtree. */
export const DEFAULT_SWEEP_BACKENDS: readonly SweepBackend[] = [
  { spec: DEFAULT_BACKEND.name, name: DEFAULT_BACKEND.name, specifier: DEFAULT_BACKEND.name },
];

/**
 * Loads each of `specs` from `baseDir`; errors go to `errors` at `path[i]`
 * (`grid.backends[1]: ./mine.mjs: the module's default export has no create() function`).
 */
export async function loadSweepBackends(
  specs: readonly string[],
  baseDir: string,
  path: string,
  errors: SweepErrors,
): Promise<SweepBackend[]> {
  const out: SweepBackend[] = [];
  for (const [i, spec] of specs.entries()) {
    const at = `${path}[${i}]`;
    try {
      const specifier = resolveBackend(spec, { baseDir });
      const backend = await loadBackend(specifier);
      const twin = out.find((b) => b.name === backend.name);
      if (twin !== undefined) {
        const j = specs.indexOf(twin.spec);
        errors.raw(
          at,
          `${at}: ${spec}: its name ${backend.name} is the name of ${path}[${j}] (${twin.spec}) too; the CSV tells backends apart by name`,
        );
      }
      out.push({ spec, name: backend.name, specifier });
    } catch (e) {
      if (!isBackendLoadError(e)) throw e;
      errors.raw(at, `${at}: ${spec}: ${e.reason}`);
    }
  }
  return out;
}
