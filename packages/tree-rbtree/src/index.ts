export { rbtree, rbtreeBackend } from "./backend.js";
export { type RbCheckResult, type RbShape, rbCheck, rbShape } from "./debug.js";
export { IndexRbTree, IxArena, IxNode, IxSlots, NIL } from "./indexed/index.js";
export { RbNode } from "./node.js";
export { RbTree } from "./tree.js";
