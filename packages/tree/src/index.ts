export { TreeError, type TreeErrorCode } from "./errors.js";
export {
  type DescentFn,
  RESTART,
  type Restart,
  type Tree,
  type TreeBackend,
  type TreeFlags,
  type TreeNode,
} from "./types.js";
