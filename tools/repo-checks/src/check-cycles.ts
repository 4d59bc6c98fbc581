/** No value-import cycle between the files of one package: ES modules in a cycle see each other half-evaluated. */
import { findCycles } from "./cycles.js";
import { valueImportGraph } from "./value-imports.js";
import { listPackages, sourceFilesOf, type WorkspacePackage } from "./workspace.js";

export function checkCyclesOf(pkg: WorkspacePackage): string[] {
  const graph = valueImportGraph(pkg.dir, sourceFilesOf(pkg));
  return findCycles(graph).map((chain) => `${pkg.manifest.name}: value-import cycle ${chain.join(" → ")}`);
}

export function checkCycles(root: string): string[] {
  return listPackages(root).flatMap(checkCyclesOf);
}
