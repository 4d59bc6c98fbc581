/// <reference path="./frbt-module.d.ts" />
import type { TreeBackend, TreeFlags } from "@ksm-sim/tree";
import createRBTree from "functional-red-black-tree";
import type { CreateFrbt } from "./frbt-like.js";
import { FunctionalRedBlackTree } from "./tree.js";

export const FUNCTIONAL_RED_BLACK_TREE_FLAGS: TreeFlags = {
  kernelShape: false,
  identity: "order-labels",
  persistent: true,
};

export interface FunctionalRedBlackTreeOptions {
  /** The library's `createTree` (default: the installed functional-red-black-tree). */
  readonly createTree?: CreateFrbt;
  /** The backend's name (default "functional-red-black-tree"). */
  readonly name?: string;
}

/** A backend over functional-red-black-tree, or over any library of the same shape. */
export function createFunctionalRedBlackTreeBackend(options: FunctionalRedBlackTreeOptions = {}): TreeBackend {
  const createTree = options.createTree ?? createRBTree;
  const name = options.name ?? "functional-red-black-tree";
  return {
    name,
    flags: FUNCTIONAL_RED_BLACK_TREE_FLAGS,
    create: <T>() => new FunctionalRedBlackTree<T>(name, createTree),
  };
}

/** The functional-red-black-tree backend. */
export const functionalRedBlackTreeBackend: TreeBackend = /* @__PURE__ */ createFunctionalRedBlackTreeBackend();
