/** Reads a pnpm workspace: every package's manifest and the imports its sources make. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

export interface ImportSite {
  file: string;
  line: number;
  specifier: string;
  /** test, bench and config files may use devDependencies */
  dev: boolean;
}

const SOURCE = /\.(ts|mts|tsx|js|mjs)$/;
const SKIP = new Set(["node_modules", "dist", ".turbo", "coverage"]);

export function listPackages(root: string): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const group of ["packages", "apps"]) {
    const base = join(root, group);
    let entries: string[];
    try {
      entries = readdirSync(base);
    } catch {
      continue;
    }
    for (const name of entries.sort()) {
      const dir = join(base, name);
      try {
        const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
        out.push({ dir, manifest });
      } catch {
        // not a package
      }
    }
  }
  return out;
}

function walk(dir: string, files: string[]): void {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, files);
    else if (SOURCE.test(name) && !name.endsWith(".d.ts")) files.push(p);
  }
}

/** Every bare (non-relative) module specifier imported by the package's own files. */
export function importsOf(pkg: WorkspacePackage): ImportSite[] {
  const files: string[] = [];
  walk(pkg.dir, files);
  const sites: ImportSite[] = [];
  for (const file of files) {
    const rel = relative(pkg.dir, file);
    const dev = !rel.startsWith("src/") || /\.test\.ts$/.test(rel);
    const text = readFileSync(file, "utf8");
    // TypeScript's own pre-parser: imports, re-exports, dynamic imports; never strings or comments.
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      const specifier = ref.fileName;
      if (specifier.startsWith(".") || specifier.startsWith("/")) continue;
      const line = text.slice(0, ref.pos).split("\n").length;
      sites.push({ file: rel, line, specifier, dev });
    }
  }
  return sites;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}
