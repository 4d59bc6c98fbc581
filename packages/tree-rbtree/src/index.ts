export { rbtreeBackend } from "./backend.js";
export { type RbCheckResult, type RbShape, rbCheck, rbShape } from "./debug.js";
export { IndexRbTree } from "./indexed-tree.js";
export { NIL, RB_BLACK, RB_RED } from "./node.js";
export { RbNode, RbTree } from "./tree.js";
