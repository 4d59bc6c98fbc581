// Bundles the built CLI (dist/bin.js and what `run` and `compare` load) into one file,
// dist/ksm-sim.js, so that `ksm-sim run` starts without resolving ~150 modules. The
// commands loaded on demand (sweep: worker threads; record: the native helper; report)
// stay separate files beside it.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/bin.js"],
  outfile: "dist/ksm-sim.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["./sweep.js", "./record-command.js", "./report-command.js"],
  logLevel: "warning",
});
