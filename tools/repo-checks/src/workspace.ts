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

/** `src`: the package's published code; `test`: everything else (tests, benches, configs, scripts). */
export type Side = "src" | "test";

export interface ImportSite {
  file: string;
  line: number;
  specifier: string;
  side: Side;
}

const SOURCE = /\.(ts|mts|tsx|js|mjs)$/;
/** Build output, installs, and dot-folders (caches; the scratch folder of the README-examples test). */
const SKIP = new Set(["node_modules", "dist", "coverage"]);

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
    if (SKIP.has(name) || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, files);
    else if (SOURCE.test(name) && !name.endsWith(".d.ts")) files.push(p);
  }
}

/** The package's own source files (absolute paths, sorted). */
export function sourceFilesOf(pkg: WorkspacePackage): string[] {
  const files: string[] = [];
  walk(pkg.dir, files);
  return files.sort();
}

/** Which side of the layering a file (relative to its package) is on. */
export function sideOf(rel: string): Side {
  return rel.startsWith("src/") && !rel.endsWith(".test.ts") ? "src" : "test";
}

/** Every bare (non-relative) module specifier imported by the package's own files. */
export function importsOf(pkg: WorkspacePackage): ImportSite[] {
  const sites: ImportSite[] = [];
  for (const file of sourceFilesOf(pkg)) {
    const rel = relative(pkg.dir, file);
    const text = readFileSync(file, "utf8");
    // TypeScript's own pre-parser: imports, re-exports, dynamic imports; never strings or comments.
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      const specifier = ref.fileName;
      if (specifier.startsWith(".") || specifier.startsWith("/")) continue;
      const line = text.slice(0, ref.pos).split("\n").length;
      sites.push({ file: rel, line, specifier, side: sideOf(rel) });
    }
  }
  return sites;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}
