/** The layering rule of ksm-sim: lower layers never import higher ones, and every import is declared. */
import { builtinModules } from "node:module";
import { importsOf, listPackages, packageOf, type WorkspacePackage } from "./workspace.js";

export type Allowed = Record<string, readonly string[]>;

const BUILTIN = new Set(builtinModules);
/** Tools that configs import from the workspace root (declared once there). */
const ROOT_TOOLS = new Set(["vitest", "fast-check"]);

export function checkPackage(pkg: WorkspacePackage, allowed: Allowed): string[] {
  const problems: string[] = [];
  const name = pkg.manifest.name;
  const mayUse = allowed[name];
  if (!mayUse) {
    problems.push(`${name}: not in tools/repo-checks/layers.json; give it a place in the layering`);
    return problems;
  }
  const runtime = { ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies };
  const dev = { ...runtime, ...pkg.manifest.devDependencies };
  for (const site of importsOf(pkg)) {
    const spec = site.specifier;
    if (spec.startsWith("node:") || BUILTIN.has(spec)) continue;
    const dep = packageOf(spec);
    if (dep === name) continue;
    const where = `${name} ${site.file}:${site.line}`;
    if (dep.startsWith("@ksm-sim/") && !mayUse.includes("*") && !mayUse.includes(dep)) {
      problems.push(`${where}: imports ${dep}, which its layer may not use`);
      continue;
    }
    if (site.dev && ROOT_TOOLS.has(dep)) continue;
    const declared = site.dev ? dev : runtime;
    if (!(dep in declared)) {
      problems.push(
        `${where}: imports ${dep} without declaring it in ${site.dev ? "its package.json" : "dependencies or peerDependencies"}`,
      );
    }
  }
  return problems;
}

export function checkWorkspace(root: string, allowed: Allowed): string[] {
  return listPackages(root).flatMap((pkg) => checkPackage(pkg, allowed));
}
