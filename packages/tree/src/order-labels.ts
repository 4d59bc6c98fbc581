/** `@ksm-sim/tree/order-labels`: the order labels (labels.ts) and the Tree every order-label backend builds on (order-label-tree.ts). */
export {
  assignLabel,
  compareLabels,
  LABEL_LIMIT,
  type LabelCursor,
  type Labelled,
  labelBetween,
  type OpenCursor,
} from "./labels.js";
export { type LibraryNode, OrderLabelNode, OrderLabelTree } from "./order-label-tree.js";
