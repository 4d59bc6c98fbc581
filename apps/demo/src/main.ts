#!/usr/bin/env node
/**
 * `pnpm demo`: a narrated walk-through of ksm-sim in the terminal (VM
 * density on two NUMA nodes, the 2013 races, the tree backends) that writes
 * report.html. `--short` is the small CI version; `--out DIR` says where the
 * report goes (default: the current folder).
 */
import { runDemo } from "./demo.js";
import { DemoUsageError, parseDemoArgs } from "./options.js";

try {
  const options = parseDemoArgs(process.argv.slice(2), process.cwd());
  runDemo(options, {
    out: (text) => process.stdout.write(text),
    bar: process.stderr.isTTY ? (text) => process.stderr.write(text) : null,
  });
} catch (e) {
  if (!(e instanceof DemoUsageError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 2;
}
