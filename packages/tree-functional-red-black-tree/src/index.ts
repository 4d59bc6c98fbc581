export {
  createFunctionalRedBlackTreeBackend,
  FUNCTIONAL_RED_BLACK_TREE_FLAGS,
  type FunctionalRedBlackTreeOptions,
  functionalRedBlackTreeBackend,
} from "./backend.js";
export type { CreateFrbt, FrbtIteratorLike, FrbtLike, FrbtNodeLike } from "./frbt-like.js";
export { FrbtHandle, FunctionalRedBlackTree } from "./tree.js";
