/** Cycles in an import graph, each reported as the chain of files that closes it. */

/**
 * The cycles closed by the back edges of a depth-first walk of `edges`
 * (file → files it imports, no edge twice), in a fixed order, each as
 * `[a, b, …, a]`. It finds at least one whenever the graph has a cycle; of a
 * tangle of cycles sharing files it may show some only once others are broken.
 */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (!state.has(next)) visit(next);
      else if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...edges.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}
