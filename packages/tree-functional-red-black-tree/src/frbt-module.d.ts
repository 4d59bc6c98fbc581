/** functional-red-black-tree ships no types: its export, typed by the structural type in frbt-like.ts. */
declare module "functional-red-black-tree" {
  const createRBTree: import("./frbt-like.js").CreateFrbt;
  export = createRBTree;
}
