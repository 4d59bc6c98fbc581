import { describe, expect, it } from "vitest";
import { parseBenchArgs, parsePages } from "../src/args.js";

describe("bench arguments", () => {
  it("defaults to everything", () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      engineOnly: false,
      pages: null,
      modes: null,
      kernelSpeed: null,
    });
  });
  it("--pages runs just the scale rows at those sizes, in either spelling", () => {
    const a = parseBenchArgs(["--pages", "1048576", "--mode", "tokens"]);
    expect(a.pages).toEqual([1048576]);
    expect(a.modes).toEqual(["tokens"]);
    expect(a.engineOnly).toBe(true);
    expect(parseBenchArgs(["--", "--pages", "2^20"]).pages).toEqual([2 ** 20]); // as `pnpm bench -- --pages 2^20` passes it
    expect(parseBenchArgs(["--pages=2^20,200000"]).pages).toEqual([2 ** 20, 200_000]);
    expect(parseBenchArgs(["--quick", "--engine", "--kernel-speed", "k.json"])).toMatchObject({
      quick: true,
      engineOnly: true,
      pages: null,
      kernelSpeed: "k.json",
    });
  });
  it("takes KSM_BENCH_PAGES and KSM_BENCH_MODE, the command line winning", () => {
    const env = { KSM_BENCH_PAGES: "2^24", KSM_BENCH_MODE: "bytes" };
    expect(parseBenchArgs([], env)).toMatchObject({ pages: [2 ** 24], modes: ["bytes"], engineOnly: true });
    expect(parseBenchArgs(["--mode", "tokens"], env).modes).toEqual(["tokens"]);
    expect(parseBenchArgs([], { KSM_BENCH_PAGES: "" }).pages).toBeNull();
  });
  it("names the argument and the value it rejects", () => {
    expect(() => parseBenchArgs(["--pages", "1x"])).toThrow(
      '--pages: must be an integer from 2 to 268435456 (or 2^k), got "1x"',
    );
    expect(() => parseBenchArgs(["--pages", "2^29"])).toThrow(/--pages: .*got "2\^29"/);
    expect(() => parseBenchArgs(["--pages=1"])).toThrow(/--pages: .*got "1"/);
    expect(() => parseBenchArgs(["--mode", "pages"])).toThrow('--mode: must be tokens or bytes, got "pages"');
    expect(() => parseBenchArgs([], { KSM_BENCH_MODE: "x" })).toThrow(
      'KSM_BENCH_MODE: must be tokens or bytes, got "x"',
    );
    expect(() => parseBenchArgs([], { KSM_BENCH_PAGES: "-5" })).toThrow(/KSM_BENCH_PAGES: .*got "-5"/);
    expect(() => parseBenchArgs(["--pages"])).toThrow("--pages: needs a value");
    expect(() => parseBenchArgs(["--mode", "--quick"])).toThrow("--mode: needs a value");
    expect(() => parseBenchArgs(["--fast"])).toThrow(/unknown argument "--fast"/);
  });
  it("parsePages accepts 2 to 2^28", () => {
    expect(parsePages("x", "2")).toBe(2);
    expect(parsePages("x", "2^28")).toBe(2 ** 28);
    expect(() => parsePages("x", "268435457")).toThrow(/^x: /);
  });
});
