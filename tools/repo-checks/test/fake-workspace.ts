/** A throwaway workspace in a temp folder (path → file text), removed when the test ends. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { onTestFinished } from "vitest";

export function fakeWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ksm-sim-repo-checks-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export const manifest = (name: string, deps: Record<string, string> = {}, devDeps: Record<string, string> = {}) =>
  JSON.stringify({ name, dependencies: deps, devDependencies: devDeps });
