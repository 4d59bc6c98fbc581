/** The one error of a backend that cannot be used: `<spec>: <what is wrong>`, one line. */

export class BackendLoadError extends Error {
  override name = "BackendLoadError";

  constructor(
    /** The backend as it was asked for (a name, a path, a package). */
    readonly spec: string,
    /** What is wrong, without the spec: "the module's default export has no create() function". */
    readonly reason: string,
  ) {
    super(`${spec === "" ? '""' : spec}: ${reason}`);
  }
}

/**
 * Whether `e` is a BackendLoadError. By name, not instanceof: a bundled CLI
 * and the packages it loads on demand may each hold a copy of this class.
 */
export function isBackendLoadError(e: unknown): e is BackendLoadError {
  return e instanceof Error && e.name === "BackendLoadError" && typeof (e as BackendLoadError).reason === "string";
}
