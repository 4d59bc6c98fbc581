export { IX_BLACK, IX_RED, IxArena, IxNode, MAX_INDEX, NIL } from "./arena.js";
export { IxSlots } from "./slots.js";
export { IndexRbTree } from "./tree.js";
