/**
 * The processes of a scenario on the real machine: one worker process per
 * scenario process (worker.c), driven line by line over a pair of FIFOs, as
 * ../shared/tools/kernel-oracle does. `fork` forks the worker itself.
 */
import { execFileSync, spawn } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecorderError } from "./errors.js";
import { type Clock, realClock } from "./sleep.js";

/** One worker: send a command line, read its one-line reply. */
export interface WorkerProc {
  readonly name: string;
  readonly pid: number;
  /** Sends `line` and returns the reply line (`ok ...` or `err N`). */
  call(line: string): string;
}

export interface Workers {
  spawn(name: string): WorkerProc;
  fork(parent: WorkerProc, child: string): WorkerProc;
  /** Closes every channel and removes the FIFOs. */
  close(): void;
}

/** How long a worker may take to open its FIFOs or to answer. */
const TIMEOUT_MS = 30_000;

class FifoWorker implements WorkerProc {
  private buf = "";
  private connected = false;
  pid = -1;
  constructor(
    readonly name: string,
    private readonly wfd: number,
    private readonly rfd: number,
    private readonly clock: Clock,
  ) {}

  send(line: string): void {
    writeSync(this.wfd, `${line}\n`);
  }

  recv(): string {
    const chunk = Buffer.alloc(4096);
    const t0 = this.clock.now();
    for (;;) {
      const nl = this.buf.indexOf("\n");
      if (nl >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        return line;
      }
      let n = 0;
      try {
        n = readSync(this.rfd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
        n = -1;
      }
      if (n > 0) {
        this.connected = true;
        this.buf += chunk.toString("utf8", 0, n);
        continue;
      }
      // 0: no writer (not yet connected, or it died); -1: nothing to read yet
      if (n === 0 && this.connected) throw new RecorderError(`process ${this.name} (pid ${this.pid}) died`);
      if (this.clock.now() - t0 > TIMEOUT_MS) throw new RecorderError(`process ${this.name} does not answer`);
      this.clock.sleep(0.2);
    }
  }

  call(line: string): string {
    this.send(line);
    return this.recv();
  }

  close(): void {
    for (const fd of [this.wfd, this.rfd]) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
}

/** Opens a FIFO for writing once its reader has opened it (O_NONBLOCK gives ENXIO until then). */
function openWriter(path: string, clock: Clock, who: string): number {
  const t0 = clock.now();
  for (;;) {
    try {
      const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
      return fd;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENXIO") throw e;
    }
    if (clock.now() - t0 > TIMEOUT_MS) throw new RecorderError(`process ${who} did not start`);
    clock.sleep(0.5);
  }
}

/** Real workers running `workerPath` (a built worker.c). */
export function fifoWorkers(workerPath: string, clock: Clock = realClock): Workers {
  const dir = mkdtempSync(join(tmpdir(), "ksm-sim-record-"));
  const all: FifoWorker[] = [];
  const channel = (name: string) => {
    const fin = join(dir, `${name}.in`);
    const fout = join(dir, `${name}.out`);
    execFileSync("mkfifo", [fin, fout]);
    return { fin, fout };
  };
  const connect = (name: string, fin: string, fout: string) => {
    const rfd = openSync(fout, constants.O_RDONLY | constants.O_NONBLOCK);
    const wfd = openWriter(fin, clock, name);
    const w = new FifoWorker(name, wfd, rfd, clock);
    all.push(w);
    return w;
  };
  return {
    spawn(name) {
      const { fin, fout } = channel(name);
      const child = spawn(workerPath, [fin, fout], { stdio: "ignore" });
      child.unref();
      if (child.pid === undefined) throw new RecorderError(`cannot start the worker ${workerPath}`);
      const w = connect(name, fin, fout);
      w.pid = child.pid;
      return w;
    },
    fork(parent, name) {
      const { fin, fout } = channel(name);
      const p = parent as FifoWorker;
      p.send(`fork ${name} ${fin} ${fout}`);
      const w = connect(name, fin, fout);
      const reply = p.recv();
      const m = /^ok (\d+)$/.exec(reply);
      if (!m) throw new RecorderError(`fork of ${parent.name} failed: ${reply}`);
      w.pid = Number(m[1]);
      return w;
    },
    close() {
      for (const w of all) w.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
