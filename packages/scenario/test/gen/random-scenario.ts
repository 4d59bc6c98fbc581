/**
 * A fast-check arbitrary of valid v1 scenarios (validateScenario accepts
 * every one) for property tests of the engine.
 *
 * fast-check draws a list of abstract commands, each an op and a few raw
 * numbers; a fold over them, keeping a model of the live processes, their
 * VMAs and the pins held, turns each command into a step that is valid at
 * that point (a command that needs a process or VMA that does not exist
 * becomes the spawn or mmap that makes one, or is dropped). So every
 * shrink of the command list still gives a valid scenario, and the printed
 * counterexample is the scenario itself.
 *
 * A run=2 write sometimes carries a `during` entry (one, so that its steps
 * run in the order written) made of the commands that follow it.
 *
 * Steps: spawn, mmap (on node 0 or 1 of a 2-node machine at times), write
 * (whole VMAs or ranges; one token, a period, or all distinct), madvise
 * mergeable / unmergeable / dontneed (whole VMAs or ranges), fork, exit,
 * munmap, prctl, sysfs writes (max_page_sharing 2..6, use_zero_pages,
 * smart_scan, run 0 or 2, stable_node_chains_prune_millisecs 0/100/2000,
 * merge_across_nodes), scan (1 to 3 full scans), snapshot, and the
 * simulator-only swapout, swapin, pin, unpin, migrate (and, when asked,
 * offline). A mmap is often followed at once by a write of the whole VMA and
 * its madvise mergeable, so that merging is common.
 *
 * The scenarios are small (1 to 4 processes, VMAs of 1 to 64 pages) and
 * written from a small alphabet of tokens (0 included) so that duplicates,
 * zero pages and max_page_sharing chains are common. Every 2013 fix stays on.
 */
import fc from "fast-check";
import type { Content, DuringEntry, MmapStep, Scenario, Step, SysfsStep } from "../../src/index.js";

export interface RandomScenarioOptions {
  /** Commands drawn (default 40); a final snapshot is added. */
  readonly maxCommands?: number;
  /** Processes created in all, by spawn or fork (default 4). */
  readonly maxProcs?: number;
  /** Include swapout, swapin, pin, unpin and migrate (default true). */
  readonly simulatorOnly?: boolean;
  /**
   * Use a 2-node topology (then `node` on mmaps, migrations between nodes,
   * merge_across_nodes writes): sometimes (true, the default), never
   * (false) or always ("always").
   */
  readonly numa?: boolean | "always";
  /**
   * Also hot-remove node 1 of a 2-node machine, once (default false). Afterwards
   * nothing is placed there: no mmap or migrate to node 1, and no step that
   * faults pages into a VMA bound to it (write, swapin, pin).
   */
  readonly offline?: boolean;
  /**
   * Lower max_page_sharing (2 to 6) at times, so that chains of dups form
   * (default true). Which stale dups and chains a stable-tree descent prunes
   * depends on the tree's shape, so with chains the backends may differ.
   */
  readonly chains?: boolean;
}

const OPS = [
  "spawn",
  "mmap",
  "write",
  "madvise",
  "fork",
  "exit",
  "munmap",
  "sysfs",
  "scan",
  "snapshot",
  "prctl",
  "swapout",
  "swapin",
  "pin",
  "unpin",
  "migrate",
  "offline",
] as const;
type CmdOp = (typeof OPS)[number];

const WEIGHTS: Record<CmdOp, number> = {
  spawn: 2,
  mmap: 4,
  write: 16,
  madvise: 12,
  fork: 3,
  exit: 1,
  munmap: 2,
  sysfs: 6,
  scan: 14,
  snapshot: 3,
  prctl: 1,
  swapout: 2,
  swapin: 2,
  pin: 2,
  unpin: 2,
  migrate: 2,
  offline: 1,
};
const SIMULATOR_ONLY: readonly CmdOp[] = ["swapout", "swapin", "pin", "unpin", "migrate", "offline"];

/** One abstract command: an op and raw numbers the fold reads as choices. */
export interface Command {
  readonly op: CmdOp;
  readonly r: readonly [number, number, number, number, number, number];
}

/** Everything drawn for one scenario. */
export interface Draw {
  readonly twoNodes: boolean;
  readonly initial: { readonly mps?: number | undefined; readonly zero?: boolean; readonly smart?: boolean };
  readonly commands: readonly Command[];
}

/** Tokens: a small alphabet, 0 (the zero page) included. */
const TOKENS = [0, 1, 2, 3, 4, 5];
const VMA_PAGES = [1, 2, 3, 4, 5, 8, 12, 16, 24, 32, 48, 64];

function commandArb(ops: readonly CmdOp[]): fc.Arbitrary<Command> {
  const nat = fc.nat({ max: 0xffff });
  return fc.record({
    op: fc.oneof(...ops.map((op) => ({ arbitrary: fc.constant(op), weight: WEIGHTS[op] }))),
    r: fc.tuple(nat, nat, nat, nat, nat, nat),
  });
}

/** The raw draw; `buildScenario` turns it into a scenario. */
export function drawArb(options: RandomScenarioOptions = {}): fc.Arbitrary<Draw> {
  const ops = OPS.filter(
    (op) =>
      (options.simulatorOnly !== false || !SIMULATOR_ONLY.includes(op)) &&
      (op !== "offline" || options.offline === true),
  );
  return fc.record({
    twoNodes:
      options.numa === false ? fc.constant(false) : options.numa === "always" ? fc.constant(true) : fc.boolean(),
    initial: fc.record(
      {
        mps: options.chains === false ? fc.constant(undefined) : fc.integer({ min: 2, max: 6 }),
        zero: fc.boolean(),
        smart: fc.boolean(),
      },
      { requiredKeys: ["zero"] },
    ),
    commands: fc.array(commandArb(ops), { minLength: 1, maxLength: options.maxCommands ?? 40, size: "max" }),
  });
}

/** Valid v1 scenarios. */
export function randomScenario(options: RandomScenarioOptions = {}): fc.Arbitrary<Scenario> {
  return drawArb(options).map((d) => buildScenario(d, options));
}

interface VmaModel {
  readonly name: string;
  readonly pages: number;
  /** The node its pages are bound to (undefined: local, node 0). */
  readonly node?: number;
}
interface ProcModel {
  readonly name: string;
  vmas: VmaModel[];
}

/** The fold: commands to valid steps. */
export function buildScenario(draw: Draw, options: RandomScenarioOptions = {}): Scenario {
  const maxProcs = options.maxProcs ?? 4;
  const nodes = draw.twoNodes ? 2 : 1;
  const steps: Step[] = [];
  const procs: ProcModel[] = []; // alive
  let created = 0;
  let vmaNames = 0;
  let pinNames = 0;
  let snapshots = 0;
  const pins: string[] = [];
  let node1Offline = false;
  /** Nodes that can still take pages. */
  const onlineNodes = () => (nodes > 1 && !node1Offline ? nodes : 1);

  const pick = <T>(xs: readonly T[], r: number): T => xs[r % xs.length]!;
  /** While a run=2 write collects the steps of its `during` entry: where they go, and how many more. */
  let during: { step: SysfsStep; steps: Step[]; left: number } | null = null;
  const closeDuring = () => {
    if (during !== null && during.steps.length === 0) delete during.step.during;
    during = null;
  };
  const emit = (step: Step) => {
    (during !== null ? during.steps : steps).push(step);
  };

  const spawn = (): ProcModel | null => {
    if (created >= maxProcs) return null;
    const p: ProcModel = { name: `P${created++}`, vmas: [] };
    procs.push(p);
    emit({ op: "spawn", proc: p.name });
    return p;
  };
  const mmap = (p: ProcModel, r: Command["r"]): VmaModel => {
    const node = onlineNodes() > 1 && r[2] % 3 !== 0 ? (r[2] % 3) - 1 : undefined;
    const v: VmaModel = {
      name: `v${vmaNames++}`,
      pages: pick(VMA_PAGES, r[1]),
      ...(node !== undefined ? { node } : {}),
    };
    p.vmas.push(v);
    const step: MmapStep = { op: "mmap", proc: p.name, vma: v.name, pages: v.pages };
    if (node !== undefined) step.node = node;
    emit(step);
    if (r[3] % 3 !== 0) {
      // the common use: fill it and offer it to KSM at once
      emit({ op: "write", proc: p.name, vma: v.name, content: content(r[4], r[5], r[3]) });
      emit({ op: "madvise", proc: p.name, vma: v.name, advice: "mergeable" });
    }
    return v;
  };
  /** A live process (spawning one if none). */
  const someProc = (r: number): ProcModel | null => (procs.length > 0 ? pick(procs, r) : spawn());
  /** A live VMA; mapping one (and spawning a process) when there is none. Null when it could not. */
  const someVma = (r: Command["r"], faults: boolean): { p: ProcModel; v: VmaModel } | null => {
    const usable = (v: VmaModel) => !(faults && node1Offline && v.node === 1);
    const withVmas = procs.filter((p) => p.vmas.some(usable));
    if (withVmas.length > 0) {
      const p = pick(withVmas, r[0]);
      return { p, v: pick(p.vmas.filter(usable), r[1]) };
    }
    const p = someProc(r[0]);
    if (p !== null) mmap(p, r);
    return null; // the mmap (or spawn) was this command's step
  };
  /** start/count fields for a range of `v`: the whole VMA, from a page, or a span. */
  const range = (v: VmaModel, a: number, b: number, c: number): { start?: number; count?: number } => {
    switch (a % 5) {
      case 0:
      case 1:
        return {};
      case 2:
        return { start: b % v.pages };
      case 3: {
        const start = b % v.pages;
        return { start, count: 1 + (c % (v.pages - start)) };
      }
      default:
        return { count: 1 + (b % v.pages) };
    }
  };
  function content(a: number, b: number, c: number): Content {
    switch (a % 4) {
      case 0:
      case 1:
        return pick(TOKENS, b);
      case 2:
        return { from: pick(TOKENS, b), period: 1 + (c % 3) };
      default:
        return { from: pick(TOKENS, b) };
    }
  }

  for (const { op, r } of draw.commands) {
    // scan, offline and sysfs writes cannot run inside the unmerge pass: they end the during list
    if (during !== null && (op === "scan" || op === "offline" || op === "sysfs")) closeDuring();
    const inDuring = during !== null;
    switch (op) {
      case "spawn":
        spawn();
        break;
      case "mmap": {
        const p = someProc(r[0]);
        if (p !== null) mmap(p, r);
        break;
      }
      case "fork": {
        const p = someProc(r[0]);
        if (p === null || created >= maxProcs) break;
        const child: ProcModel = { name: `P${created++}`, vmas: p.vmas.map((v) => ({ ...v })) };
        procs.push(child);
        emit({ op: "fork", proc: p.name, child: child.name });
        break;
      }
      case "exit": {
        if (procs.length === 0) break;
        const i = r[0] % procs.length;
        emit({ op: "exit", proc: procs[i]!.name });
        procs.splice(i, 1);
        break;
      }
      case "prctl": {
        const p = someProc(r[0]);
        if (p !== null) emit({ op: "prctl", proc: p.name, merge_any: r[1] % 2 === 0 });
        break;
      }
      case "write":
      case "madvise":
      case "munmap":
      case "swapout":
      case "swapin":
      case "pin":
      case "migrate": {
        const at = someVma(r, op === "write" || op === "swapin" || op === "pin");
        if (at === null) break;
        const { p, v } = at;
        const base = { proc: p.name, vma: v.name };
        if (op === "munmap") {
          emit({ op: "munmap", ...base });
          p.vmas = p.vmas.filter((x) => x !== v);
        } else if (op === "write") {
          emit({ op: "write", ...base, ...range(v, r[2], r[3], r[4]), content: content(r[5], r[4], r[3]) });
        } else if (op === "madvise") {
          const advice = pick(["mergeable", "mergeable", "mergeable", "unmergeable", "dontneed", "dontneed"], r[5]);
          // mostly whole VMAs for merge advice, ranges otherwise
          const whole = advice === "mergeable" ? r[2] % 4 !== 0 : r[2] % 3 === 0;
          emit({
            op: "madvise",
            ...base,
            advice: advice as "mergeable" | "unmergeable" | "dontneed",
            ...(whole ? {} : range(v, 2 + (r[3] % 3), r[4], r[5])),
          });
        } else if (op === "pin") {
          const id = `pin${pinNames++}`;
          pins.push(id);
          emit({ op: "pin", ...base, ...range(v, r[2], r[3], r[4]), id });
        } else if (op === "migrate") {
          emit({ op: "migrate", ...base, ...range(v, r[2], r[3], r[4]), node: r[5] % onlineNodes() });
        } else {
          emit({ op: op as "swapout" | "swapin", ...base, ...range(v, r[2], r[3], r[4]) });
        }
        break;
      }
      case "unpin": {
        if (pins.length === 0) break;
        const i = r[0] % pins.length;
        emit({ op: "unpin", id: pins[i]! });
        pins.splice(i, 1);
        break;
      }
      case "offline":
        if (nodes > 1 && !node1Offline) {
          node1Offline = true;
          emit({ op: "offline", node: 1 });
        }
        break;
      case "sysfs": {
        const step = sysfsStep(r, nodes, options.chains !== false);
        emit(step);
        if (step.knob === "run" && step.value === 2 && procs.length > 0 && r[2] % 2 === 0) {
          // steps run by the unmerge pass right after it has finished with one process
          const entry: DuringEntry = { after_mm: pick(procs, r[3]).name, steps: [] };
          step.during = [entry];
          during = { step, steps: entry.steps, left: 1 + (r[4] % 3) };
        }
        break;
      }
      case "scan":
        emit({ op: "scan", full_scans: 1 + (r[0] % 3) });
        break;
      case "snapshot":
        emit({ op: "snapshot", label: `s${snapshots++}` });
        break;
    }
    if (inDuring && during !== null && --during.left === 0) closeDuring();
  }
  closeDuring();
  steps.push({ op: "snapshot", label: "end" });

  const scenario: Scenario = { version: 1, name: "random", steps };
  if (nodes > 1) scenario.topology = { nodes };
  const sysfs: NonNullable<Scenario["sysfs"]> = {};
  if (draw.initial.mps !== undefined) sysfs.max_page_sharing = draw.initial.mps;
  if (draw.initial.zero !== undefined) sysfs.use_zero_pages = draw.initial.zero ? 1 : 0;
  if (draw.initial.smart !== undefined) sysfs.smart_scan = draw.initial.smart ? 1 : 0;
  if (Object.keys(sysfs).length > 0) scenario.sysfs = sysfs;
  return scenario;
}

function sysfsStep(r: Command["r"], nodes: number, chains: boolean): SysfsStep {
  const knobs = [
    "max_page_sharing",
    "max_page_sharing",
    "use_zero_pages",
    "smart_scan",
    "run",
    "run",
    "stable_node_chains_prune_millisecs",
    "merge_across_nodes",
  ] as const;
  const knob = knobs[r[0] % (nodes > 1 ? knobs.length + 2 : knobs.length)] ?? "merge_across_nodes";
  switch (knob) {
    case "max_page_sharing":
      if (!chains) return { op: "sysfs", knob: "smart_scan", value: r[1] % 2 };
      return { op: "sysfs", knob, value: 2 + (r[1] % 5) };
    case "use_zero_pages":
    case "smart_scan":
    case "merge_across_nodes":
      return { op: "sysfs", knob, value: r[1] % 2 };
    case "run":
      return { op: "sysfs", knob, value: r[1] % 3 === 0 ? 0 : 2 };
    case "stable_node_chains_prune_millisecs":
      return { op: "sysfs", knob, value: pick3([0, 100, 2000], r[1]) };
  }
}

function pick3(xs: readonly number[], r: number): number {
  return xs[r % xs.length]!;
}
