/**
 * A package's `exports` map, read the way Node's ESM resolver reads it
 * (PACKAGE_EXPORTS_RESOLVE and PACKAGE_TARGET_RESOLVE of the Node.js ESM
 * resolution algorithm): subpaths, `*` patterns, condition objects in key
 * order, fallback arrays. Returns the target path relative to the package
 * folder (`./dist/index.js`), or throws a ResolveFailure saying why not.
 */

/** Why a specifier does not resolve; resolve.ts turns it into a BackendLoadError. */
export class ResolveFailure extends Error {
  constructor(
    message: string,
    /** No package of that name was found at all (rather than one that does not export the path). */
    readonly notInstalled = false,
  ) {
    super(message);
  }
}

type Target = unknown;

/** The target of `subpath` (`.` or `./x`) in `exports`, under `conditions`. */
export function exportsTarget(pkg: string, exports: unknown, subpath: string, conditions: ReadonlySet<string>): string {
  const map = exports as Record<string, unknown>;
  const dotKeys =
    typeof exports === "object" && exports !== null && !Array.isArray(exports)
      ? Object.keys(map).map((k) => k.startsWith("."))
      : [];
  if (dotKeys.includes(true) && dotKeys.includes(false))
    throw new ResolveFailure(`package ${pkg} has an invalid exports map (it mixes "./" subpaths and conditions)`);
  const subpathMap = dotKeys.length > 0 && dotKeys[0] === true;
  let resolved: string | null | undefined;
  if (subpath === ".") {
    const main = subpathMap ? map["."] : exports;
    if (main !== undefined) resolved = targetOf(pkg, main, null, conditions);
  } else if (subpathMap) {
    resolved = subpathTarget(pkg, subpath, map, conditions);
  }
  if (resolved === null || resolved === undefined) {
    const what = subpath === "." ? "its main entry" : subpath;
    throw new ResolveFailure(
      `package ${pkg} does not export ${what} for the conditions ${[...conditions].join(", ")} (its package.json "exports")`,
    );
  }
  return resolved;
}

/** PACKAGE_IMPORTS_EXPORTS_RESOLVE: an exact key, else the most specific `*` pattern. */
function subpathTarget(
  pkg: string,
  key: string,
  map: Record<string, unknown>,
  conditions: ReadonlySet<string>,
): string | null | undefined {
  if (Object.hasOwn(map, key) && !key.includes("*")) return targetOf(pkg, map[key], null, conditions);
  const patterns = Object.keys(map)
    .filter((k) => k.indexOf("*") !== -1 && k.indexOf("*") === k.lastIndexOf("*"))
    .sort(patternKeyCompare);
  for (const pattern of patterns) {
    const star = pattern.indexOf("*");
    const base = pattern.slice(0, star);
    const trailer = pattern.slice(star + 1);
    if (key.startsWith(base) && key !== base) {
      if (trailer === "" || (key.endsWith(trailer) && key.length >= pattern.length)) {
        const match = key.slice(base.length, key.length - trailer.length);
        return targetOf(pkg, map[pattern], match, conditions);
      }
    }
  }
  return null;
}

/** PATTERN_KEY_COMPARE: longer prefix before the `*` first, then the longer key. */
function patternKeyCompare(a: string, b: string): number {
  const baseA = a.indexOf("*") + 1;
  const baseB = b.indexOf("*") + 1;
  if (baseA !== baseB) return baseB - baseA;
  return b.length - a.length;
}

const BAD_SEGMENT =
  /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)_(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))?(\\|\/|$)/i;

/** PACKAGE_TARGET_RESOLVE: a string, a condition object (key order), an array of fallbacks, or null. */
function targetOf(
  pkg: string,
  target: Target,
  match: string | null,
  conditions: ReadonlySet<string>,
): string | null | undefined {
  if (typeof target === "string") {
    if (!target.startsWith("./") || BAD_SEGMENT.test(target.slice(2)))
      throw new ResolveFailure(`package ${pkg} has an invalid exports target ${JSON.stringify(target)}`);
    if (match === null) return target;
    if (BAD_SEGMENT.test(match))
      throw new ResolveFailure(`package ${pkg}: ${JSON.stringify(match)} is not a valid subpath`);
    return target.replaceAll("*", match);
  }
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let last: unknown = null;
    for (const t of target) {
      try {
        const r = targetOf(pkg, t, match, conditions);
        if (r !== undefined) return r;
        last = r;
      } catch (e) {
        if (!(e instanceof ResolveFailure)) throw e;
        last = e;
      }
    }
    if (last instanceof ResolveFailure) throw last;
    return last as null | undefined;
  }
  if (typeof target === "object" && target !== null) {
    for (const [condition, value] of Object.entries(target)) {
      if (/^\d+$/.test(condition))
        throw new ResolveFailure(`package ${pkg} has an invalid exports map (a numeric condition ${condition})`);
      if (condition === "default" || conditions.has(condition)) {
        const r = targetOf(pkg, value, match, conditions);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw new ResolveFailure(`package ${pkg} has an invalid exports target ${JSON.stringify(target)}`);
}
