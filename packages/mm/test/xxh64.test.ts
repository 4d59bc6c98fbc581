import { describe, expect, it } from "vitest";
import { tokenPage } from "../src/contents/fmix.js";
import { xxh64Hex, xxh64PageLow32 } from "../src/contents/xxh64.js";

const M = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;
const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M;
const rnd = (acc: bigint, input: bigint) => (rotl((acc + input * P2) & M, 31n) * P1) & M;
const merge = (acc: bigint, v: bigint) => ((((acc ^ rnd(0n, v)) * P1) & M) + P4) & M;

/** A plain BigInt XXH64 written from the specification, to cross-check the 32-bit-limb version. */
function referenceXxh64(bytes: Uint8Array, seed = 0n): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  let p = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (seed + P1 + P2) & M;
    let v2 = (seed + P2) & M;
    let v3 = seed;
    let v4 = (seed - P1) & M;
    for (; p + 32 <= len; p += 32) {
      v1 = rnd(v1, view.getBigUint64(p, true));
      v2 = rnd(v2, view.getBigUint64(p + 8, true));
      v3 = rnd(v3, view.getBigUint64(p + 16, true));
      v4 = rnd(v4, view.getBigUint64(p + 24, true));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    h = merge(h, v1);
    h = merge(h, v2);
    h = merge(h, v3);
    h = merge(h, v4);
  } else {
    h = (seed + P5) & M;
  }
  h = (h + BigInt(len)) & M;
  for (; p + 8 <= len; p += 8) {
    h ^= rnd(0n, view.getBigUint64(p, true));
    h = (rotl(h, 27n) * P1 + P4) & M;
  }
  if (p + 4 <= len) {
    h ^= (BigInt(view.getUint32(p, true)) * P1) & M;
    h = (rotl(h, 23n) * P2 + P3) & M;
    p += 4;
  }
  for (; p < len; p++) {
    h ^= (BigInt(bytes[p]!) * P5) & M;
    h = (rotl(h, 11n) * P1) & M;
  }
  h ^= h >> 33n;
  h = (h * P2) & M;
  h ^= h >> 29n;
  h = (h * P3) & M;
  h ^= h >> 32n;
  return h;
}

const text = (s: string) => new TextEncoder().encode(s);
const hex = (x: bigint) => x.toString(16).padStart(16, "0");

/** Seeded xorshift32 bytes. */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s & 0xff;
  }
  return out;
}

describe("XXH64", () => {
  it("matches published vectors", () => {
    expect(xxh64Hex(new Uint8Array(0))).toBe("ef46db3751d8e999");
    expect(xxh64Hex(text("a"))).toBe("d24ec4f1a98c6e5b");
    expect(xxh64Hex(text("abc"))).toBe("44bc2cf5ad770999");
    expect(xxh64Hex(text("Nobody inspects the spammish repetition"))).toBe("fbcea83c8a378bf1");
  });

  it("the BigInt reference agrees with the published vectors", () => {
    expect(hex(referenceXxh64(new Uint8Array(0)))).toBe("ef46db3751d8e999");
    expect(hex(referenceXxh64(text("abc")))).toBe("44bc2cf5ad770999");
    expect(hex(referenceXxh64(text("Nobody inspects the spammish repetition")))).toBe("fbcea83c8a378bf1");
  });

  it("agrees with the reference on every length from 0 to 100 and random seeds", () => {
    for (let len = 0; len <= 100; len++) {
      const bytes = randomBytes(len, len + 7);
      const seed = (len * 2654435761) >>> 0;
      expect(xxh64Hex(bytes, seed)).toBe(hex(referenceXxh64(bytes, BigInt(seed))));
    }
  });

  it("the page checksum is the low 32 bits of XXH64 of random and token 4 KiB pages", () => {
    for (let i = 0; i < 40; i++) {
      const bytes = i < 20 ? randomBytes(4096, 1000 + i) : tokenPage(i === 20 ? 0 : 0x9e3779b9 * i);
      const words = new Uint32Array(2048);
      words.set(new Uint32Array(bytes.buffer, bytes.byteOffset, 1024), 512);
      const low = Number(referenceXxh64(bytes) & 0xffffffffn);
      expect(xxh64PageLow32(words, 512)).toBe(low);
      expect(xxh64Hex(bytes)).toBe(hex(referenceXxh64(bytes)));
    }
  });
});
