#!/usr/bin/env node
/**
 * `pnpm bench`: tree backends on 10^4, 10^5 and 10^6 nodes with 32-bit keys
 * and with 4 KiB pages (memcmp order); then the mm substrate (faults,
 * checksums, compares, memory per frame); then the KSM engine (three full
 * scans of 200 000 pages per backend and content mode). `--quick` stops the
 * trees at 10^5 and runs the smaller mm and engine workloads.
 */
import "./expose-gc.js";
import { BUILTIN_BACKENDS } from "@ksm-sim/backends";
import { runFloorBench } from "@ksm-sim/ksm/bench";
import { formatMmBench, runMmBench } from "@ksm-sim/mm/bench";
import { formatEngineBench, formatFloorBench, runEngineBench } from "./engine-bench.js";
import { PageSet } from "./keys.js";
import { formatTable, si } from "./table.js";
import { benchTree, type KeyKind, type TreeBenchRow } from "./tree-bench.js";

const quick = process.argv.includes("--quick");
const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const kinds: KeyKind[] = ["u32", "page4k"];

const maxN = sizes[sizes.length - 1] as number;
process.stderr.write(`ksm-sim tree benchmark (${quick ? "quick" : "full"}): making ${si(maxN)} 4 KiB pages...\n`);
let pages: PageSet | null = new PageSet(maxN);

const rows: TreeBenchRow[] = [];
for (const kind of kinds) {
  for (const n of sizes) {
    for (const backend of BUILTIN_BACKENDS) {
      benchTree(backend, kind, Math.min(n, 2000), kind === "page4k" ? pages : null); // warm-up
      const row = benchTree(backend, kind, n, kind === "page4k" ? pages : null);
      rows.push(row);
      process.stderr.write(`  ${row.backend} ${kind} n=${si(n)} done\n`);
    }
  }
}
pages = null; // let the pages go before the memory measurements below

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

process.stderr.write(`ksm-sim mm benchmark (${quick ? "quick" : "full"})...\n`);
console.log("\nmm substrate: faults, page checksums (XXH64 of 4 KiB, cold) and compares per second, memory per frame");
console.log(formatMmBench(runMmBench({ quick })));
console.log("\nbytes/frame: heap + ArrayBuffers after gc per frame faulted (page tables and frame metadata included).");

process.stderr.write(`ksm-sim engine benchmark (${quick ? "quick" : "full"})...\n`);
const engineRows = await runEngineBench(quick, (r) => process.stderr.write(`  ${r.backend} ${r.mode} done\n`));
const scanPages = engineRows[0]?.pages ?? 0;
console.log(
  `\nKSM engine: three full scans of one process's ${si(scanPages)} pages (half from 64 repeated contents, half unique); pages/s of scan time alone`,
);
console.log(formatEngineBench(engineRows));
console.log(
  "\nscan1: every page new (checksum); scan2: repeated pages merge; scan3: steady state. bytes/page: heap + ArrayBuffers after gc per page, machine and engine included.",
);

process.stderr.write("ksm-sim floor benchmark...\n");
console.log(
  "\nThe floor under that workload: what no exact simulation of it can skip, each part timed bare (@ksm-sim/ksm/bench runFloorBench)",
);
console.log(formatFloorBench(runFloorBench({ pages: scanPages })));
