/**
 * Checksum keys (PageContents.checksumKey): what KSM keeps as oldchecksum.
 * Whatever the mode, two pages' checksums are equal exactly when their keys
 * are equal or keyChecksum says so, and keyChecksumIs answers as the
 * checksum itself would, in token mode without hashing for 0 and the zero
 * page's checksum once every token has been scanned (special-tokens.ts).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenChecksum, zeroChecksum } from "../src/contents/checksum.js";
import { createContents } from "../src/contents/create.js";
import {
  SPECIAL_TOKENS_COMPLETE,
  ZERO_CHECKSUM_TOKENS,
  ZERO_PAGE_CHECKSUM_TOKENS,
} from "../src/contents/special-tokens.js";

describe.each(["tokens", "bytes"] as const)("checksum keys (%s)", (mode) => {
  it("stand for the checksum: equal keys or equal keyChecksums exactly when the checksums are equal", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 2, maxLength: 8 }), (tokens) => {
        const c = createContents(mode, 0, 16);
        c.grow(tokens.length);
        tokens.forEach((t, i) => {
          if (t === 0) c.zero(i);
          else c.writeToken(i, t);
        });
        for (let a = 0; a < tokens.length; a++) {
          const ka = c.checksumKey(a);
          expect(c.keyChecksum(ka)).toBe(c.checksum(a));
          expect(c.keyChecksumIs(ka, 0)).toBe(c.checksum(a) === 0);
          expect(c.keyChecksumIs(ka, zeroChecksum)).toBe(c.checksum(a) === zeroChecksum);
          for (let b = 0; b < tokens.length; b++) {
            const kb = c.checksumKey(b);
            expect(ka === kb || c.keyChecksum(ka) === c.keyChecksum(kb)).toBe(c.checksum(a) === c.checksum(b));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("the special tokens", () => {
  it("have the checksums their lists say", () => {
    for (const t of ZERO_CHECKSUM_TOKENS) expect(tokenChecksum(t)).toBe(0);
    for (const t of ZERO_PAGE_CHECKSUM_TOKENS) expect(tokenChecksum(t)).toBe(zeroChecksum);
  });

  it.runIf(SPECIAL_TOKENS_COMPLETE)("are answered from the lists in token mode, without hashing", () => {
    const c = createContents("tokens", 0, 16);
    c.grow(4);
    c.writeToken(0, 12345);
    c.zero(1);
    expect(c.keyChecksumIs(c.checksumKey(0), 0)).toBe(tokenChecksum(12345) === 0);
    expect(c.keyChecksumIs(c.checksumKey(1), zeroChecksum)).toBe(true);
    const memo = (c as unknown as { memo: { misses: number } }).memo;
    expect(memo.misses).toBe(0);
  });
});

describe("tools/token-checksums/result.txt", () => {
  it.runIf(SPECIAL_TOKENS_COMPLETE)("covers every token, and names the tokens special-tokens.ts lists", () => {
    const text = readFileSync(new URL("../../../tools/token-checksums/result.txt", import.meta.url), "utf8");
    const ranges: [number, number][] = [];
    const zero: number[] = [];
    const zeroPage: number[] = [];
    for (const line of text.split("\n")) {
      const [kind, a, b] = line.split(" ");
      if (kind === "done") ranges.push([Number(a), Number(b)]);
      else if (kind === "zero-checksum") zero.push(Number(a));
      else if (kind === "zero-page-checksum") zeroPage.push(Number(a));
    }
    ranges.sort((x, y) => x[0] - y[0]);
    let at = 0;
    for (const [a, b] of ranges) {
      expect(a).toBe(at);
      at = b;
    }
    expect(at).toBe(2 ** 32);
    expect(zero).toEqual([...ZERO_CHECKSUM_TOKENS]);
    expect(zeroPage).toEqual([...ZERO_PAGE_CHECKSUM_TOKENS]);
  });
});
