/**
 * @ksm-sim/backends: the tree backends of ksm-sim by name, a check of what a
 * TreeBackend must have, and loadBackend for backends of your own (an ES
 * module, by path or package name, whose default export is a TreeBackend).
 */
export {
  BUILTIN_BACKEND_NAMES,
  BUILTIN_BACKENDS,
  BUILTINS,
  builtinBackend,
  DEFAULT_BACKEND,
  isBuiltinBackendName,
} from "./builtins.js";
export { checkBackend, isTreeBackend } from "./check.js";
export { BackendLoadError, isBackendLoadError } from "./errors.js";
export { type LoadBackendOptions, loadBackend } from "./load.js";
export { DEFAULT_CONDITIONS, isPathSpec, type ResolveOptions, resolveBackend } from "./resolve.js";
