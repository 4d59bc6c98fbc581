import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BytesContents } from "../src/contents/bytes-contents.js";
import {
  bswap32,
  fmix32,
  fmix32Inverse,
  pageChecksum,
  TokenContents,
  tokenChecksum,
  tokenOfOrderKey,
  tokenOrderKey,
  tokenPage,
  zeroChecksum,
} from "../src/index.js";
import { machine } from "./helpers.js";

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const sign = (x: number) => Math.sign(x);
const asBytes = (v: number | Uint8Array): Uint8Array => (typeof v === "number" ? tokenPage(v) : v);

describe("tokens", () => {
  it("fmix32Inverse inverts fmix32, so order keys and tokens are a bijection", () => {
    fc.assert(
      fc.property(u32, (t) => {
        expect(fmix32Inverse(fmix32(t))).toBe(t);
        expect(tokenOfOrderKey(tokenOrderKey(t))).toBe(t);
      }),
      { numRuns: 2000 },
    );
    expect(tokenOrderKey(0)).toBe(0);
  });

  it("token pages follow the format: word i = fmix32(fmix32(t) + i), little-endian; token 0 is zeros", () => {
    const page = tokenPage(5);
    const view = new DataView(page.buffer);
    expect(view.getUint32(0, true)).toBe(fmix32(fmix32(5)));
    expect(view.getUint32(4092, true)).toBe(fmix32((fmix32(5) + 1023) >>> 0));
    expect(tokenPage(0).every((b) => b === 0)).toBe(true);
    expect(bswap32(0x11223344)).toBe(0x44332211);
  });

  it("the order key's order is memcmp order of the materialised bytes", () => {
    const pick = fc.oneof(u32, fc.constantFrom(0, 1, 2, 0xffffffff));
    fc.assert(
      fc.property(pick, pick, (a, b) => {
        const byKey = sign(tokenOrderKey(a) - tokenOrderKey(b));
        expect(byKey).toBe(sign(Buffer.compare(tokenPage(a), tokenPage(b))));
      }),
      { numRuns: 3000 },
    );
  });

  it("checksums are XXH64 of the bytes, the same for a token and its page", () => {
    for (const t of [0, 1, 2, 99, 0xffffffff]) expect(tokenChecksum(t)).toBe(pageChecksum(tokenPage(t)));
    expect(zeroChecksum).toBe(pageChecksum(new Uint8Array(4096)));
  });
});

describe("both content modes behave alike", () => {
  it("compare, checksum, isZero and read agree for random tokens", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(u32, fc.constantFrom(0, 1, 7)), { minLength: 1, maxLength: 24 }), (tokens) => {
        const tc = new TokenContents(tokens.length);
        const bc = new BytesContents(tokens.length, 8);
        tokens.forEach((t, i) => {
          tc.writeToken(i, t);
          bc.writeToken(i, t);
        });
        for (let i = 0; i < tokens.length; i++) {
          expect(tc.checksum(i)).toBe(bc.checksum(i));
          expect(tc.checksum(i)).toBe(tokenChecksum(tokens[i]!)); // cached
          expect(tc.isZero(i)).toBe(bc.isZero(i));
          expect(tc.read(i)).toBe(tokens[i]);
          expect(bc.read(i)).toBe(tokens[i]);
          for (let j = 0; j < tokens.length; j++) expect(tc.compare(i, j)).toBe(bc.compare(i, j));
        }
        tc.copy(0, tokens.length - 1);
        bc.copy(0, tokens.length - 1);
        expect(tc.read(0)).toBe(bc.read(0));
        expect(tc.checksum(0)).toBe(bc.checksum(0));
      }),
      { numRuns: 200 },
    );
  });

  it("orderHint is the top 30 bits of the big-endian first word, and pages with different hints compare as them", () => {
    const page = fc.oneof(
      u32.map((t) => ({ t, raw: null as Uint8Array | null })),
      fc.uint8Array({ minLength: 8, maxLength: 8 }).map((head) => {
        const raw = new Uint8Array(4096);
        raw.set(head);
        return { t: -1, raw };
      }),
    );
    fc.assert(
      fc.property(fc.array(page, { minLength: 1, maxLength: 16 }), fc.nat(), (pages, pick) => {
        const n = pages.length;
        const tc = new TokenContents(n);
        // bytes: grown by half only, so pages past the per-page arrays' length are written and read too
        const bc = new BytesContents(0, 4);
        bc.grow(Math.ceil(n / 2));
        pages.forEach((p, i) => {
          if (p.raw === null) bc.writeToken(i, p.t);
          else bc.writeBytes(i, p.raw);
          if (p.raw === null) tc.writeToken(i, p.t);
        });
        bc.copy(pick % n, n - 1);
        if (pages[n - 1]!.raw === null) tc.copy(pick % n, n - 1);
        const bytesOf = (i: number) => bc.read(i);
        for (let i = 0; i < n; i++) {
          const first = new DataView(new Uint8Array(4096).buffer);
          bc.readInto(i, new Uint8Array(first.buffer));
          expect(bc.orderHint(i)).toBe(first.getUint32(0, false) >>> 2);
          if (pages[i]!.raw === null && !(i === pick % n && pages[n - 1]!.raw !== null)) {
            expect(tc.orderHint(i)).toBe(bc.orderHint(i));
          }
          for (let j = 0; j < n; j++) {
            const hi = bc.orderHint(i);
            const hj = bc.orderHint(j);
            if (hi !== hj) expect(bc.compare(i, j)).toBe(hi < hj ? -1 : 1);
            expect(bc.compare(i, j)).toBe(sign(Buffer.compare(asBytes(bytesOf(i)), asBytes(bytesOf(j)))));
          }
        }
        bc.zero(0);
        expect(bc.orderHint(0)).toBe(0);
        expect(bc.isZero(0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("bytes mode keeps raw bytes; a token page written as bytes reads as its token", () => {
    const bc = new BytesContents(4, 2);
    const raw = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
    bc.writeBytes(0, raw);
    bc.writeBytes(3, tokenPage(1234));
    expect(bc.readToken(0)).toBe(-1);
    expect(bc.read(0)).toEqual(raw);
    expect(bc.read(3)).toBe(1234);
    expect(bc.checksum(0)).toBe(pageChecksum(raw));
    raw[4095] = 1; // the caller's buffer is not aliased
    expect((bc.read(0) as Uint8Array)[4095]).not.toBe(1);
    bc.zero(3);
    expect(bc.isZero(3)).toBe(true);
    expect(bc.checksum(3)).toBe(zeroChecksum);
  });

  it("a bytes-mode machine takes memory images; a token machine refuses them", () => {
    const m = machine({ contents: "bytes" });
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 2);
    const image = new Uint8Array(4096).fill(0xab);
    m.write(a, heap, 1, image);
    expect(m.read(a, heap, 1)).toEqual(image);
    const t = machine();
    const b = t.spawn("B");
    const bh = t.mmap(b, "heap", 2);
    expect(() => t.write(b, bh, 0, image)).toThrow(/raw bytes need a machine with contents "bytes"/);
  });

  it("the token checksum memo serves repeated tokens", () => {
    const tc = new TokenContents(3);
    tc.writeToken(0, 5);
    tc.writeToken(1, 5);
    tc.checksum(0);
    tc.checksum(1);
    tc.checksum(1);
    expect(tc.memo.misses).toBe(1);
    expect(tc.memo.hits).toBe(2);
  });
});
