/**
 * Makes `globalThis.gc` available when node was started without
 * --expose-gc (as `pnpm demo` does), so the memory columns can be measured
 * after a collection. Imported first by main.ts: the benchmark modules read
 * `globalThis.gc` when they load.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const g = globalThis as { gc?: () => void };
if (typeof g.gc !== "function") {
  setFlagsFromString("--expose-gc");
  g.gc = runInNewContext("gc") as () => void;
}
