/** The imports between files of one package that stay in the emitted JavaScript. */
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

/**
 * The relative module specifiers of `text` that stay in the emitted
 * JavaScript: value imports, side-effect imports and re-exports
 * (`export { x } from`, `export * from`). Only `import type` and `export type`
 * statements are erased. `import { type X } from "./b.js"` is not: under the
 * repo's `verbatimModuleSyntax` tsc and esbuild emit it as
 * `import {} from "./b.js"`, which still evaluates b first, so it counts.
 * Dynamic `import()` is left out: it runs after the static graph has been
 * evaluated, so it cannot close an evaluation cycle.
 */
export function valueImportsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) specifier = statement.moduleSpecifier;
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) specifier = statement.moduleSpecifier;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith(".")) out.push(specifier.text);
  }
  return out;
}

/** The file among `files` that a relative specifier names, as NodeNext resolves sources (`./b.js` → `b.ts`). */
function resolveIn(files: ReadonlySet<string>, fromFile: string, specifier: string): string | undefined {
  const base = join(dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts"), base, `${base}.ts`];
  return [...candidates, join(base, "index.ts")].find((c) => files.has(c));
}

/** The value-import graph between `files` (absolute paths), keyed by paths relative to `dir`. */
export function valueImportGraph(dir: string, files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = valueImportsOf(file, readFileSync(file, "utf8")).flatMap((spec) => {
      const target = resolveIn(known, file, spec);
      return target ? [relative(dir, target)] : [];
    });
    graph.set(relative(dir, file), [...new Set(targets)]);
  }
  return graph;
}
