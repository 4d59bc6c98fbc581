/** checkBackend: what is wrong with an object that should be a TreeBackend, each problem in words. */
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";
import { describe, expect, it } from "vitest";
import { checkBackend, isTreeBackend } from "../src/index.js";

const flags = { kernelShape: false, identity: "intrusive", persistent: false };
const good = { name: "mine", flags, create: () => rbtreeBackend.create() };

describe("checkBackend", () => {
  it("finds nothing wrong with a backend, with or without createIndexed, with members of its own", () => {
    expect(checkBackend(good)).toEqual([]);
    expect(checkBackend({ ...rbtreeBackend, name: "mine" })).toEqual([]);
    expect(checkBackend({ ...good, createIndexed: undefined, version: 2, describe: () => "x" })).toEqual([]);
    expect(checkBackend({ ...good, flags: { ...flags, identity: "order-labels", persistent: true } })).toEqual([]);
    class Backend {
      readonly name = "class";
      readonly flags = flags;
      create() {
        return rbtreeBackend.create();
      }
    }
    expect(checkBackend(new Backend())).toEqual([]); // create on the prototype counts
    expect(isTreeBackend(good)).toBe(true);
  });

  it("refuses what is not an object", () => {
    expect(checkBackend(undefined)).toEqual(["is not a backend object, got undefined"]);
    expect(checkBackend(null)).toEqual(["is not a backend object, got null"]);
    expect(checkBackend(42)).toEqual(["is not a backend object, got 42"]);
    expect(checkBackend("rbtree")).toEqual(['is not a backend object, got "rbtree"']);
    expect(checkBackend([good])).toEqual([expect.stringMatching(/^is an array, not a backend object, got \[/)]);
    expect(checkBackend(() => good)).toEqual([
      "is a function, not a backend object (a factory? export the backend it returns)",
    ]);
    expect(isTreeBackend(null)).toBe(false);
  });

  it("lists every missing member of an empty object", () => {
    expect(checkBackend({})).toEqual([
      "has no name (a non-empty string)",
      "has no flags (an object of kernelShape, identity, persistent)",
      "has no create() function",
    ]);
  });

  it("names each bad member and its value", () => {
    const cases: [object, string][] = [
      [{ ...good, name: "" }, 'has a name that is not a non-empty string, got ""'],
      [{ ...good, name: 3 }, "has a name that is not a non-empty string, got 3"],
      [{ ...good, flags: null }, "has flags that are not an object (kernelShape, identity, persistent), got null"],
      [{ ...good, flags: "fast" }, 'has flags that are not an object (kernelShape, identity, persistent), got "fast"'],
      [{ ...good, flags: [true] }, "has flags that are not an object (kernelShape, identity, persistent), got [true]"],
      [{ ...good, flags: { ...flags, kernelShape: undefined } }, "has no flags.kernelShape (true or false)"],
      [
        { ...good, flags: { ...flags, kernelShape: "yes" } },
        'has a flags.kernelShape that is not true or false, got "yes"',
      ],
      [{ ...good, flags: { ...flags, persistent: 1 } }, "has a flags.persistent that is not true or false, got 1"],
      [{ ...good, flags: { ...flags, identity: undefined } }, 'has no flags.identity ("intrusive" or "order-labels")'],
      [
        { ...good, flags: { ...flags, identity: "labels" } },
        'has a flags.identity that is not "intrusive" or "order-labels", got "labels"',
      ],
      [{ ...good, create: undefined }, "has no create() function"],
      [{ ...good, create: "new RbTree()" }, 'has a create that is not a function, got "new RbTree()"'],
      [{ ...good, createIndexed: true }, "has a createIndexed that is not a function (it is optional), got true"],
    ];
    for (const [value, problem] of cases) {
      expect(checkBackend(value)).toEqual([problem]);
      expect(isTreeBackend(value)).toBe(false);
    }
  });

  it("lists several problems in the order of the interface", () => {
    expect(checkBackend({ name: "x", flags: { kernelShape: 1, identity: "x" }, create: 0 })).toEqual([
      "has a flags.kernelShape that is not true or false, got 1",
      "has no flags.persistent (true or false)",
      'has a flags.identity that is not "intrusive" or "order-labels", got "x"',
      "has a create that is not a function, got 0",
    ]);
  });

  it("reports a member whose getter throws instead of throwing", () => {
    const bad = {
      ...good,
      get create(): never {
        throw new Error("not yet");
      },
    };
    expect(checkBackend(bad)).toEqual(["throws when its create is read (not yet)"]);
  });
});
