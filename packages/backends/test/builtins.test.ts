/** The one list of built-in backends: names, order, lookups. */
import { avlBackend } from "@ksm-sim/tree-avl";
import { bintreesBackend } from "@ksm-sim/tree-bintrees";
import { functionalRedBlackTreeBackend } from "@ksm-sim/tree-functional-red-black-tree";
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";
import {
  BUILTIN_BACKEND_NAMES,
  BUILTIN_BACKENDS,
  BUILTINS,
  builtinBackend,
  checkBackend,
  DEFAULT_BACKEND,
  isBuiltinBackendName,
} from "../src/index.js";

describe("the built-in backends", () => {
  it("are the four tree packages' backends, rbtree first", () => {
    expect(BUILTIN_BACKENDS).toEqual([rbtreeBackend, functionalRedBlackTreeBackend, bintreesBackend, avlBackend]);
    expect(BUILTIN_BACKENDS[0]).toBe(rbtreeBackend);
    expect(DEFAULT_BACKEND).toBe(rbtreeBackend);
    expect(BUILTIN_BACKEND_NAMES).toEqual(["rbtree", "functional-red-black-tree", "bintrees", "avl"]);
  });

  it("are named by their own name, each once, and pass the backend check", () => {
    expect(BUILTIN_BACKEND_NAMES).toEqual(BUILTIN_BACKENDS.map((b) => b.name));
    expect(new Set(BUILTIN_BACKEND_NAMES).size).toBe(BUILTIN_BACKENDS.length);
    expect([...BUILTINS.keys()]).toEqual(BUILTIN_BACKEND_NAMES);
    for (const b of BUILTIN_BACKENDS) {
      expect(builtinBackend(b.name)).toBe(b);
      expect(BUILTINS.get(b.name)).toBe(b);
      expect(isBuiltinBackendName(b.name)).toBe(true);
      expect(checkBackend(b)).toEqual([]);
    }
  });

  it("know no other name", () => {
    for (const name of [
      "skiplist",
      "RBTREE",
      "rbtree ",
      "",
      "./rbtree",
      "@ksm-sim/tree-rbtree",
      "toString",
      "constructor",
    ]) {
      expect(builtinBackend(name)).toBeUndefined();
      expect(isBuiltinBackendName(name)).toBe(false);
    }
  });

  it("cannot be changed through the exports", () => {
    expect(Object.isFrozen(BUILTIN_BACKENDS)).toBe(true);
    expect(Object.isFrozen(BUILTIN_BACKEND_NAMES)).toBe(true);
  });
});
