import { describe, expect, it } from "vitest";
import { BytesContents } from "../src/contents/bytes-contents.js";
import { pageChecksum, tokenChecksum } from "../src/contents/checksum.js";
import { fillTokenWords, tokenPage } from "../src/contents/fmix.js";
import { xxh64PageLow32, xxh64PageLow32Ts } from "../src/contents/xxh64.js";
import { compilePageHasher, pageHasher } from "../src/contents/xxh64-wasm.js";

/** Seeded xorshift32 words. */
function randomWords(n: number, seed: number): Uint32Array {
  const out = new Uint32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s;
  }
  return out;
}

const tokens = [1, 2, 3, 64, 65, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
for (let i = 1; i <= 200; i++) tokens.push(Math.imul(i, 0x9e3779b9) >>> 0 || 1);

describe("the WebAssembly page checksum", () => {
  const variants = [
    ["SIMD", compilePageHasher(true)],
    ["scalar", compilePageHasher(false)],
  ] as const;

  it("compiles in this engine (node has WebAssembly and SIMD)", () => {
    expect(variants[0][1]).not.toBeNull();
    expect(variants[1][1]).not.toBeNull();
    expect(pageHasher()).not.toBeNull();
  });

  for (const [name, h] of variants) {
    it(`${name}: page() agrees with the TypeScript XXH64 on random pages and the zero page`, () => {
      if (h === null) return;
      for (let seed = 1; seed <= 100; seed++) {
        const words = seed === 100 ? new Uint32Array(1024) : randomWords(1024, seed);
        h.words.set(words);
        expect(h.page(0) >>> 0).toBe(xxh64PageLow32Ts(words, 0));
      }
    });

    it(`${name}: token() agrees with hashing the token's bytes`, () => {
      if (h === null) return;
      const words = new Uint32Array(1024);
      for (const t of tokens) {
        fillTokenWords(t, words, 0);
        expect(h.token(t) >>> 0).toBe(xxh64PageLow32Ts(words, 0));
      }
    });
  }

  it("the exported checksums agree with the TypeScript version at any word offset", () => {
    const words = randomWords(1024 * 5, 7);
    for (let p = 0; p < 5; p++) expect(xxh64PageLow32(words, p * 1024)).toBe(xxh64PageLow32Ts(words, p * 1024));
    for (const t of tokens) {
      const page = tokenPage(t);
      expect(tokenChecksum(t)).toBe(pageChecksum(page));
      expect(tokenChecksum(t)).toBe(xxh64PageLow32Ts(new Uint32Array(page.buffer), 0));
    }
    expect(tokenChecksum(0)).toBe(xxh64PageLow32Ts(new Uint32Array(1024), 0));
  });

  it("gives bytes-mode checksums: XXH64 of each written page, taken once per content", () => {
    const words = randomWords(1024 * 5, 11);
    const c = new BytesContents(6, 2); // arenas of 2 contents
    for (let i = 0; i < 5; i++) {
      c.writeBytes(i, new Uint8Array(words.buffer, i * 4096, 4096));
      expect(c.checksum(i)).toBe(xxh64PageLow32Ts(words, i * 1024));
    }
    c.writeBytes(5, new Uint8Array(words.buffer, 2 * 4096, 4096)); // the content of page 2 again
    expect(c.idOf(5)).toBe(c.idOf(2));
    expect(c.checksum(5)).toBe(xxh64PageLow32Ts(words, 2 * 1024));
  });
});

describe("bytes-mode compare", () => {
  it("is memcmp's sign, whether the first words differ or not", () => {
    const c = new BytesContents(16, 16);
    const page = (w0: number, w1: number) => {
      const w = new Uint32Array(1024);
      w[0] = w0;
      w[1] = w1;
      return new Uint8Array(w.buffer);
    };
    const cases: [number, number][] = [
      [0, 0],
      [1, 0x100],
      [0x80000000, 0x7fffffff],
      [0xff, 0xff00],
      [0xffffffff, 0],
      [0x12345678, 0x12345678],
    ];
    for (const [x, y] of cases) {
      for (const [u, v] of [
        [0, 0],
        [0, 1],
        [0x80000000, 1],
      ] as const) {
        const a = page(x, u);
        const b = page(y, v);
        c.writeBytes(0, a);
        c.writeBytes(1, b);
        const expected = Buffer.compare(Buffer.from(a), Buffer.from(b));
        expect(c.compare(0, 1)).toBe(expected);
        expect(c.compare(1, 0)).toBe(expected === 0 ? 0 : -expected);
      }
    }
  });

  it("isZero looks past a zero first word", () => {
    const c = new BytesContents(4, 4);
    const w = new Uint32Array(1024);
    w[1023] = 1;
    c.writeBytes(0, new Uint8Array(w.buffer));
    expect(c.isZero(0)).toBe(false);
    c.zero(1);
    expect(c.isZero(1)).toBe(true);
    w[1023] = 0;
    w[0] = 5;
    c.writeBytes(2, new Uint8Array(w.buffer));
    expect(c.isZero(2)).toBe(false);
  });
});
