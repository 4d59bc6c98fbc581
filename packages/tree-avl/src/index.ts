export { avlBackend } from "./backend.js";
export { type AvlCheckResult, type AvlShape, avlCheck, avlShape } from "./debug.js";
export { IndexAvlTree } from "./indexed-tree.js";
export { NIL } from "./node.js";
export { AvlNode, AvlTree } from "./tree.js";
