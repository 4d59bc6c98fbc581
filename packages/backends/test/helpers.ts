/** Scratch folders for the loader tests: `project({ "path/in/it": text })` writes the files and returns the folder. */
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Writes each file (an object is written as JSON) under a fresh temporary folder; `{ symlink: target }` makes a link. */
export function project(files: Record<string, string | object | { symlink: string }>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ksm-sim-backends-")));
  for (const [path, content] of Object.entries(files)) {
    const p = join(dir, path);
    mkdirSync(dirname(p), { recursive: true });
    if (typeof content === "object" && "symlink" in content) symlinkSync(join(dir, content.symlink), p, "dir");
    else writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

/** The sorted-array backend of the fixtures, which every module written here builds on. */
export const SORTED_ARRAY = fileURLToPath(new URL("./fixtures/sorted-array-backend.mjs", import.meta.url));

/** A module whose default export is the sorted-array backend under another name. */
export const renamedBackend = (name: string) =>
  `import base from ${JSON.stringify(pathToFileURL(SORTED_ARRAY).href)};\nexport default { ...base, name: ${JSON.stringify(name)} };\n`;
