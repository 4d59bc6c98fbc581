/** Codes of misuse that a tree detects instead of corrupting itself. */
export type TreeErrorCode =
  | "NOT_HELD" // erase/replace of a node this tree does not hold
  | "ALREADY_LINKED" // link/replace with a node that is linked somewhere
  | "STALE_DESCENT" // link without a fresh, unmatched descent of this tree
  | "FOREIGN_NODE"; // a node made by another backend

/**
 * Thrown when a caller asks a tree to do something that would corrupt it in
 * the kernel (erase from the wrong root, link twice). The KSM engine turns
 * these into simulated oopses.
 */
export class TreeError extends Error {
  readonly code: TreeErrorCode;
  constructor(code: TreeErrorCode, message: string) {
    super(message);
    this.name = "TreeError";
    this.code = code;
  }
}
