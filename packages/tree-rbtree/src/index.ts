export { IxArena, IxNode, MAX_INDEX } from "./arena.js";
export { rbtreeBackend } from "./backend.js";
export { type RbCheckResult, type RbShape, rbCheck, rbShape } from "./debug.js";
export { IndexRbTree } from "./indexed-tree.js";
export { MAX_NODES, NIL, RB_BLACK, RB_RED } from "./node.js";
export { SlotRbTree } from "./slot-tree.js";
export { RbSlots } from "./slots.js";
export { RbNode, RbTree } from "./tree.js";
