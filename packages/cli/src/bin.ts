#!/usr/bin/env node
import { mainAsync } from "./main-async.js";
import { terminalOf } from "./terminal.js";

const out = await mainAsync(process.argv.slice(2), terminalOf(process.stderr));
if (out.stdout) process.stdout.write(out.stdout);
if (out.stderr) process.stderr.write(out.stderr);
process.exitCode = out.code;
