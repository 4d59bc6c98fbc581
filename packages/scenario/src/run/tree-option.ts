/** RunOptions.tree: a TreeBackend, or the name of a built-in one; anything else is refused, saying what is wrong. */
import { BUILTIN_BACKEND_NAMES, builtinBackend, checkBackend } from "@ksm-sim/backends";
import type { TreeBackend } from "@ksm-sim/tree";

export function treeBackendOf(tree: TreeBackend | string): TreeBackend {
  if (typeof tree === "string") {
    const builtin = builtinBackend(tree);
    if (builtin !== undefined) return builtin;
    throw new TypeError(
      `tree: must be a TreeBackend or a built-in backend's name (${BUILTIN_BACKEND_NAMES.join(", ")}), got ${JSON.stringify(tree)}; load a module's backend first with loadBackend of @ksm-sim/backends`,
    );
  }
  const problems = checkBackend(tree);
  if (problems.length > 0) throw new TypeError(`tree: the backend ${problems.join("; ")}`);
  return tree;
}
