/**
 * The built-in tree backends: the one list of them. A new built-in is one
 * more entry here (and its import); every name, menu and usage text of
 * ksm-sim is made from this list.
 */
import type { TreeBackend } from "@ksm-sim/tree";
import { avlBackend } from "@ksm-sim/tree-avl";
import { bintreesBackend } from "@ksm-sim/tree-bintrees";
import { functionalRedBlackTreeBackend } from "@ksm-sim/tree-functional-red-black-tree";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";

/** The built-ins in menu order; the first is the default. */
export const BUILTIN_BACKENDS: readonly TreeBackend[] = Object.freeze([
  rbtreeBackend,
  functionalRedBlackTreeBackend,
  bintreesBackend,
  avlBackend,
]);

/** Their names (each backend's own `name`), in the same order. */
export const BUILTIN_BACKEND_NAMES: readonly string[] = Object.freeze(BUILTIN_BACKENDS.map((b) => b.name));

/** Name → built-in backend. */
export const BUILTINS: ReadonlyMap<string, TreeBackend> = new Map(BUILTIN_BACKENDS.map((b) => [b.name, b]));

/** The backend used when none is named (the lib/rbtree.c port, as the engine's own default). */
export const DEFAULT_BACKEND: TreeBackend = BUILTIN_BACKENDS[0]!;

/** The built-in backend called `name`, or undefined. */
export function builtinBackend(name: string): TreeBackend | undefined {
  return BUILTINS.get(name);
}

/** Whether `name` names a built-in backend. */
export function isBuiltinBackendName(name: string): boolean {
  return BUILTINS.has(name);
}
