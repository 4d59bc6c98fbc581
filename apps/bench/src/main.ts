#!/usr/bin/env node
/**
 * `pnpm bench`: tree backends on 10^4, 10^5 and 10^6 nodes with 32-bit keys
 * and with 4 KiB pages (memcmp order). `--quick` stops at 10^5.
 */
import { backends } from "./backends.js";
import { PageSet } from "./keys.js";
import { formatTable, si } from "./table.js";
import { benchTree, type KeyKind, type TreeBenchRow } from "./tree-bench.js";

const quick = process.argv.includes("--quick");
const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const kinds: KeyKind[] = ["u32", "page4k"];

const maxN = sizes[sizes.length - 1] as number;
process.stderr.write(`ksm-sim tree benchmark (${quick ? "quick" : "full"}): making ${si(maxN)} 4 KiB pages...\n`);
const pages = new PageSet(maxN);

const rows: TreeBenchRow[] = [];
for (const kind of kinds) {
  for (const n of sizes) {
    for (const backend of backends) {
      benchTree(backend, kind, Math.min(n, 2000), kind === "page4k" ? pages : null); // warm-up
      const row = benchTree(backend, kind, n, kind === "page4k" ? pages : null);
      rows.push(row);
      process.stderr.write(`  ${row.backend} ${kind} n=${si(n)} done\n`);
    }
  }
}

console.log(
  "\nTree backends: operations per second (one descent or one erase each) and comparator calls per operation",
);
console.log(
  formatTable(
    ["backend", "keys", "n", "insert/s", "search/s", "erase/s", "cmp/insert", "cmp/search"],
    rows.map((r) => [
      r.backend,
      r.keys,
      si(r.n),
      si(r.insertPerSec),
      si(r.searchPerSec),
      si(r.erasePerSec),
      r.cmpPerInsert.toFixed(2),
      r.cmpPerSearch.toFixed(2),
    ]),
  ),
);
console.log(
  "\ninsert = searchOrInsert of a new key; search = descent to a present key; erase = by identity (no comparator).",
);
