export { AvlArena, AvlIxNode, MAX_VALUE } from "./arena.js";
export { avlBackend } from "./backend.js";
export { type AvlCheckResult, type AvlShape, avlCheck, avlShape } from "./debug.js";
export { IndexAvlTree } from "./indexed-tree.js";
export { MAX_NODES, NIL } from "./node.js";
export { SlotAvlTree } from "./slot-tree.js";
export { AvlSlots } from "./slots.js";
export { AvlNode, AvlTree } from "./tree.js";
