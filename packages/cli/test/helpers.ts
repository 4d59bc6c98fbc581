/** Scratch files for the CLI tests: `tempFiles("prefix")` gives a writer into a fresh temporary folder. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh folder and `file(name, content)`: writes JSON (or a string as it is) there and returns the path. */
export function tempFiles(prefix: string): { dir: string; file: (name: string, content: unknown) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = (name: string, content: unknown): string => {
    const p = join(dir, name);
    writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
    return p;
  };
  return { dir, file };
}

/** A process whose `pages` pages repeat `period` contents, madvised and scanned twice, then a snapshot "merged". */
export function mergeScenario(name: string, pages: number, period: number) {
  return {
    version: 1,
    name,
    steps: [
      { op: "spawn", proc: "A" },
      { op: "mmap", proc: "A", vma: "h", pages },
      { op: "write", proc: "A", vma: "h", content: { from: 1, period } },
      { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
      { op: "scan", full_scans: 2 },
      { op: "snapshot", label: "merged" },
    ],
  };
}
