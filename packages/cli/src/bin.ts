#!/usr/bin/env node
import { mainAsync } from "./main-async.js";

const out = await mainAsync(
  process.argv.slice(2),
  process.stderr.isTTY ? { writeStderr: (text: string) => process.stderr.write(text) } : {},
);
if (out.stdout) process.stdout.write(out.stdout);
if (out.stderr) process.stderr.write(out.stderr);
process.exitCode = out.code;
