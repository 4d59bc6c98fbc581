/** What kind of input a {@link NumaError} rejected. */
export type NumaErrorCode =
  | "INVALID_TOPOLOGY" // createTopology: nodes, pagesPerNode, distances, localLatencyNs
  | "INVALID_POLICY" // parsePolicy: mode or node set
  | "INVALID_NODE" // a node id outside the topology
  | "INVALID_PFN" // a page frame number outside [0, totalPages)
  | "INVALID_ACCESSES"; // remoteAccessReport: an access-count matrix or list

/**
 * Thrown for every invalid input. `field` is the path of the offending value
 * (`topology.distances[0][1]`, `policy.nodes[2]`, `pfn`), and the message is
 * `<field>: <rule>, got <value>`.
 */
export class NumaError extends Error {
  readonly code: NumaErrorCode;
  readonly field: string;
  constructor(code: NumaErrorCode, field: string, message: string) {
    super(message);
    this.name = "NumaError";
    this.code = code;
    this.field = field;
  }
}

/** A value as it should read in an error message: `10`, `NaN`, `"x"`, `[1,2]`, `undefined`. */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || value === undefined) return String(value);
  if (typeof value === "function") return "a function";
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** Throws `<field>: <rule>, got <value>`. */
export function fail(code: NumaErrorCode, field: string, rule: string, value: unknown): never {
  throw new NumaError(code, field, `${field}: ${rule}, got ${show(value)}`);
}

/** A node id of a topology with `nodes` nodes, or a NumaError naming `field`. */
export function checkNodeId(nodes: number, node: unknown, field: string, code: NumaErrorCode = "INVALID_NODE"): number {
  if (typeof node !== "number" || !Number.isInteger(node) || node < 0 || node >= nodes) {
    fail(code, field, `must be a node id from 0 to ${nodes - 1}`, node);
  }
  return node;
}
