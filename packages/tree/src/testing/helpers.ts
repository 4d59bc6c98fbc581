import type { DescentFn, Tree } from "../types.js";

/** A descent that searches for the number `key` in a tree of numbers. */
export function numberCmp(key: number): DescentFn<number> {
  return (value: number) => (key < value ? -1 : key > value ? 1 : 0);
}

/** The values of a tree, in order. */
export function collectValues<T>(tree: Tree<T>): T[] {
  const out: T[] = [];
  for (const n of tree.nodes()) out.push(n.value);
  return out;
}

/** Throws unless `values` is strictly ascending. */
export function checkOrder(values: readonly number[]): void {
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1] as number;
    const b = values[i] as number;
    if (!(a < b)) throw new Error(`tree out of order at ${i}: ${a} then ${b}`);
  }
}

/** The longest root-to-leaf descent: counts visits of a descent that always goes `dir`. */
export function descentLength<T>(tree: Tree<T>, dir: -1 | 1): number {
  let visits = 0;
  tree.descend(() => {
    visits++;
    return dir;
  });
  return visits;
}
