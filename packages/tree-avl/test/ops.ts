/** Random tree operations for the property tests: link a key, erase or replace a linked node, set a hint, clear. */
import fc from "fast-check";

export type Op =
  | { kind: "insert"; key: number }
  | { kind: "erase"; pick: number }
  | { kind: "replace"; pick: number }
  | { kind: "hint"; pick: number; hint: number }
  | { kind: "clear" };

/** Operations with keys from 0 to `maxKey`. */
export function opArb(maxKey: number): fc.Arbitrary<Op> {
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({ kind: fc.constant("insert" as const), key: fc.integer({ min: 0, max: maxKey }) }),
    },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant("erase" as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("hint" as const), pick: fc.nat(), hint: fc.integer() }) },
    { weight: 1, arbitrary: fc.constant({ kind: "clear" as const }) },
  );
}
