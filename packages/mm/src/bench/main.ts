#!/usr/bin/env node
/** `pnpm bench` in packages/mm: node --expose-gc dist/bench/main.js [--quick] */
import { formatMmBench } from "./format.js";
import { runMmBench } from "./mm-bench.js";

const quick = process.argv.includes("--quick");
process.stderr.write(`ksm-sim mm benchmark (${quick ? "quick" : "full"})...\n`);
console.log(formatMmBench(runMmBench({ quick })));
console.log("\nbytes/frame: heap + ArrayBuffers after gc per frame faulted (page tables and frame metadata included).");
