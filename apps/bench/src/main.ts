#!/usr/bin/env node
/**
 * `pnpm bench`: tree backends on 10^4, 10^5 and 10^6 nodes with 32-bit keys
 * and with 4 KiB pages (memcmp order); then the mm substrate (faults,
 * checksums, compares, memory per frame); then the KSM engine (three full
 * scans of 200 000 pages per backend and content mode); then the engine at
 * scale (the default backend at 200 000, 2^20 and 2^24 pages, each row in a
 * child process, with the floor at each size and the kernel's rate where
 * recorded, then the floor's parts at each size). `--quick` stops the trees at 10^5 and runs the smaller mm and
 * engine workloads; `--pages N --mode tokens` runs just that scale row. See
 * args.ts for every option.
 */
import "./expose-gc.js";
import { BUILTIN_BACKENDS } from "@ksm-sim/backends";
import { formatMmBench, runMmBench } from "@ksm-sim/mm/bench";
import { type BenchArgs, parseBenchArgs } from "./args.js";
import { formatEngineBench, formatFloorBench, runEngineBench } from "./engine-bench.js";
import { kernelRateAt, readKernelSpeed } from "./kernel-speed.js";
import { PageSet } from "./keys.js";
import { pagesLabel, QUICK_SCALE_PAGES, runScaleBench, SCALE_PAGES } from "./scale-bench.js";
import { formatScaleBench } from "./scale-format.js";
import { formatTable, si } from "./table.js";
import { benchTree, type KeyKind, type TreeBenchRow } from "./tree-bench.js";

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2), process.env);
} catch (e) {
  process.stderr.write(`ksm-sim-bench: ${(e as Error).message}\n`);
  process.exit(2);
}
const { quick } = args;
const modes = args.modes ?? (["tokens", "bytes"] as const);
const kernel = args.kernelSpeed === null ? readKernelSpeed() : readKernelSpeed(args.kernelSpeed);
/** ksmd at KSM's default knobs (the recorder's `--knobs default` rows), beside ksmd at its fastest. */
const kernelAtDefaults = readKernelSpeed(args.kernelSpeed ?? undefined, "defaultKnobs");
const started = performance.now();

if (!args.engineOnly) benchTreesAndMm();
if (args.pages === null) await benchEngine();
await benchScale();
process.stderr.write(`ksm-sim bench: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);

function benchTreesAndMm(): void {
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
  console.log(
    "\nmm substrate: faults, page checksums (XXH64 of 4 KiB, cold) and compares per second, memory per frame",
  );
  console.log(formatMmBench(runMmBench({ quick })));
  console.log(
    "\nbytes/frame: heap + ArrayBuffers after gc per frame faulted (page tables and frame metadata included).",
  );
}

async function benchEngine(): Promise<void> {
  process.stderr.write(`ksm-sim engine benchmark (${quick ? "quick" : "full"})...\n`);
  const engineRows = await runEngineBench(
    quick,
    (r) => process.stderr.write(`  ${r.backend} ${r.mode} done\n`),
    undefined,
    modes,
  );
  const scanPages = engineRows[0]?.pages ?? 0;
  console.log(
    `\nKSM engine: three full scans of one process's ${si(scanPages)} pages (half from 64 repeated contents, half unique); pages/s of scan time alone`,
  );
  console.log(formatEngineBench(engineRows, kernel));
  console.log(
    "\nscan1: every page new (checksum); scan2: repeated pages merge; scan3: steady state. bytes/page: heap + ArrayBuffers after gc per page, machine and engine included.",
  );
}

async function benchScale(): Promise<void> {
  const sizes = args.pages ?? (quick ? QUICK_SCALE_PAGES : SCALE_PAGES);
  process.stderr.write(
    `ksm-sim engine benchmark at scale: ${sizes.map(pagesLabel).join(", ")} pages, each row in a child process...\n`,
  );
  const rows = await runScaleBench(sizes, modes, {
    onRow: (r) =>
      process.stderr.write(
        `  ${r.mode} ${pagesLabel(r.pages)} ${r.skipped === undefined ? `done in ${r.wallSeconds.toFixed(1)} s` : `skipped: ${r.skipped}`}\n`,
      ),
  });
  console.log(
    "\nKSM engine at scale (rbtree): three full scans of one process's N pages, the same workload; each row in a child process of its own",
  );
  console.log(formatScaleBench(rows, kernel, kernelAtDefaults));
  console.log(
    "\nThe floor under that workload at each size: what no exact simulation of it can skip, each part timed bare (@ksm-sim/ksm/bench runFloorBench)",
  );
  for (const r of rows)
    if (r.skipped === undefined && r.floor !== null)
      console.log(`${pagesLabel(r.pages)} pages:\n${formatFloorBench(r.floor, kernelRateAt(kernel, r.pages))}`);
}
