export { TreeError, type TreeErrorCode } from "./errors.js";
export {
  type DescentFn,
  type IndexedTree,
  NO_NODE,
  type NodeStorage,
  RESTART,
  type Restart,
  type Tree,
  type TreeBackend,
  type TreeFlags,
  type TreeNode,
  type TreeWalk,
} from "./types.js";
