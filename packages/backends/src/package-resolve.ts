/**
 * A bare specifier (`my-backend`, `@lab/trees/avl`) to a file, as Node's ESM
 * resolver finds it from a folder (PACKAGE_RESOLVE of the Node.js ESM
 * resolution algorithm): the package's own name from inside it, else
 * `node_modules/<name>` in the folder and every folder above it; then its
 * `exports` map under the given conditions, or, without one, its `main`
 * (legacy: with `.js`, `.json`, `/index.js` tried) or `index.js`.
 * `createRequire().resolve` would apply the `require` condition instead, and
 * miss packages that export only `import` or `default`.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { exportsTarget, ResolveFailure } from "./package-exports.js";

interface PackageJson {
  readonly name?: unknown;
  readonly main?: unknown;
  readonly exports?: unknown;
}

/** The file `specifier` names, looking from `baseDir`; throws a ResolveFailure saying why not. */
export function resolvePackage(specifier: string, baseDir: string, conditions: ReadonlySet<string>): string {
  const { name, subpath } = parseSpecifier(specifier);
  const self = selfResolve(name, subpath, baseDir, conditions);
  if (self !== undefined) return self;
  for (let dir = resolve(baseDir); ; dir = dirname(dir)) {
    const pkgDir = join(dir, "node_modules", name);
    if (isDir(pkgDir)) {
      const pjson = readPackageJson(pkgDir);
      if (pjson?.exports !== undefined && pjson.exports !== null)
        return join(pkgDir, exportsTarget(name, pjson.exports, subpath, conditions));
      if (subpath === ".") return mainOf(name, pkgDir, pjson);
      return join(pkgDir, subpath);
    }
    if (dirname(dir) === dir) break;
  }
  throw new ResolveFailure(`no package ${name} is installed in ${resolve(baseDir)} or a folder above it`, true);
}

function parseSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split("/");
  const n = specifier.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, n).join("/");
  const valid =
    parts.length >= n && parts.slice(0, n).every((p) => p !== "") && !name.startsWith(".") && !/[\\%]/.test(name);
  if (!valid) throw new ResolveFailure(`${specifier} is not a valid package name`);
  const rest = parts.slice(n);
  if (rest.length > 0 && rest.at(-1) === "") throw new ResolveFailure(`${specifier} names a folder, not a module`);
  return { name, subpath: rest.length === 0 ? "." : `./${rest.join("/")}` };
}

/** PACKAGE_SELF_RESOLVE: the package around `baseDir` importing itself by its name through its exports. */
function selfResolve(
  name: string,
  subpath: string,
  baseDir: string,
  conditions: ReadonlySet<string>,
): string | undefined {
  for (let dir = resolve(baseDir); ; dir = dirname(dir)) {
    if (basename(dir) === "node_modules") return undefined;
    if (existsSync(join(dir, "package.json"))) {
      const pjson = readPackageJson(dir);
      if (pjson === null || pjson.exports === undefined || pjson.exports === null || pjson.name !== name)
        return undefined;
      return join(dir, exportsTarget(name, pjson.exports, subpath, conditions));
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function readPackageJson(dir: string): PackageJson | null {
  let text: string;
  try {
    text = readFileSync(join(dir, "package.json"), "utf8");
  } catch {
    return null;
  }
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "object" && v !== null ? (v as PackageJson) : {};
  } catch (e) {
    throw new ResolveFailure(`${join(dir, "package.json")} is not JSON (${(e as Error).message})`);
  }
}

const INDEX = ["index.js", "index.json", "index.node"];

/** LEGACY_MAIN_RESOLVE: `main` as written, with .js, .json, .node, /index.js ... tried; else index.js, .json, .node. */
function mainOf(name: string, pkgDir: string, pjson: PackageJson | null): string {
  const main = typeof pjson?.main === "string" && pjson.main !== "" ? pjson.main : null;
  const tries =
    main === null
      ? INDEX
      : [
          main,
          `${main}.js`,
          `${main}.json`,
          `${main}.node`,
          `${main}/index.js`,
          `${main}/index.json`,
          `${main}/index.node`,
          ...INDEX,
        ];
  for (const t of tries) {
    const p = join(pkgDir, t);
    if (isFile(p)) return p;
  }
  throw new ResolveFailure(
    `package ${name} has no entry module (${main === null ? "no main or exports, and no index.js" : `its main ${main} is not a file`})`,
  );
}

const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() === true;
