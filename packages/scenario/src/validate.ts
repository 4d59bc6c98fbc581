/**
 * validateScenario: every rule of scenario format v1 that can be judged before
 * anything runs. Two kinds of checks, reported together in document order:
 *
 * - structural: JSON types, required and unknown fields, value ranges, knob
 *   names, ACPI SLIT distances, initial sysfs writes that would fail;
 * - static: the process and VMA namespace simulated through the steps
 *   (spawn, fork, exit, mmap, munmap, pins, `during` lists), so a step that
 *   names a process or VMA that does not exist at that point, reaches pages
 *   outside a VMA, or unpins an id not held, is rejected with its path.
 */
import { ErrorList, pathJoin, type ScenarioError, show } from "./errors.js";
import { mmapSlots, slotAddress } from "./layout.js";
import { initialWriteErrno, runValue } from "./sysfs-text.js";
import {
  ADVICES,
  type Content,
  FIX_NAMES,
  KNOBS,
  MAX_MACHINE_PAGES,
  MAX_NODES,
  MAX_PAGES_PER_NODE,
  MAX_VMA_PAGES,
  MIN_MAP_ADDRESS,
  MUTEX_KNOBS,
  OPS,
  type Op,
  PAGE_SIZE,
  type Scenario,
  TOKEN_LIMIT,
  USER_ADDRESS_LIMIT,
  WRITABLE_KNOBS,
} from "./types.js";
import { AtMsChecker, checkTimedFields, WorkloadIds } from "./validate-timed.js";

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** The fields of each op: required first, then optional, in the order the format lists them. */
const FIELDS: Record<Op, { required: readonly string[]; optional: readonly string[] }> = {
  spawn: { required: ["proc"], optional: [] },
  mmap: { required: ["proc", "vma", "pages"], optional: ["node", "address"] },
  munmap: { required: ["proc", "vma"], optional: [] },
  write: { required: ["proc", "vma", "content"], optional: ["start", "count"] },
  madvise: { required: ["proc", "vma", "advice"], optional: ["start", "count"] },
  prctl: { required: ["proc", "merge_any"], optional: [] },
  fork: { required: ["proc", "child"], optional: [] },
  exit: { required: ["proc"], optional: [] },
  sysfs: { required: ["knob", "value"], optional: ["during"] },
  scan: { required: ["full_scans"], optional: [] },
  snapshot: { required: [], optional: ["label"] },
  migrate: { required: ["proc", "vma", "node"], optional: ["start", "count"] },
  swapout: { required: ["proc", "vma"], optional: ["start", "count"] },
  swapin: { required: ["proc", "vma"], optional: ["start", "count"] },
  pin: { required: ["proc", "vma", "id"], optional: ["start", "count"] },
  unpin: { required: ["id"], optional: [] },
  offline: { required: ["node"], optional: [] },
  run_for: { required: ["ms"], optional: [] },
  workload: { required: ["proc", "vma", "pages_per_sec", "seed", "content"], optional: ["start", "count", "id"] },
  workload_stop: { required: ["id"], optional: [] },
};

const TOP_FIELDS = ["$schema", "version", "name", "description", "topology", "sysfs", "fixes", "steps"];
const NAME_RULE = "must be a name of 1 to 63 characters without white space or '/'";
const NAME_RE = /^[^\s/]{1,63}$/u;
const LOCAL_DISTANCE = 10;
const MAX_DISTANCE = 254;
/** Steps that wait for ksm_thread_mutex (held by the unmerge pass) or need ksmd: never inside `during`. */
const NOT_DURING: Partial<Record<Op, string>> = {
  scan: "ksmd cannot scan while the unmerge pass holds ksm_thread_mutex",
  offline: "memory hot-remove takes ksm_thread_mutex, which the unmerge pass holds",
  run_for: "ksmd cannot run while the unmerge pass holds ksm_thread_mutex",
  workload: "workloads run on ksmd's clock, which stands still during the unmerge pass",
  workload_stop: "workloads run on ksmd's clock, which stands still during the unmerge pass",
};

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v);
}

interface Vma {
  /** Undefined when the mmap step had errors: ranges in it are then not checked (no cascading errors). */
  pages: number | undefined;
  address: number | undefined;
  /** Where it was mapped (a path), for messages. */
  at: string;
}

interface Proc {
  alive: boolean;
  vmas: Map<string, Vma>;
  /** VMA name → path of the munmap that removed it (for messages). */
  unmapped: Map<string, string>;
  /** mmaps so far, counting the parent's before a fork. */
  mmaps: number;
  /** The next free default-address slot: ceil(pages / 2^20) per mmap so far, counting the parent's before a fork. */
  slot: number;
  /** Path of the step that created it, and of its exit. */
  createdAt: string;
  exitedAt?: string;
  /** Its place in KSM's mm list (order of registration), or -1 while not registered. */
  registered: number;
}

/** The process/VMA/pin namespace, simulated step by step. */
class Namespace {
  readonly procs = new Map<string, Proc>();
  /** Pin id → path of the pin step that holds it. */
  readonly pins = new Map<string, string>();
  /** Pin id → path of the unpin step that released it (for messages). */
  readonly released = new Map<string, string>();
  /** Registrations so far (the next place in the mm list). */
  registrations = 0;

  /** __ksm_enter: a new mm goes behind the cursor, which is the tail between scans. */
  register(p: Proc): void {
    if (p.alive && p.registered < 0) p.registered = this.registrations++;
  }
}

class Checker {
  list = new ErrorList();

  /** Runs `fn` with its errors going to `list`. */
  into(list: ErrorList, fn: () => void): void {
    const saved = this.list;
    this.list = list;
    try {
      fn();
    } finally {
      this.list = saved;
    }
  }
  readonly ns = new Namespace();
  readonly workloads = new WorkloadIds(this.list);
  nodes = 1;

  // ---- structural helpers -------------------------------------------------------------------------

  /** Reports unknown fields of `obj`; `known` in the order messages list them. */
  unknownFields(obj: Obj, path: string, known: readonly string[], what: string): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        this.list.add(pathJoin(path, key), "unknown-field", `unknown field ${what} (expected ${known.join(", ")})`);
      }
    }
  }

  name(v: unknown, path: string): string | undefined {
    if (typeof v !== "string" || !NAME_RE.test(v)) {
      this.list.bad(path, typeof v === "string" ? "value" : "type", NAME_RULE, v);
      return undefined;
    }
    return v;
  }

  int(v: unknown, path: string, min: number, max: number, rule: string): number | undefined {
    if (!isInt(v)) {
      this.list.bad(path, "type", rule, v);
      return undefined;
    }
    if (v < min || v > max) {
      this.list.bad(path, "range", rule, v);
      return undefined;
    }
    return v;
  }

  node(v: unknown, path: string): number | undefined {
    const n = this.int(v, path, 0, MAX_NODES - 1, `must be a node id (an integer from 0 to ${MAX_NODES - 1})`);
    if (n === undefined) return undefined;
    if (n >= this.nodes) {
      this.list.bad(
        path,
        "topology",
        `must be a node of the topology (0 to ${this.nodes - 1}; topology.nodes is ${this.nodes})`,
        n,
      );
      return undefined;
    }
    return n;
  }

  /** A token, or `{ from, period? }`; returns it when well-formed (range checked later with the count). */
  content(v: unknown, path: string): Content | undefined {
    const tokenRule = "must be a token (an integer from 0 to 2^32 - 1)";
    if (typeof v === "number") return this.int(v, path, 0, TOKEN_LIMIT - 1, tokenRule);
    if (!isObject(v)) {
      this.list.bad(path, "type", "must be a token or an object { from, period? }", v);
      return undefined;
    }
    this.unknownFields(v, path, ["from", "period"], "of content");
    let ok = true;
    if (!("from" in v)) {
      this.list.add(pathJoin(path, "from"), "required", "is required in a content object");
      ok = false;
    } else if (this.int(v.from, pathJoin(path, "from"), 0, TOKEN_LIMIT - 1, tokenRule) === undefined) ok = false;
    if ("period" in v) {
      const p = this.int(v.period, pathJoin(path, "period"), 1, Number.MAX_SAFE_INTEGER, "must be an integer >= 1");
      if (p === undefined) ok = false;
    }
    return ok ? (v as Content) : undefined;
  }

  sysfsValue(v: unknown, path: string): string | number | undefined {
    if (typeof v === "string" || isInt(v)) return v;
    this.list.bad(path, "type", "must be an integer (written in decimal) or a string (written as given)", v);
    return undefined;
  }

  knob(v: unknown, path: string): string | undefined {
    if (typeof v !== "string") {
      this.list.bad(path, "type", "must be the name of a file of /sys/kernel/mm/ksm", v);
      return undefined;
    }
    if (!(KNOBS as readonly string[]).includes(v)) {
      this.list.bad(path, "value", `must be a file of /sys/kernel/mm/ksm (${KNOBS.join(", ")})`, v);
      return undefined;
    }
    return v;
  }

  // ---- the document -------------------------------------------------------------------------------

  document(doc: unknown): void {
    if (!isObject(doc)) {
      this.list.bad("", "type", "must be a JSON object (a scenario document)", doc);
      return;
    }
    this.unknownFields(doc, "", TOP_FIELDS, "of a scenario");
    if ("$schema" in doc && typeof doc.$schema !== "string")
      this.list.bad("$schema", "type", "must be a string", doc.$schema);
    if (!("version" in doc)) this.list.add("version", "required", "is required (the format version, 1)");
    else if (doc.version !== 1)
      this.list.bad("version", "value", "must be 1 (this is scenario format version 1)", doc.version);
    if (!("name" in doc)) this.list.add("name", "required", "is required (a string, echoed in the result)");
    else if (typeof doc.name !== "string" || doc.name === "")
      this.list.bad("name", "type", "must be a non-empty string", doc.name);
    if ("description" in doc && typeof doc.description !== "string") {
      this.list.bad("description", "type", "must be a string", doc.description);
    }
    if ("topology" in doc) this.topology(doc.topology);
    if ("sysfs" in doc) this.initialSysfs(doc.sysfs);
    if ("fixes" in doc) this.fixes(doc.fixes);
    if (!("steps" in doc)) this.list.add("steps", "required", "is required (an array of steps)");
    else if (!Array.isArray(doc.steps)) this.list.bad("steps", "type", "must be an array of steps", doc.steps);
    else this.steps(doc.steps, "steps", false);
  }

  topology(t: unknown): void {
    if (!isObject(t)) {
      this.list.bad("topology", "type", "must be an object { nodes, pages_per_node?, distances? }", t);
      return;
    }
    this.unknownFields(t, "topology", ["nodes", "pages_per_node", "distances"], "of topology");
    let nodes: number | undefined;
    if (!("nodes" in t)) this.list.add("topology.nodes", "required", "is required in topology");
    else nodes = this.int(t.nodes, "topology.nodes", 1, MAX_NODES, `must be an integer from 1 to ${MAX_NODES}`);
    if (nodes !== undefined) this.nodes = nodes;
    if ("pages_per_node" in t) this.pagesPerNode(t.pages_per_node, nodes);
    if (nodes === undefined) return;
    if (!("distances" in t)) return;
    const d = t.distances;
    if (!Array.isArray(d) || d.length !== nodes) {
      this.list.bad(
        "topology.distances",
        "topology",
        `must be a ${nodes}x${nodes} matrix (an array of ${nodes} rows)`,
        d,
      );
      return;
    }
    d.forEach((row: unknown, i) => {
      const rowPath = `topology.distances[${i}]`;
      if (!Array.isArray(row) || row.length !== nodes) {
        this.list.bad(rowPath, "topology", `must be a row of ${nodes} distances`, row);
        return;
      }
      row.forEach((x: unknown, j) => {
        const at = `${rowPath}[${j}]`;
        if (i === j) {
          if (x !== LOCAL_DISTANCE) this.list.bad(at, "topology", "must be exactly 10 on the diagonal (ACPI SLIT)", x);
        } else if (!isInt(x) || x <= LOCAL_DISTANCE) {
          this.list.bad(at, "topology", "must be an integer > 10 off the diagonal (ACPI SLIT)", x);
        } else if (x > MAX_DISTANCE) {
          this.list.bad(at, "topology", "must be at most 254 (255 means unreachable in ACPI SLIT)", x);
        }
      });
    });
  }

  /** topology.pages_per_node: one count for every node, or one per node; the machine's total within the PTE's pfns. */
  pagesPerNode(v: unknown, nodes: number | undefined): void {
    const path = "topology.pages_per_node";
    const rule = `must be an integer from 1 to ${MAX_PAGES_PER_NODE}`;
    let total: number;
    let shown: string;
    if (Array.isArray(v)) {
      if (nodes !== undefined && v.length !== nodes) {
        const rule = `must have one entry per node (topology.nodes is ${nodes}), or be one integer for every node`;
        this.list.bad(path, "topology", rule, v);
        return;
      }
      total = 0;
      let ok = true;
      v.forEach((x: unknown, i) => {
        const n = this.int(x, `${path}[${i}]`, 1, MAX_PAGES_PER_NODE, rule);
        if (n === undefined) ok = false;
        else total += n;
      });
      if (!ok) return;
      shown = `${show(v)} (${total} pages in all)`;
    } else if (isInt(v)) {
      if (this.int(v, path, 1, MAX_PAGES_PER_NODE, rule) === undefined || nodes === undefined) return;
      total = v * nodes;
      shown = `${v} on each of ${nodes} nodes (${total} pages in all)`;
    } else {
      this.list.bad(path, "type", `${rule} or an array of such integers, one per node`, v);
      return;
    }
    if (total > MAX_MACHINE_PAGES) {
      const limit = `${MAX_MACHINE_PAGES} pages in all (2^${Math.log2(MAX_MACHINE_PAGES)}: the frames a PTE can name)`;
      this.list.add(path, "range", `must give the machine at most ${limit}, got ${shown}`);
    }
  }

  initialSysfs(s: unknown): void {
    if (!isObject(s)) {
      this.list.bad("sysfs", "type", "must be an object { knob: value } of writes made before the first step", s);
      return;
    }
    const state = { advisorMode: "none" as "none" | "scan-time" };
    for (const [key, value] of Object.entries(s)) {
      const path = pathJoin("sysfs", key);
      if (!(KNOBS as readonly string[]).includes(key)) {
        this.list.add(
          path,
          "value",
          `unknown knob (the writable files of /sys/kernel/mm/ksm are ${WRITABLE_KNOBS.join(", ")})`,
        );
        continue;
      }
      const v = this.sysfsValue(value, path);
      if (v === undefined) continue;
      if (key === "run" && runValue(v) === 1) {
        this.list.bad(path, "sysfs", "must not set run to 1: ksmd runs only inside scan steps", v);
        continue;
      }
      const errno = initialWriteErrno(key as (typeof KNOBS)[number], v, state);
      if (errno === "EACCES") {
        this.list.bad(
          path,
          "sysfs",
          "is a read-only counter: the write would fail with EACCES, and an initial write must succeed",
          v,
        );
      } else if (errno !== null) {
        this.list.bad(path, "sysfs", `would fail with ${errno}, and an initial write must succeed`, v);
      }
    }
  }

  fixes(f: unknown): void {
    if (!isObject(f)) {
      this.list.bad("fixes", "type", "must be an object of booleans", f);
      return;
    }
    this.unknownFields(f, "fixes", FIX_NAMES, "of fixes");
    for (const name of FIX_NAMES) {
      if (name in f && typeof f[name] !== "boolean")
        this.list.bad(`fixes.${name}`, "type", "must be a boolean", f[name]);
    }
  }

  steps(steps: unknown[], path: string, inDuring: boolean): void {
    const atMs = inDuring ? null : new AtMsChecker(this.list);
    steps.forEach((s, i) => {
      if (this.list.full) return;
      const p = `${path}[${i}]`;
      this.step(atMs === null ? s : atMs.step(s, p), p, inDuring);
    });
  }

  // ---- one step: structure, then the namespace ----------------------------------------------------

  step(s: unknown, path: string, inDuring: boolean): void {
    if (!isObject(s)) {
      this.list.bad(path, "type", "must be a step object { op, ... }", s);
      return;
    }
    if (!("op" in s)) {
      this.list.add(`${path}.op`, "required", "is required in every step");
      return;
    }
    const op = s.op;
    if (typeof op !== "string" || !(OPS as readonly string[]).includes(op)) {
      this.list.bad(`${path}.op`, "value", `must be one of ${OPS.join(", ")}`, op);
      return;
    }
    const o = op as Op;
    const spec = FIELDS[o];
    this.unknownFields(s, path, ["op", ...spec.required, ...spec.optional], `for op "${o}"`);
    let complete = true;
    for (const f of spec.required) {
      if (!(f in s)) {
        this.list.add(`${path}.${f}`, "required", `is required for op "${o}"`);
        complete = false;
      }
    }
    if (inDuring) {
      const why = NOT_DURING[o];
      if (why !== undefined) this.list.add(`${path}.op`, "during", `"${o}" cannot run inside the unmerge pass: ${why}`);
    }
    switch (o) {
      case "spawn":
        this.spawn(s, path);
        return;
      case "mmap":
        this.mmap(s, path);
        return;
      case "munmap":
        this.munmap(s, path);
        return;
      case "write":
      case "madvise":
      case "migrate":
      case "swapout":
      case "swapin":
      case "pin":
        this.rangeStep(o, s, path);
        return;
      case "prctl": {
        const p = "proc" in s ? this.liveProc(s.proc, `${path}.proc`) : undefined;
        if (p !== undefined && s.merge_any === true) this.ns.register(p);
        if ("merge_any" in s && typeof s.merge_any !== "boolean") {
          this.list.bad(`${path}.merge_any`, "type", "must be a boolean", s.merge_any);
        }
        return;
      }
      case "fork":
        this.fork(s, path);
        return;
      case "exit": {
        if (!("proc" in s)) return;
        const p = this.liveProc(s.proc, `${path}.proc`);
        if (p !== undefined) {
          p.alive = false;
          p.exitedAt = path;
        }
        return;
      }
      case "sysfs":
        this.sysfsStep(s, path, inDuring, complete);
        return;
      case "scan":
        if ("full_scans" in s)
          this.int(s.full_scans, `${path}.full_scans`, 1, Number.MAX_SAFE_INTEGER, "must be an integer >= 1");
        return;
      case "snapshot":
        if ("label" in s && typeof s.label !== "string")
          this.list.bad(`${path}.label`, "type", "must be a string", s.label);
        return;
      case "unpin": {
        if (!("id" in s)) return;
        const id = this.name(s.id, `${path}.id`);
        if (id === undefined) return;
        if (!this.ns.pins.has(id)) {
          const gone = this.ns.released.get(id);
          const why = gone === undefined ? "no pin step took it" : `it was unpinned at ${gone}`;
          this.list.bad(`${path}.id`, "pin", `must be the id of a pin held at this step (${why})`, id);
          return;
        }
        this.ns.pins.delete(id);
        this.ns.released.set(id, path);
        return;
      }
      case "offline":
        if ("node" in s) this.node(s.node, `${path}.node`);
        return;
      case "run_for":
        checkTimedFields(this.list, o, s, path);
        return;
      case "workload": {
        this.rangeStep(o, s, path);
        checkTimedFields(this.list, o, s, path);
        const id = "id" in s ? this.name(s.id, `${path}.id`) : `${String(s.proc)}.${String(s.vma)}`;
        if (id !== undefined && complete) this.workloads.start(id, "id" in s ? `${path}.id` : path);
        return;
      }
      case "workload_stop": {
        const id = "id" in s ? this.name(s.id, `${path}.id`) : undefined;
        if (id !== undefined) this.workloads.stop(id, `${path}.id`);
        return;
      }
    }
  }

  /** A process that is alive at this step, or an error naming why not. */
  liveProc(v: unknown, path: string): Proc | undefined {
    const name = this.name(v, path);
    if (name === undefined) return undefined;
    const p = this.ns.procs.get(name);
    if (p === undefined) {
      this.list.bad(
        path,
        "process",
        "must name a process alive at this step (none of that name was spawned or forked)",
        name,
      );
      return undefined;
    }
    if (!p.alive) {
      this.list.bad(path, "process", `must name a process alive at this step (it exited at ${p.exitedAt})`, name);
      return undefined;
    }
    return p;
  }

  /** A name for a new process: never used before, even by a process that has exited. */
  newProc(v: unknown, path: string): string | undefined {
    const name = this.name(v, path);
    if (name === undefined) return undefined;
    const p = this.ns.procs.get(name);
    if (p !== undefined) {
      const why = p.alive
        ? `the live process created at ${p.createdAt} has it`
        : `it belonged to the process created at ${p.createdAt}, which exited at ${p.exitedAt}; names are never reused`;
      this.list.bad(path, "process", `must be a new process name (${why})`, name);
      return undefined;
    }
    return name;
  }

  spawn(s: Obj, path: string): void {
    if (!("proc" in s)) return;
    const name = this.newProc(s.proc, `${path}.proc`);
    if (name === undefined) return;
    this.ns.procs.set(name, {
      alive: true,
      vmas: new Map(),
      unmapped: new Map(),
      mmaps: 0,
      slot: 0,
      createdAt: path,
      registered: -1,
    });
  }

  fork(s: Obj, path: string): void {
    const parent = "proc" in s ? this.liveProc(s.proc, `${path}.proc`) : undefined;
    const child = "child" in s ? this.newProc(s.child, `${path}.child`) : undefined;
    if (child === undefined) return;
    const c: Proc = {
      alive: true,
      vmas: new Map(parent ? [...parent.vmas].map(([k, v]) => [k, { ...v }]) : []),
      unmapped: new Map(),
      mmaps: parent?.mmaps ?? 0,
      slot: parent?.slot ?? 0,
      createdAt: path,
      registered: -1,
    };
    this.ns.procs.set(child, c);
    if (parent !== undefined && parent.registered >= 0) this.ns.register(c); // ksm_fork
  }

  mmap(s: Obj, path: string): void {
    const p = "proc" in s ? this.liveProc(s.proc, `${path}.proc`) : undefined;
    const vma = "vma" in s ? this.name(s.vma, `${path}.vma`) : undefined;
    let pages =
      "pages" in s
        ? this.int(s.pages, `${path}.pages`, 1, MAX_VMA_PAGES, `must be an integer from 1 to ${MAX_VMA_PAGES} (2^28)`)
        : undefined;
    if ("node" in s) this.node(s.node, `${path}.node`);
    const explicit = "address" in s;
    let address: number | undefined;
    if (explicit) {
      const a = s.address;
      if (!isInt(a) || a < 0) this.list.bad(`${path}.address`, "type", "must be a non-negative integer", a);
      else if (a % PAGE_SIZE !== 0)
        this.list.bad(`${path}.address`, "range", "must be a multiple of 4096 (page aligned)", a);
      else if (a < MIN_MAP_ADDRESS) {
        this.list.bad(`${path}.address`, "range", `must be at least ${MIN_MAP_ADDRESS} (vm.mmap_min_addr)`, a);
      } else address = a;
    }
    if (p === undefined) return;
    const k = p.mmaps++;
    const slot = p.slot;
    p.slot += pages === undefined ? 1 : mmapSlots(pages);
    if (vma === undefined) return;
    const old = p.vmas.get(vma);
    if (old !== undefined) {
      this.list.bad(
        `${path}.vma`,
        "vma",
        `must not name a VMA already mapped in this process (mapped at ${old.at})`,
        vma,
      );
      return;
    }
    if (!explicit) address = slotAddress(slot);
    if (address !== undefined && pages !== undefined) {
      const end = address + pages * PAGE_SIZE;
      const where = explicit ? `${path}.address` : path;
      const shown = explicit
        ? address
        : `0x${address.toString(16)} (the default address of mmap number ${k}, slot ${slot})`;
      if (end > USER_ADDRESS_LIMIT) {
        const byDefault = explicit
          ? ""
          : " (the default rule maps from 2^40 up, so a process maps at most 2^47 - 2^40 bytes by it; map the rest with address)";
        const rule = `must map below the end of user space (0x7ffffffff000); ${pages} pages from there end at 0x${end.toString(16)}${byDefault}`;
        this.list.bad(where, "range", rule, shown);
        address = undefined;
      } else {
        for (const [other, v] of p.vmas) {
          if (v.address === undefined || v.pages === undefined) continue;
          if (address < v.address + v.pages * PAGE_SIZE && v.address < end) {
            const rule = `must not overlap VMA "${other}" (0x${v.address.toString(16)}, ${v.pages} pages, mapped at ${v.at})`;
            this.list.bad(where, "vma", rule, shown);
            address = undefined;
            break;
          }
        }
      }
    }
    if (address === undefined) pages = undefined;
    p.vmas.set(vma, { pages, address, at: path });
    p.unmapped.delete(vma);
  }

  /** A VMA mapped in `p` at this step, or an error naming why not. */
  liveVma(p: Proc, v: unknown, path: string): Vma | undefined {
    const name = this.name(v, path);
    if (name === undefined) return undefined;
    const vma = p.vmas.get(name);
    if (vma === undefined) {
      const gone = p.unmapped.get(name);
      const why = gone === undefined ? "this process never mapped one of that name" : `it was unmapped at ${gone}`;
      this.list.bad(path, "vma", `must name a VMA mapped in this process at this step (${why})`, name);
    }
    return vma;
  }

  munmap(s: Obj, path: string): void {
    const p = "proc" in s ? this.liveProc(s.proc, `${path}.proc`) : undefined;
    if (p === undefined || !("vma" in s)) {
      if ("vma" in s) this.name(s.vma, `${path}.vma`);
      return;
    }
    const vma = this.liveVma(p, s.vma, `${path}.vma`);
    if (vma === undefined) return;
    p.vmas.delete(s.vma as string);
    p.unmapped.set(s.vma as string, path);
  }

  /** write, madvise, migrate, swapout, swapin, pin: a range of one VMA's pages. */
  rangeStep(op: Op, s: Obj, path: string): void {
    const p = "proc" in s ? this.liveProc(s.proc, `${path}.proc`) : undefined;
    const vma = p !== undefined && "vma" in s ? this.liveVma(p, s.vma, `${path}.vma`) : undefined;
    if (p === undefined && "vma" in s) this.name(s.vma, `${path}.vma`);
    const start =
      "start" in s
        ? this.int(s.start, `${path}.start`, 0, MAX_VMA_PAGES - 1, "must be an integer >= 0 (a page of the VMA)")
        : 0;
    const count =
      "count" in s ? this.int(s.count, `${path}.count`, 1, MAX_VMA_PAGES, "must be a positive integer") : null;
    let content: Content | undefined;
    if ((op === "write" || op === "workload") && "content" in s) content = this.content(s.content, `${path}.content`);
    if (op === "madvise" && "advice" in s && !(ADVICES as readonly unknown[]).includes(s.advice)) {
      this.list.bad(`${path}.advice`, "value", `must be one of ${ADVICES.join(", ")}`, s.advice);
    }
    if (op === "madvise" && s.advice === "mergeable" && p !== undefined) this.ns.register(p);
    if (op === "migrate" && "node" in s) this.node(s.node, `${path}.node`);
    let id: string | undefined;
    if (op === "pin" && "id" in s) id = this.name(s.id, `${path}.id`);

    let pages: number | undefined; // pages in the range, when known
    if (vma?.pages !== undefined && start !== undefined && count !== undefined) {
      if (count === null) {
        if (start >= vma.pages) {
          this.list.bad(`${path}.start`, "pages", `must be a page of the VMA (it has ${vma.pages} pages)`, start);
        } else pages = vma.pages - start;
      } else if (start + count > vma.pages) {
        this.list.bad(
          `${path}.count`,
          "pages",
          `must keep the range inside the VMA (start ${start} + count ${count} > its ${vma.pages} pages)`,
          count,
        );
      } else pages = count;
    } else if (count !== null && count !== undefined) pages = count;
    if (op === "write" && content !== undefined && pages !== undefined)
      this.contentRange(content, pages, `${path}.content`);

    if (id !== undefined) {
      const held = this.ns.pins.get(id);
      if (held !== undefined) {
        this.list.bad(
          `${path}.id`,
          "pin",
          `must not be the id of a pin still held (taken at ${held}; unpin it first)`,
          id,
        );
      } else {
        // Held from here on even when the step has other errors, so a later unpin is not reported too.
        this.ns.pins.set(id, path);
        this.ns.released.delete(id);
      }
    }
  }

  /** Every token the range produces must be below 2^32. */
  contentRange(c: Content, pages: number, path: string): void {
    if (typeof c === "number") return;
    const span = c.period === undefined ? pages : Math.min(pages, c.period);
    const last = c.from + span - 1;
    if (last >= TOKEN_LIMIT) {
      this.list.bad(
        path,
        "content",
        `must give every page of the range a token below 2^32 (from ${c.from} over ${pages} pages reaches ${last})`,
        c,
      );
    }
  }

  sysfsStep(s: Obj, path: string, inDuring: boolean, complete: boolean): void {
    const knob = "knob" in s ? this.knob(s.knob, `${path}.knob`) : undefined;
    const value = "value" in s ? this.sysfsValue(s.value, `${path}.value`) : undefined;
    if (knob === "run" && value !== undefined && runValue(value) === 1) {
      this.list.bad(
        `${path}.value`,
        "sysfs",
        "must not set run to 1: ksmd runs only inside scan steps (run_store parses this as 1)",
        value,
      );
    }
    if (inDuring && knob !== undefined && (MUTEX_KNOBS as readonly string[]).includes(knob)) {
      this.list.add(
        `${path}.knob`,
        "during",
        `"${knob}" cannot be written inside the unmerge pass: its store function takes ksm_thread_mutex, which the pass holds`,
      );
    }
    if (!("during" in s)) return;
    const during = s.during;
    const dpath = `${path}.during`;
    if (!Array.isArray(during)) {
      this.list.bad(dpath, "type", "must be an array of { after_mm, steps }", during);
      return;
    }
    if (inDuring) {
      this.list.add(dpath, "during", "cannot be nested: a step inside the unmerge pass cannot start another one");
      return;
    }
    if (complete && knob !== undefined && value !== undefined && (knob !== "run" || runValue(value) !== 2)) {
      this.list.bad(dpath, "during", "is allowed only on a write of 2 to run (the unmerge pass)", { knob, value });
    }
    // after_mm names are checked against the processes alive at the run write, before any sub-step runs.
    const alive = new Set([...this.ns.procs].filter(([, p]) => p.alive).map(([n]) => n));
    // The pass walks the mm list in order and runs an entry right after its process; entries whose process
    // it never reaches (not registered, or exited meanwhile) run when the write returns, as written.
    const listOrder = [...this.ns.procs]
      .filter(([, p]) => p.alive && p.registered >= 0)
      .sort(([, a], [, b]) => a.registered - b.registered)
      .map(([n]) => n);
    // Each entry's errors are gathered apart and listed in document order at the end: [its own fields,
    // its after_mm, its steps]. The steps are simulated in run order, which need not be the order written.
    const head = during.map(() => new ErrorList());
    const mid = during.map(() => new ErrorList());
    const tail = during.map(() => new ErrorList());
    const afterMms: (string | undefined)[] = [];
    const entrySteps: { j: number; afterMm: string | undefined; steps: unknown[]; path: string }[] = [];
    during.forEach((entry: unknown, j) => {
      const epath = `${dpath}[${j}]`;
      this.into(head[j]!, () => {
        if (!isObject(entry)) {
          this.list.bad(epath, "type", "must be an object { after_mm, steps }", entry);
          return;
        }
        this.unknownFields(entry, epath, ["after_mm", "steps"], "of a during entry");
        if (!("after_mm" in entry)) this.list.add(`${epath}.after_mm`, "required", "is required in a during entry");
        else afterMms[j] = this.name(entry.after_mm, `${epath}.after_mm`);
      });
      if (!isObject(entry) || !("steps" in entry)) {
        if (isObject(entry)) tail[j]!.add(`${epath}.steps`, "required", "is required in a during entry");
      } else if (!Array.isArray(entry.steps))
        tail[j]!.bad(`${epath}.steps`, "type", "must be an array of steps", entry.steps);
      else entrySteps.push({ j, afterMm: afterMms[j], steps: entry.steps, path: `${epath}.steps` });
    });
    const simulate = (e: (typeof entrySteps)[number]) => this.into(tail[e.j]!, () => this.steps(e.steps, e.path, true));
    for (const name of listOrder) {
      if (this.ns.procs.get(name)?.alive !== true) continue; // exited before the pass reached it
      for (let i = 0; i < entrySteps.length; ) {
        const e = entrySteps[i]!;
        if (e.afterMm === name) {
          entrySteps.splice(i, 1);
          simulate(e);
        } else i++;
      }
    }
    for (const e of entrySteps) simulate(e);
    // after_mm names the processes alive at the run write, before any sub-step ran
    afterMms.forEach((name, j) => {
      if (name === undefined || alive.has(name)) return;
      const p = this.ns.procs.get(name);
      const why =
        p === undefined
          ? "none of that name exists"
          : p.createdAt.startsWith(`${dpath}[`)
            ? `it is created inside this during list, at ${p.createdAt}`
            : `it exited at ${p.exitedAt}`;
      mid[j]!.bad(`${dpath}[${j}].after_mm`, "process", `must name a process alive at the run write (${why})`, name);
    });
    during.forEach((_, j) => {
      this.list.append(head[j]!);
      this.list.append(mid[j]!);
      this.list.append(tail[j]!);
    });
  }
}

/**
 * Checks `doc` against scenario format v1: structure (types, required and
 * unknown fields, ranges, knob names, SLIT distances, initial sysfs writes)
 * and the process/VMA namespace through the steps. Every error is reported
 * with its path, in document order, up to {@link MAX_ERRORS}. On success the
 * document itself is returned, typed (not copied, no defaults filled in).
 *
 * Names: a process name is never reused, not even after its process exited
 * (the kernel recorder keeps one FIFO pair per name); a VMA name may be mapped
 * again in a process after its munmap. `during` entries are simulated in the
 * order the runner runs them: the unmerge pass's order (KSM's mm list, i.e.
 * the order processes registered), then entries for processes it does not
 * reach, in the order written.
 */
export function validateScenario(doc: unknown): ValidationResult {
  const c = new Checker();
  c.document(doc);
  const errors = c.list.result();
  return errors.length === 0 ? { ok: true, scenario: doc as Scenario } : { ok: false, errors };
}

/** {@link validateScenario} on JSON text; a syntax error is reported with path `""` and code `json`. */
export function parseScenario(text: string): ValidationResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ path: "", code: "json", message: `(document): is not valid JSON (${msg})` }] };
  }
  return validateScenario(doc);
}
