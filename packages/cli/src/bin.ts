#!/usr/bin/env node
import { main } from "./main.js";

const out = main(
  process.argv.slice(2),
  process.stderr.isTTY ? { writeStderr: (text: string) => process.stderr.write(text) } : {},
);
if (out.stdout) process.stdout.write(out.stdout);
if (out.stderr) process.stderr.write(out.stderr);
process.exitCode = out.code;
