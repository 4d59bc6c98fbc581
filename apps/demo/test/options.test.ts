/** The demo's command line. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DemoUsageError, parseDemoArgs } from "../src/options.js";

describe("parseDemoArgs", () => {
  it("defaults to full mode and the current folder", () => {
    expect(parseDemoArgs([], "/work")).toEqual({ short: false, outDir: "/work" });
  });

  it("takes --short and --out (relative to the current folder)", () => {
    expect(parseDemoArgs(["--short", "--out", "reports"], "/work")).toEqual({ short: true, outDir: "/work/reports" });
    expect(parseDemoArgs(["--out=/tmp/x"], "/work")).toEqual({ short: false, outDir: "/tmp/x" });
  });

  it("refuses unknown arguments and --out without a folder, with the usage", () => {
    expect(() => parseDemoArgs(["--fast"], "/work")).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(["--fast"], "/work")).toThrow(
      'unknown argument "--fast"\nusage: pnpm demo [--short] [--out DIR]',
    );
    expect(() => parseDemoArgs(["--out"], "/work")).toThrow("--out: needs a folder, got nothing");
    expect(() => parseDemoArgs(["--out="], "/work")).toThrow("--out: needs a folder, got nothing");
  });
});

const built = fileURLToPath(new URL("../dist/main.js", import.meta.url));

describe.skipIf(!existsSync(built))("dist/main.js", () => {
  it("exits 2 with the usage on stderr for a bad argument", () => {
    const r = spawnSync(process.execPath, [built, "--bogus"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("usage: pnpm demo [--short] [--out DIR]");
  });
});
