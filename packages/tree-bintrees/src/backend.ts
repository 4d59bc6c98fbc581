/// <reference path="./bintrees-module.d.ts" />
import type { TreeBackend, TreeFlags } from "@ksm-sim/tree";
import bintrees from "bintrees";
import type { RBTreeClass } from "./bintrees-like.js";
import { BintreesTree } from "./tree.js";

export const BINTREES_FLAGS: TreeFlags = {
  kernelShape: false,
  identity: "order-labels",
  persistent: false,
};

export interface BintreesOptions {
  /** The library's `RBTree` class (default: the installed bintrees). */
  readonly RBTree?: RBTreeClass;
  /** The backend's name (default "bintrees"). */
  readonly name?: string;
}

/** A backend over bintrees' RBTree, or over any class of the same shape. */
export function createBintreesBackend(options: BintreesOptions = {}): TreeBackend {
  const RBTree = options.RBTree ?? bintrees.RBTree;
  const name = options.name ?? "bintrees";
  return { name, flags: BINTREES_FLAGS, create: <T>() => new BintreesTree<T>(name, RBTree) };
}

/** The bintrees backend. */
export const bintreesBackend: TreeBackend = /* @__PURE__ */ createBintreesBackend();
