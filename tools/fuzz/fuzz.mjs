#!/usr/bin/env node
/**
 * Differential fuzzer: random scenario-format-v1 scenarios run on this machine's
 * real KSM (the kernel oracle, with the trace) and on the simulator
 * (`node packages/cli/dist/ksm-sim.js run FILE --trace`), compared with
 * fixture-check.py's rules. The first difference is shrunk (every attempt is a
 * new kernel recording) and written to tools/fuzz/out/. Run by hand, as root,
 * on a machine with KSM and no other KSM user; never in CI. See README.md.
 *
 *   node tools/fuzz/fuzz.mjs [--runs N] [--seed S] [--minutes M] [--keep-going]
 *                            [--max-shrink K] [--out DIR] [--verbose]
 *   node tools/fuzz/fuzz.mjs --replay SCENARIO.json [--shrink]
 *   node tools/fuzz/fuzz.mjs --dry|--print [--runs N] [--seed S]   (generator only, no kernel)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
// biome-ignore lint/suspicious/noUndeclaredEnvVars: a tool run by hand, not a turbo task
const ORACLE = process.env.KSM_ORACLE ?? resolve(root, "../shared/tools/kernel-oracle/ksm_oracle.py");
const SIM = resolve(root, "packages/cli/dist/ksm-sim.js");
const KSM = "/sys/kernel/mm/ksm/";
const DEFAULTS = {
  max_page_sharing: 256,
  use_zero_pages: 0,
  smart_scan: 1,
  stable_node_chains_prune_millisecs: 2000,
  merge_across_nodes: 1,
  pages_to_scan: 100,
  sleep_millisecs: 20,
  advisor_mode: "none",
  advisor_max_cpu: 70,
  advisor_min_pages_to_scan: 500,
  advisor_max_pages_to_scan: 30000,
  advisor_target_scan_time: 200,
};

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const a = {
    runs: 100,
    seed: Date.now() % 1_000_000_007,
    minutes: 0,
    keepGoing: false,
    maxShrink: 120,
    verbose: false,
  };
  a.out = join(here, "out");
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) usage(`${k} needs a value`);
      return argv[++i];
    };
    if (k === "--runs") a.runs = Number(v());
    else if (k === "--seed") a.seed = Number(v());
    else if (k === "--minutes") a.minutes = Number(v());
    else if (k === "--keep-going") a.keepGoing = true;
    else if (k === "--max-shrink") a.maxShrink = Number(v());
    else if (k === "--out") a.out = resolve(v());
    else if (k === "--replay") a.replay = resolve(v());
    else if (k === "--shrink") a.shrink = true;
    else if (k === "--verbose") a.verbose = true;
    else if (k === "--dry") a.dry = true;
    else if (k === "--print") a.print = true;
    else if (k === "--help" || k === "-h") usage();
    else usage(`unknown argument ${k}`);
  }
  for (const k of ["runs", "seed", "minutes", "maxShrink"])
    if (!Number.isInteger(a[k]) || a[k] < 0) usage(`--${k} must be a non-negative integer`);
  return a;
}

function usage(msg) {
  if (msg) console.error(`fuzz: ${msg}`);
  console.error(
    "usage: node tools/fuzz/fuzz.mjs [--runs N] [--seed S] [--minutes M] [--keep-going] [--max-shrink K] [--out DIR] [--verbose]\n" +
      "       node tools/fuzz/fuzz.mjs --replay SCENARIO.json [--shrink]",
  );
  process.exit(msg ? 2 : 0);
}

// ---------------------------------------------------------------- random numbers
function mulberry32(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  const weighted = (w) => {
    const entries = Object.entries(w).filter(([, x]) => x > 0);
    let r = next() * entries.reduce((s, [, x]) => s + x, 0);
    for (const [k, x] of entries) if ((r -= x) < 0) return k;
    return entries[entries.length - 1][0];
  };
  return { next, int, pick, chance, weighted };
}

// ---------------------------------------------------------------- generator
/** Tokens: a small alphabet (0 is the zero page) so duplicates, zero pages and chains are common. */
const ALPHABET = [0, 1, 2, 3];

function randomContent(r) {
  const x = r.next();
  if (x < 0.45) return r.pick(ALPHABET);
  if (x < 0.85) return { from: r.pick(ALPHABET), period: r.int(1, 3) };
  return { from: r.int(1000, 1_000_000) }; // all distinct
}

function randomRange(r, pages) {
  if (r.chance(0.4)) return {};
  const start = r.int(0, pages - 1);
  return { start, count: r.int(1, pages - start) };
}

/**
 * A random valid scenario: 1-3 live processes (at most 4 in all), VMAs of 1-24
 * pages (a scenario stays well under 300 pages), NO prctl, NO simulator-only
 * ops, one node. The model tracks which processes are registered with KSM only
 * roughly, to avoid `scan` steps with nothing to scan (the oracle then waits 3 s).
 */
function generate(seed) {
  const r = mulberry32(seed);
  const steps = [];
  const procs = new Map(); // name -> { vmas: Map<name, { pages, merge: boolean[] }>, registered }
  let procCount = 0;
  let vmaCount = 0;
  let totalPages = 0;
  const target = r.int(10, 25);

  const sysfs = {};
  // Time-based chain pruning compares wall-clock time on the kernel with simulated time (100 ms per full
  // scan) in the simulator: pin it to "always" (0) or "never" (10^6 ms) so both agree.
  sysfs.stable_node_chains_prune_millisecs = r.pick([0, 1_000_000]);
  if (r.chance(0.4)) sysfs.max_page_sharing = r.pick([2, 3, 4]);
  if (r.chance(0.3)) sysfs.use_zero_pages = 1;
  if (r.chance(0.3)) sysfs.smart_scan = 0;

  const live = () => [...procs.keys()];
  const spawn = () => {
    const name = `P${procCount++}`;
    procs.set(name, { vmas: new Map(), registered: false });
    steps.push({ op: "spawn", proc: name });
    return name;
  };
  const mmap = (p) => {
    const pages = r.chance(0.8) ? r.int(1, 12) : r.int(13, 24);
    const vma = `v${vmaCount++}`;
    procs.get(p).vmas.set(vma, { pages, merge: new Array(pages).fill(false) });
    totalPages += pages;
    steps.push({ op: "mmap", proc: p, vma, pages });
    return vma;
  };
  const write = (p, v) => {
    const { pages } = procs.get(p).vmas.get(v);
    const rg = randomRange(r, pages);
    const start = rg.start ?? 0;
    steps.push({ op: "write", proc: p, vma: v, start, count: rg.count ?? pages - start, content: randomContent(r) });
  };
  const madvise = (p, v, advice) => {
    const st = procs.get(p);
    const vm = st.vmas.get(v);
    const rg = randomRange(r, vm.pages);
    steps.push({ op: "madvise", proc: p, vma: v, advice, ...rg });
    if (advice !== "dontneed") {
      const s = rg.start ?? 0;
      const e = rg.count === undefined ? vm.pages : s + rg.count;
      for (let i = s; i < e; i++) vm.merge[i] = advice === "mergeable";
      if (advice === "mergeable") st.registered = true;
    }
  };
  const anyVma = () => {
    const choices = [];
    for (const [p, st] of procs) for (const v of st.vmas.keys()) choices.push([p, v]);
    return choices.length ? r.pick(choices) : null;
  };
  const registeredAny = () => [...procs.values()].some((s) => s.registered);

  // a start that merges something
  const p0 = spawn();
  const v0 = mmap(p0);
  write(p0, v0);
  madvise(p0, v0, "mergeable");

  while (steps.length < target) {
    const n = procs.size;
    const op = r.weighted({
      spawn: n < 3 && procCount < 4 ? 2 : 0,
      mmap: n > 0 && totalPages < 150 ? 3 : 0,
      write: n > 0 ? 10 : 0,
      madvise: n > 0 ? 8 : 0,
      fork: n > 0 && n < 3 && procCount < 4 ? 2 : 0,
      exit: n > 1 ? 1 : n === 1 ? 0.3 : 0,
      munmap: n > 0 ? 1 : 0,
      sysfs: 3,
      scan: registeredAny() ? 10 : 0,
      snapshot: 2,
    });
    if (op === "spawn") {
      const p = spawn();
      if (r.chance(0.7)) {
        const v = mmap(p);
        write(p, v);
        madvise(p, v, "mergeable");
      }
    } else if (op === "mmap") {
      const p = r.pick(live());
      if (procs.get(p).vmas.size >= 4) continue;
      const v = mmap(p);
      if (r.chance(0.6)) write(p, v);
    } else if (op === "write" || op === "madvise" || op === "munmap") {
      const pv = anyVma();
      if (!pv) continue;
      const [p, v] = pv;
      if (op === "write") write(p, v);
      else if (op === "madvise") madvise(p, v, r.weighted({ mergeable: 5, unmergeable: 2, dontneed: 2 }));
      else {
        steps.push({ op: "munmap", proc: p, vma: v });
        procs.get(p).vmas.delete(v);
      }
    } else if (op === "fork") {
      const p = r.pick(live());
      const child = `P${procCount++}`;
      const st = procs.get(p);
      const vmas = new Map();
      for (const [v, vm] of st.vmas) {
        vmas.set(v, { pages: vm.pages, merge: [...vm.merge] });
        totalPages += vm.pages;
      }
      procs.set(child, { vmas, registered: st.registered });
      steps.push({ op: "fork", proc: p, child });
    } else if (op === "exit") {
      const p = r.pick(live());
      procs.delete(p);
      steps.push({ op: "exit", proc: p });
    } else if (op === "sysfs") {
      const knob = r.weighted({ max_page_sharing: 3, use_zero_pages: 2, smart_scan: 2, run: 2 });
      const value = knob === "max_page_sharing" ? r.pick([2, 3, 4, 256]) : knob === "run" ? 2 : r.int(0, 1);
      steps.push({ op: "sysfs", knob, value });
    } else if (op === "scan") {
      steps.push({ op: "scan", full_scans: r.chance(0.75) ? 1 : r.int(2, 3) });
      for (const st of procs.values())
        if (!st.vmas.size || ![...st.vmas.values()].some((vm) => vm.merge.some(Boolean))) st.registered = false;
      if (r.chance(0.7)) steps.push({ op: "snapshot" });
    } else if (op === "snapshot") {
      steps.push({ op: "snapshot" });
    }
  }
  if (registeredAny()) steps.push({ op: "scan", full_scans: 1 });
  steps.push({ op: "snapshot", label: "final" });
  return { version: 1, name: `fuzz-${seed}`, description: "random scenario of tools/fuzz", sysfs, steps };
}

// ---------------------------------------------------------------- running both sides
// per process: two fuzzers (or a --dry run beside a real one) must not share input files
const TMP = join(root, "tools/fuzz/out/.tmp", String(process.pid));

function writeJson(path, doc) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(doc, null, 1)}\n`);
}

/** { ok: true, doc } | { ok: false, invalid: bool, error } */
function runSim(scn) {
  const file = join(TMP, "sim-input.json");
  writeJson(file, scn);
  for (let attempt = 0; ; attempt++) {
    const p = spawnSync(process.execPath, [SIM, "run", file, "--trace"], { encoding: "utf8", maxBuffer: 1 << 28 });
    if (p.status === 2 && /invalid scenario/.test(p.stderr))
      return { ok: false, invalid: true, error: p.stderr.trim() };
    if (p.status === 0) {
      try {
        return { ok: true, doc: JSON.parse(p.stdout) };
      } catch {}
    }
    // the dist may be rebuilt by someone else right now: retry a little before calling it a crash
    if (attempt >= 2)
      return { ok: false, invalid: false, error: `exit ${p.status}: ${(p.stderr || p.stdout).trim().slice(-600)}` };
    spawnSync("sleep", ["5"]);
  }
}

let kernelRuns = 0;
/** { ok: true, doc } | { ok: false, error } */
function runKernel(scn) {
  const file = join(TMP, "kernel-input.json");
  writeJson(file, scn);
  kernelRuns++;
  const p = spawnSync("python3", [ORACLE, "--trace", file], { encoding: "utf8", maxBuffer: 1 << 28, timeout: 600_000 });
  if (p.status !== 0) {
    resetKsm();
    return { ok: false, error: `oracle exit ${p.status}: ${p.stderr.trim().split("\n").slice(-3).join(" | ")}` };
  }
  try {
    const doc = JSON.parse(p.stdout);
    if (!Array.isArray(doc.steps) || !Array.isArray(doc.snapshots)) throw new Error("no steps/snapshots");
    return { ok: true, doc };
  } catch (e) {
    resetKsm();
    return { ok: false, error: `oracle output: ${e.message}` };
  }
}

/** After a failed recording: unmerge everything, default knobs, run=0 (as the oracle's reset). */
function resetKsm() {
  const wr = (k, v) => {
    try {
      writeFileSync(KSM + k, String(v));
    } catch {}
  };
  wr("run", 2);
  for (const [k, v] of Object.entries(DEFAULTS)) wr(k, v);
  wr("run", 0);
}

// ---------------------------------------------------------------- comparison (fixture-check.py's rules)
function renamed(trace) {
  const names = new Map();
  const out = [];
  let fresh = 0;
  for (const t of trace ?? []) {
    const ev = t.event;
    const words = [];
    let gone = null;
    for (const w of String(t.args ?? "")
      .split(/\s+/)
      .filter(Boolean)) {
      const i = w.indexOf("=");
      const k = i < 0 ? w : w.slice(0, i);
      const v = i < 0 ? "" : w.slice(i + 1);
      if (k === "rmap_item" || k === "mm") continue;
      if (k === "pfn") {
        if (!names.has(v)) names.set(v, `pfn${fresh++}`);
        words.push(`pfn=${names.get(v)}`);
        if (ev === "ksm_remove_ksm_page") gone = v;
      } else words.push(w);
    }
    out.push([ev, words.join(" ")]);
    if (gone !== null) names.delete(gone);
  }
  return out;
}

const fmt = (x) => JSON.stringify(x);

/** The first difference as { kind, message } or null; kind is what shrinking keeps. */
function firstDifference(exp, got) {
  const es = exp.steps.map((s) => [s.op, String(s.result)]);
  const gs = (got.steps ?? []).map((s) => [s.op, String(s.result)]);
  for (let i = 0; i < Math.min(es.length, gs.length); i++)
    if (es[i][0] !== gs[i][0] || es[i][1] !== gs[i][1])
      return { kind: `step:${es[i][0]}`, message: `step ${i}: kernel ${fmt(es[i])}, simulator ${fmt(gs[i])}` };
  if (es.length !== gs.length)
    return { kind: "step-count", message: `kernel has ${es.length} steps, simulator ${gs.length}` };
  const gsn = got.snapshots ?? [];
  if (gsn.length !== exp.snapshots.length)
    return { kind: "snapshot-count", message: `kernel has ${exp.snapshots.length} snapshots, simulator ${gsn.length}` };
  for (let i = 0; i < gsn.length; i++) {
    const e = exp.snapshots[i];
    const g = gsn[i];
    for (const [k, v] of Object.entries(e.ksm))
      if (g.ksm?.[k] !== v)
        return { kind: `ksm:${k}`, message: `snapshot '${e.label}': ${k} kernel ${v}, simulator ${g.ksm?.[k]}` };
    for (const [p, st] of Object.entries(e.procs))
      for (const [k, v] of Object.entries(st))
        if (g.procs?.[p]?.[k] !== v)
          return {
            kind: `procs:${k}`,
            message: `snapshot '${e.label}': ${p}.${k} kernel ${v}, simulator ${g.procs?.[p]?.[k]}`,
          };
  }
  const et = renamed(exp.trace);
  const gt = renamed(got.trace);
  for (let i = 0; i < Math.min(et.length, gt.length); i++)
    if (et[i][0] !== gt[i][0] || et[i][1] !== gt[i][1])
      return { kind: "trace", message: `trace event ${i}: kernel ${fmt(et[i])}, simulator ${fmt(gt[i])}` };
  if (et.length !== gt.length)
    return { kind: "trace-length", message: `kernel traced ${et.length} events, simulator ${gt.length}` };
  return null;
}

/**
 * Run one scenario on both sides. Returns { status: "invalid" | "kernel-error" | "same" | "diff", ... }.
 * A simulator crash (not an invalid scenario) counts as a difference.
 */
function check(scn) {
  const sim = runSim(scn);
  if (!sim.ok && sim.invalid) return { status: "invalid", error: sim.error };
  const ker = runKernel(scn);
  if (!ker.ok) return { status: "kernel-error", error: ker.error };
  if (!sim.ok) return { status: "diff", diff: { kind: "sim-crash", message: sim.error }, kernel: ker.doc, sim: null };
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: a tool run by hand, not a turbo task
  if (process.env.FUZZ_INJECT_BUG) {
    // self-test of the shrinker: pretend the simulator miscounts pages_sharing >= 3
    for (const s of sim.doc.snapshots) if (s.ksm.pages_sharing >= 3) s.ksm.pages_sharing++;
  }
  const d = firstDifference(ker.doc, sim.doc);
  return d
    ? { status: "diff", diff: d, kernel: ker.doc, sim: sim.doc }
    : { status: "same", kernel: ker.doc, sim: sim.doc };
}

// ---------------------------------------------------------------- shrinking
const clone = (x) => JSON.parse(JSON.stringify(x));

/** Names of `p` and every process forked (transitively) from it. */
function family(steps, p) {
  const fam = new Set([p]);
  for (const s of steps) if (s.op === "fork" && fam.has(s.proc)) fam.add(s.child);
  return fam;
}

function* candidates(scn) {
  const steps = scn.steps;
  // 1. drop a whole process (and what it forked)
  const names = steps.filter((s) => s.op === "spawn").map((s) => s.proc);
  const forked = steps.filter((s) => s.op === "fork").map((s) => s.child);
  for (const p of [...forked.reverse(), ...names.reverse()]) {
    const fam = family(steps, p);
    yield {
      ...clone(scn),
      steps: steps.filter((s) => !(fam.has(s.proc) || (s.op === "fork" && fam.has(s.child)))).map(clone),
    };
  }
  // 2. drop chunks of steps, big to small
  for (let size = Math.max(1, steps.length >> 1); size >= 1; size = size >> 1) {
    for (let i = steps.length - size; i >= 0; i -= size) {
      const c = clone(scn);
      c.steps.splice(i, size);
      if (c.steps.length) yield c;
    }
    if (size === 1) break;
  }
  // 3. drop initial sysfs knobs
  for (const k of Object.keys(scn.sysfs ?? {})) {
    const c = clone(scn);
    delete c.sysfs[k];
    yield c;
  }
  // 4. smaller numbers: full_scans, VMA sizes (ranges clamped), range counts, contents
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.op === "scan" && s.full_scans > 1) {
      const c = clone(scn);
      c.steps[i].full_scans = s.full_scans - 1;
      yield c;
    }
    if (s.op === "mmap" && s.pages > 1) {
      for (const n of [...new Set([Math.ceil(s.pages / 2), s.pages - 1])]) {
        const c = clone(scn);
        c.steps[i].pages = n;
        const fam = family(steps.slice(i), s.proc);
        for (let j = i + 1; j < c.steps.length; j++) {
          const t = c.steps[j];
          if (t.vma !== s.vma || !fam.has(t.proc) || !("start" in t || "count" in t)) continue;
          const start = Math.min(t.start ?? 0, n - 1);
          if ("start" in t) t.start = start;
          if ("count" in t) t.count = Math.max(1, Math.min(t.count, n - start));
        }
        yield c;
      }
    }
    if ((s.op === "write" || s.op === "madvise") && (s.count ?? 0) > 1) {
      const c = clone(scn);
      c.steps[i].count = s.count >> 1;
      yield c;
    }
    if (s.op === "madvise" && ("start" in s || "count" in s)) {
      const c = clone(scn);
      delete c.steps[i].start;
      delete c.steps[i].count;
      yield c;
    }
    if (s.op === "write" && typeof s.content === "object") {
      const c = clone(scn);
      c.steps[i].content = s.content.from;
      yield c;
    }
  }
}

function shrink(scn, diff, opts, log) {
  let best = scn;
  let bestRes = null;
  let attempts = 0;
  let progress = true;
  while (progress && attempts < opts.maxShrink) {
    progress = false;
    for (const cand of candidates(best)) {
      if (attempts >= opts.maxShrink) break;
      const sim = runSim(cand);
      if (!sim.ok && sim.invalid) continue; // not a valid scenario: costs no kernel run
      attempts++;
      const res = check(cand);
      if (res.status === "diff" && res.diff.kind === diff.kind) {
        best = cand;
        bestRes = res;
        progress = true;
        log(`  shrink: ${best.steps.length} steps (${attempts} kernel runs): ${res.diff.message}`);
        break;
      }
    }
  }
  return { scenario: best, result: bestRes, attempts };
}

// ---------------------------------------------------------------- main
function preflight() {
  if (process.getuid?.() !== 0) {
    console.error("fuzz: needs root (the kernel oracle writes /sys/kernel/mm/ksm)");
    process.exit(2);
  }
  if (!existsSync(KSM)) {
    console.error("fuzz: this kernel has no KSM (/sys/kernel/mm/ksm is missing)");
    process.exit(2);
  }
  if (!existsSync(ORACLE)) {
    console.error(`fuzz: kernel oracle not found at ${ORACLE} (set KSM_ORACLE)`);
    process.exit(2);
  }
  if (!existsSync(SIM)) {
    console.error(`fuzz: ${SIM} is missing: run \`npx -y pnpm@10 run build\` first`);
    process.exit(2);
  }
}

function saveFinding(dir, original, origRes, min) {
  mkdirSync(dir, { recursive: true });
  writeJson(join(dir, "original.json"), original);
  writeJson(join(dir, "original-kernel.json"), origRes.kernel);
  if (origRes.sim) writeJson(join(dir, "original-sim.json"), origRes.sim);
  const m = min.result ?? origRes;
  writeJson(join(dir, "minimal.json"), min.scenario);
  writeJson(join(dir, "minimal-kernel.json"), m.kernel);
  if (m.sim) writeJson(join(dir, "minimal-sim.json"), m.sim);
  // confirm the minimal difference is not kernel noise: record it twice more
  const again = [runKernel(min.scenario), runKernel(min.scenario)];
  const stable = again.every((r) => r.ok && firstDifference(m.kernel, r.doc) === null);
  writeFileSync(
    join(dir, "difference.txt"),
    `original: ${origRes.diff.message}\nminimal (${min.scenario.steps.length} steps): ${m.diff.message}\n` +
      `kernel reproducible on 2 more recordings: ${stable}\n`,
  );
  return { minimal: m.diff.message, stable };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  preflight();
  mkdirSync(TMP, { recursive: true });
  process.on("exit", () => rmSync(TMP, { recursive: true, force: true }));
  let interrupted = false;
  process.on("SIGINT", () => {
    interrupted = true;
  });
  const log = (m) => console.log(m);

  if (opts.dry || opts.print) {
    // generator check without the kernel: every scenario must be valid for the simulator
    let bad = 0;
    for (let i = 0; i < opts.runs; i++) {
      const seed = (opts.seed * 1000003 + i) >>> 0;
      const scn = generate(seed);
      if (opts.print) {
        log(JSON.stringify(scn));
        continue;
      }
      const sim = runSim(scn);
      if (!sim.ok) {
        bad++;
        log(`seed ${seed}: ${sim.invalid ? "invalid" : "simulator crash"}: ${sim.error}`);
      }
    }
    if (opts.dry) log(`fuzz --dry: ${opts.runs - bad}/${opts.runs} generated scenarios run on the simulator`);
    process.exit(bad ? 1 : 0);
  }

  if (opts.replay) {
    const scn = JSON.parse(readFileSync(opts.replay, "utf8"));
    const res = check(scn);
    log(`${opts.replay}: ${res.status}${res.diff ? `: ${res.diff.message}` : res.error ? `: ${res.error}` : ""}`);
    if (res.status === "diff" && opts.shrink) {
      const min = shrink(scn, res.diff, opts, log);
      const dir = join(opts.out, `replay-${Date.now()}`);
      const f = saveFinding(dir, scn, res, min);
      log(`minimal scenario in ${dir} (${f.minimal}; kernel reproducible: ${f.stable})`);
    }
    resetKsm();
    process.exit(res.status === "same" ? 0 : 1);
  }

  const t0 = Date.now();
  const stats = { same: 0, diff: 0, invalid: 0, kernelError: 0, streak: 0, bestStreak: 0 };
  const seen = new Map(); // difference kind -> finding dir
  log(`fuzz: seed ${opts.seed}, ${opts.runs} runs${opts.minutes ? `, at most ${opts.minutes} min` : ""}`);
  for (let i = 0; i < opts.runs && !interrupted; i++) {
    if (opts.minutes && Date.now() - t0 > opts.minutes * 60_000) break;
    const seed = (opts.seed * 1000003 + i) >>> 0;
    const scn = generate(seed);
    const res = check(scn);
    if (res.status === "invalid") {
      stats.invalid++;
      writeJson(join(opts.out, "invalid", `${seed}.json`), scn);
      log(`run ${i} seed ${seed}: INVALID (generator bug): ${res.error.split("\n").slice(0, 3).join(" ")}`);
      continue;
    }
    if (res.status === "kernel-error") {
      stats.kernelError++;
      writeJson(join(opts.out, "kernel-errors", `${seed}.json`), scn);
      log(`run ${i} seed ${seed}: kernel oracle failed: ${res.error}`);
      continue;
    }
    if (res.status === "same") {
      stats.same++;
      stats.streak++;
      stats.bestStreak = Math.max(stats.bestStreak, stats.streak);
      if (opts.verbose || i % 10 === 0)
        log(`run ${i} seed ${seed}: same (${scn.steps.length} steps; ${stats.streak} in a row)`);
      continue;
    }
    stats.diff++;
    stats.streak = 0;
    log(`run ${i} seed ${seed}: DIFFERENCE: ${res.diff.message}`);
    // is the kernel side reproducible?
    const again = runKernel(scn);
    if (again.ok && firstDifference(res.kernel, again.doc) !== null) {
      const dir = join(opts.out, `nondeterministic-${seed}`);
      writeJson(join(dir, "scenario.json"), scn);
      writeJson(join(dir, "kernel-1.json"), res.kernel);
      writeJson(join(dir, "kernel-2.json"), again.doc);
      log(
        `  the kernel gives another result on a second recording: ${firstDifference(res.kernel, again.doc).message}; saved in ${dir}`,
      );
      continue;
    }
    const dir = join(opts.out, `diff-${seed}`);
    if (seen.has(res.diff.kind)) {
      mkdirSync(dir, { recursive: true });
      writeJson(join(dir, "original.json"), scn);
      writeJson(join(dir, "original-kernel.json"), res.kernel);
      if (res.sim) writeJson(join(dir, "original-sim.json"), res.sim);
      log(`  same kind (${res.diff.kind}) as ${seen.get(res.diff.kind)}: saved unshrunk in ${dir}`);
    } else {
      const min = shrink(scn, res.diff, opts, log);
      const f = saveFinding(dir, scn, res, min);
      seen.set(res.diff.kind, dir);
      log(
        `  minimal (${min.scenario.steps.length} steps, ${min.attempts} shrink runs, kernel reproducible: ${f.stable}): ${f.minimal}`,
      );
      log(`  saved in ${dir}`);
    }
    if (!opts.keepGoing) break;
  }
  resetKsm();
  const mins = ((Date.now() - t0) / 60000).toFixed(1);
  log(
    `fuzz: ${stats.same} same, ${stats.diff} different, ${stats.invalid} invalid, ${stats.kernelError} oracle failures; ` +
      `longest run without a difference ${stats.bestStreak}; ${kernelRuns} kernel recordings in ${mins} min`,
  );
  process.exit(stats.diff ? 1 : 0);
}

main();
