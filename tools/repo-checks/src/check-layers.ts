/** The layering rule of ksm-sim: lower layers never import higher ones, and every import is declared. */
import { builtinModules } from "node:module";
import { importsOf, listPackages, packageOf, type WorkspacePackage } from "./workspace.js";

/** One entry of layers.json: what src/ may import, and what the rest of the package may import on top. */
export interface Layer {
  src: readonly string[];
  test?: readonly string[];
}
export type Layers = Record<string, Layer>;

const BUILTIN = new Set(builtinModules);
/** Tools that configs import from the workspace root (declared once there). */
const ROOT_TOOLS = new Set(["vitest", "fast-check"]);

export function checkPackage(pkg: WorkspacePackage, layers: Layers): string[] {
  const problems: string[] = [];
  const name = pkg.manifest.name;
  const layer = layers[name];
  if (!layer) {
    problems.push(`${name}: not in tools/repo-checks/layers.json; give it a place in the layering`);
    return problems;
  }
  const mayUse = { src: layer.src, test: [...layer.src, ...(layer.test ?? [])] };
  const runtime = { ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies };
  const declared = { src: runtime, test: { ...runtime, ...pkg.manifest.devDependencies } };
  for (const site of importsOf(pkg)) {
    const spec = site.specifier;
    if (spec.startsWith("node:") || BUILTIN.has(spec)) continue;
    const dep = packageOf(spec);
    if (dep === name) continue;
    const where = `${name} ${site.file}:${site.line}`;
    if (dep.startsWith("@ksm-sim/") && !mayUse[site.side].includes(dep)) {
      problems.push(`${where}: imports ${dep}, which layers.json does not allow in its ${site.side}`);
      continue;
    }
    if (site.side === "test" && ROOT_TOOLS.has(dep)) continue;
    if (!(dep in declared[site.side])) {
      const fields = site.side === "src" ? "dependencies or peerDependencies" : "its package.json";
      problems.push(`${where}: imports ${dep} without declaring it in ${fields}`);
    }
  }
  return problems;
}

/** layers.json itself: entries of the right shape, and every name listed has an entry of its own (catches typos). */
export function checkLayers(layers: Layers): string[] {
  return Object.entries(layers).flatMap(([name, layer]) => {
    const lists = [layer?.src, layer?.test ?? []];
    if (!lists.every((list) => Array.isArray(list))) {
      return [`layers.json: ${name} must be { "src": [...], "test"?: [...] }, got ${JSON.stringify(layer)}`];
    }
    return lists
      .flat()
      .filter((dep) => !(dep in layers))
      .map((dep) => `layers.json: ${name} lists ${dep}, which has no entry of its own`);
  });
}

export function checkWorkspace(root: string, layers: Layers): string[] {
  const problems = checkLayers(layers);
  if (problems.length > 0) return problems;
  return listPackages(root).flatMap((pkg) => checkPackage(pkg, layers));
}
