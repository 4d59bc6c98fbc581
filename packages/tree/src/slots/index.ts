/**
 * Building blocks for a tree backend on typed arrays with the fast path
 * (`@ksm-sim/tree/slots`): a backend writes its balancing as three hooks on
 * HandleSlotTree (values of any type) and IndexedSlotTree (small integers,
 * `createIndexed`, plus `replaceNode`) and gets the rest of the Tree
 * interface, TreeWalk and IndexedTree. See the package README.
 */
export { HandleSlotTree, SlotHandle } from "./handle-slot-tree.js";
export { IndexedSlotTree } from "./indexed-slot-tree.js";
export { NodeSlots } from "./node-slots.js";
export { MAX_NODES, type NodeStorage, nextNodeCapacity, reserveNode } from "./node-storage.js";
export { SlotTree } from "./slot-tree.js";
export { MAX_EPOCH, MAX_GROUP_TREES, MAX_VALUE, ValueArena, ValueHandle } from "./value-arena.js";
