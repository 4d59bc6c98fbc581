/**
 * A fake machine for the recorder's tests, faked at the file-system
 * boundary: /sys/kernel/mm/ksm and /proc are served by ksm-sim's own engine,
 * and the worker processes apply their commands to its memory model. So a
 * recording on it must equal the simulation of the same scenario, and every
 * write the recorder makes is logged.
 */
import { createKsm, type Ksm } from "@ksm-sim/ksm";
import { createMachine, type Mm, MmError, type Machine as MmMachine } from "@ksm-sim/mm";
import { KSM_COUNTERS, piecesOf, type Region } from "@ksm-sim/scenario";
import {
  type Clock,
  type KernelFs,
  KernelWriteError,
  type Machine,
  type WorkerProc,
  type Workers,
} from "../src/index.js";

const KSM = "/sys/kernel/mm/ksm/";
const ERRNO_NUMBER: Record<string, number> = { EPERM: 1, ENOENT: 2, ENOMEM: 12, EFAULT: 14, EBUSY: 16, EINVAL: 22 };
const COUNTERS: ReadonlySet<string> = new Set(KSM_COUNTERS);

interface FakeProc {
  pid: number;
  mm: Mm;
  alive: boolean;
  regions: Map<string, Region>;
}

export class FakeKernel implements KernelFs, Clock, Workers {
  readonly mm: MmMachine = createMachine({ topology: { nodes: 1, pagesPerNode: 1 << 18 }, deferredFree: false });
  readonly ksm: Ksm = createKsm(this.mm);
  /** Every write the recorder made: [path, text]. */
  readonly writes: [string, string][] = [];
  /** Processes of someone else, "PID comm", whose ksm_stat says mergeable. */
  foreign: string[] = [];
  hasKsm = true;
  /** Make the n-th worker command (0-based) kill its worker. */
  dieAtCall = -1;
  private calls = 0;
  private nowMs = 0;
  private nextBatchMs = 0;
  private nextPid = 1000;
  readonly procs = new Map<number, FakeProc>();
  closed = false;

  machine(uid = 0): Machine {
    return { fs: this, workers: this, clock: this, uid, kernel: "fake" };
  }

  /** A knob's text without the newline. */
  knob(name: string): string {
    return this.ksm.sysfsRead(name as never).trim();
  }

  // ---- KernelFs
  read(path: string): string {
    if (path.startsWith(KSM) && this.hasKsm) {
      const name = path.slice(KSM.length);
      if (COUNTERS.has(name)) return `${(this.ksm.counters() as unknown as Record<string, number>)[name]}\n`;
      return this.ksm.sysfsRead(name as never);
    }
    const m = /^\/proc\/(\d+)\/(status|comm|ksm_stat|stat)$/.exec(path);
    if (m) {
      const pid = Number(m[1]);
      const f = this.foreign.find((x) => x.startsWith(`${pid} `));
      if (f && m[2] === "ksm_stat") return "ksm_rmap_items 10\nksm_mergeable: yes\n";
      if (f && m[2] === "comm") return `${f.split(" ")[1]}\n`;
      const p = this.procs.get(pid);
      if (p?.alive && m[2] === "status") return "Name:\tworker\nState:\tS (sleeping)\n";
      if (p?.alive && m[2] === "ksm_stat") return "ksm_mergeable: no\n";
    }
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
  }

  write(path: string, text: string): void {
    this.writes.push([path, text]);
    if (!path.startsWith(KSM) || !this.hasKsm) throw new KernelWriteError("ENOENT", path);
    const knob = path.slice(KSM.length);
    const before = this.knob("run");
    const r = this.ksm.sysfsWrite(knob, text);
    if (r !== "ok") throw new KernelWriteError(r, path);
    if (knob === "run" && before !== "1" && this.knob("run") === "1") this.nextBatchMs = this.nowMs;
  }

  exists(path: string): boolean {
    if (path === "/sys/kernel/tracing/events/ksm") return false;
    return this.hasKsm && path.startsWith(KSM);
  }

  list(dir: string): string[] {
    if (dir !== "/proc") return [];
    return [...this.foreign.map((f) => f.split(" ")[0]!), ...[...this.procs.keys()].map(String)];
  }

  // ---- Clock: ksmd runs a batch every sleep_millisecs while run is 1
  now(): number {
    return this.nowMs;
  }

  sleep(ms: number): void {
    this.nowMs += ms;
    while (this.knob("run") === "1" && this.nextBatchMs <= this.nowMs) {
      this.ksm.setTime(this.nextBatchMs);
      this.ksm.doScan(Number(this.knob("pages_to_scan")));
      this.nextBatchMs += Math.max(1, Number(this.knob("sleep_millisecs")));
    }
  }

  // ---- Workers
  spawn(name: string): WorkerProc {
    return this.worker(name, this.mm.spawn(name), new Map());
  }

  fork(parent: WorkerProc, child: string): WorkerProc {
    const p = this.procs.get(parent.pid)!;
    return this.worker(child, this.mm.fork(p.mm, child), new Map(p.regions));
  }

  close(): void {
    this.closed = true;
  }

  private worker(name: string, mm: Mm, regions: Map<string, Region>): WorkerProc {
    const p: FakeProc = { pid: this.nextPid++, mm, alive: true, regions };
    this.procs.set(p.pid, p);
    return { name, pid: p.pid, call: (line) => this.command(p, line) };
  }

  private command(p: FakeProc, line: string): string {
    if (this.calls++ === this.dieAtCall) {
      p.alive = false;
      throw new Error(`process ${p.pid} died`);
    }
    const [cmd, ...a] = line.split(" ");
    const err = (e: string) => `err ${ERRNO_NUMBER[e] ?? 22}`;
    try {
      switch (cmd) {
        case "mmap": {
          const vma = this.mm.mmap(p.mm, a[0]!, Number(a[1]), { address: Number.parseInt(a[2]!, 16) });
          p.regions.set(a[0]!, { name: a[0]!, start: vma.start, pages: vma.pages });
          return "ok";
        }
        case "munmap": {
          const r = p.regions.get(a[0]!);
          if (!r) return err("ENOENT");
          for (const piece of piecesOf(p.mm, r, 0, r.pages)) this.mm.munmap(p.mm, piece.vma);
          p.regions.delete(a[0]!);
          return "ok";
        }
        case "fill": {
          const r = p.regions.get(a[0]!);
          const [start, count, from, period] = a.slice(1).map(Number) as [number, number, number, number];
          if (!r || start + count > r.pages) return err("EINVAL");
          let j = 0;
          for (const piece of piecesOf(p.mm, r, start, count)) {
            for (let i = 0; i < piece.count; i++, j++) {
              this.mm.write(p.mm, piece.vma, piece.page + i, period > 0 ? from + (j % period) : from + j);
            }
          }
          return "ok";
        }
        case "madvise": {
          const r = p.regions.get(a[0]!);
          const start = Number(a[1]);
          const advice = Number(a[3]);
          if (!r) return err("EINVAL");
          const count = Number(a[2]) < 0 ? r.pages - start : Number(a[2]);
          for (const piece of piecesOf(p.mm, r, start, count)) {
            let res: string = "ok";
            if (advice === 4) this.mm.madviseDontneed(p.mm, piece.vma, piece.page, piece.count);
            else if (advice === 12) res = this.mm.madviseMergeable(p.mm, piece.vma, piece.page, piece.count);
            else res = this.mm.madviseUnmergeable(p.mm, piece.vma, piece.page, piece.count);
            if (res !== "ok") return err(res);
          }
          return "ok";
        }
        case "prctl": {
          const r = this.ksm.prctlSetMemoryMerge(p.mm, a[0] === "1");
          return r === "ok" ? "ok" : err(r);
        }
        case "stat": {
          const s = this.ksm.ksmStat(p.mm);
          const yn = (b: boolean) => (b ? "yes" : "no");
          return `ok ksm_rmap_items ${s.ksm_rmap_items};ksm_zero_pages ${s.ksm_zero_pages};ksm_merging_pages ${s.ksm_merging_pages};ksm_process_profit ${s.ksm_process_profit};ksm_merge_any: ${yn(s.ksm_merge_any)};ksm_mergeable: ${yn(s.ksm_mergeable)};;ksm_merging_pages_file ${s.ksm_merging_pages}`;
        }
        case "exit":
          this.mm.exit(p.mm);
          p.alive = false;
          return "ok";
        default:
          return err("EINVAL");
      }
    } catch (e) {
      if (e instanceof MmError) return err(e.code);
      throw e;
    }
  }
}
