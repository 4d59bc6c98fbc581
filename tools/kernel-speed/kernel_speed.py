#!/usr/bin/env python3
"""Record this machine's ksmd speed on the simulator's scan-bench workload (see README.md).

Usage (root; always under the host KSM lock):
    flock /tmp/host-ksm.lock python3 tools/kernel-speed/kernel_speed.py [--pages 200000 1048576] [--runs 3]

Method ("whole-scan batches"): pages_to_scan := 2 * N, so every ksmd batch is exactly one full scan
(ksm_do_scan returns when scan_get_next_rmap_item ends a scan), and sleep_millisecs := 1000, so ksmd
sleeps a second between scans. While it sleeps after scan k (full_scans == k, /proc/<ksmd>/stat state
S), /proc/<ksmd>/schedstat is read: the difference of sum_exec_runtime between sleeps is the CPU time of
exactly one full scan. A private tracefs instance records ksm_start_scan/ksm_stop_scan, which give each
scan's wall time and prove every schedstat read fell between the end of one scan and the start of the
next. Counters are read in the sleep after scan 3, then run=0.

Every measurement: a fresh workload process, KSM state clean (run=2, run=0) before and after, ksmd
boosted to SCHED_FIFO 50 while run=1 (--no-boost to skip) and restored after; every knob, run=0 and
ksmd's scheduling restored on exit, also on error, SIGTERM, SIGHUP or Ctrl-C.
"""
import argparse, datetime, fcntl, json, os, platform, signal, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.dont_write_bytecode = True  # no __pycache__ in the repo
sys.path.insert(0, os.path.join(ROOT, "tools", "ksmd-truth"))
from ksmd_truth import (KNOBS, DEFAULTS, BOOST_PRIO, rd, wr, clean_state, ksmd_pid, schedstat,  # noqa: E402
                        SchedGuard, foreign_ksm_users, cpu_stat)

LOCK = "/tmp/host-ksm.lock"
TRACEFS = "/sys/kernel/tracing/"
INSTANCE = TRACEFS + "instances/kernel-speed/"
WORKLOAD = "/tmp/kernel-speed-workload"
SCANS = 3
SLEEP_MS = 1000
POLL_S = 0.001
END_COUNTERS = ["pages_shared", "pages_sharing", "pages_unshared", "pages_volatile", "stable_node_chains",
                "stable_node_dups", "ksm_zero_pages", "general_profit"]
WORKLOAD_DESC = ("one process, one VMA of N anonymous 4 KiB pages (MAP_NORESERVE, MADV_NOHUGEPAGE, then "
                 "MADV_MERGEABLE over the whole VMA); page i even -> token 1 + ((i>>1) mod 64), page i odd -> "
                 "token 65 + i (scan-bench.ts benchToken); token t's page = 1024 little-endian u32 words "
                 "fmix32(fmix32(t) + k)")
METHOD = ("whole-scan batches: pages_to_scan = 2N (each ksmd batch is exactly one full scan: ksm_do_scan "
          "returns at the scan's end), sleep_millisecs = 1000; ksmd CPU of scan k = difference of "
          "/proc/<ksmd>/schedstat sum_exec_runtime read while ksmd sleeps before scan k and after it "
          "(full_scans == k, task state S); every read checked against the ksm_start_scan/ksm_stop_scan "
          "trace events (tracefs instance, mono clock) to lie between one scan's stop and the next's start; "
          "wall time of a scan = ksm_stop_scan - ksm_start_scan; counters read in the sleep after scan 3; "
          "KSM cleaned (run=2, run=0) before and after every run; other knobs at their defaults")


def scan_row(reads, wall, scanned, skipped, rmap_items, end, fill_s, p0, p1):
    """One run's row from the schedstat reads between scans (reads[k] = ((runtime, wait, switches), t))."""
    cpu = [(reads[k][0][0] - reads[k - 1][0][0]) / 1e9 for k in range(1, SCANS + 1)]
    rq = [(reads[k][0][1] - reads[k - 1][0][1]) / 1e9 for k in range(1, SCANS + 1)]
    switches = [reads[k][0][2] - reads[k - 1][0][2] for k in range(1, SCANS + 1)]
    return {
        "scan_cpu_s": [round(x, 6) for x in cpu],
        "total_cpu_s": round(sum(cpu), 6),
        "scan_wall_s": [round(x, 6) for x in wall],
        "scan_runqueue_wait_s": [round(x, 6) for x in rq],
        "scan_sched_in": switches,
        "pages_scanned": scanned,
        "pages_skipped": skipped,
        "rmap_items_at_stop": rmap_items,
        "counters": end,
        "fill_s": round(fill_s, 3),
        "machine_busy_frac": round(1 - (p1[1] - p0[1]) / max(1, p1[0] - p0[0]), 3),
    }


class Interrupted(Exception):
    pass


# ---------------------------------------------------------------------------------------------- lock


def take_lock():
    """Hold /tmp/host-ksm.lock: take it if free; if held, it must be by our parent `flock` process."""
    fd = os.open(LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd
    except BlockingIOError:
        os.close(fd)
    parent = open(f"/proc/{os.getppid()}/comm").read().strip()
    if parent != "flock":
        raise SystemExit(f"{LOCK} is held by another process: run under `flock {LOCK} ...` or wait")
    return None


# ---------------------------------------------------------------------------------------------- trace


class ScanTrace:
    """A private tracefs instance with the ksm_start_scan / ksm_stop_scan events, mono clock."""

    def __init__(self):
        self.mounted = False
        if not os.path.isdir(TRACEFS + "events"):
            if os.system("mount -t tracefs nodev /sys/kernel/tracing") != 0:
                raise RuntimeError("cannot mount tracefs at /sys/kernel/tracing")
            self.mounted = True
        if not os.path.isdir(INSTANCE):
            os.mkdir(INSTANCE)
        self.w("tracing_on", "0")
        self.w("trace_clock", "mono")  # same clock as time.monotonic_ns()
        self.w("buffer_size_kb", "256")
        for e in ("ksm_start_scan", "ksm_stop_scan"):
            self.w(f"events/ksm/{e}/enable", "1")
        self.w("trace", "")

    def w(self, f, v):
        with open(INSTANCE + f, "w") as fh:
            fh.write(v)

    def start(self):
        self.w("trace", "")
        self.w("tracing_on", "1")

    def stop(self):
        """[(t_ns, 'start'|'stop', seq, rmap_items)] in order."""
        self.w("tracing_on", "0")
        ev = []
        for line in open(INSTANCE + "trace").read().splitlines():
            if line.startswith("#"):
                continue
            head, sep, rest = line.partition(": ")
            name, _, args = rest.partition(": ")
            if not sep or name not in ("ksm_start_scan", "ksm_stop_scan"):
                continue
            sec, usec = head.split()[-1].split(".")
            t = int(sec) * 1_000_000_000 + int(usec.ljust(9, "0")[:9])
            a = args.split()  # seq %d rmap size %d
            ev.append((t, name[4:-5], int(a[1]), int(a[4])))
        self.w("trace", "")
        return ev

    def close(self):
        try:
            self.w("tracing_on", "0")
            self.w("events/enable", "0")
        except OSError:
            pass
        try:
            os.rmdir(INSTANCE)
        except OSError:
            pass
        if self.mounted:
            os.system("umount /sys/kernel/tracing")


# ---------------------------------------------------------------------------------------------- workload


def build_workload():
    src = os.path.join(HERE, "workload.c")
    if not os.path.exists(WORKLOAD) or os.path.getmtime(WORKLOAD) < os.path.getmtime(src):
        subprocess.run(["cc", "-O2", "-o", WORKLOAD, src], check=True)


class Workload:
    def __init__(self, pages):
        self.p = subprocess.Popen([WORKLOAD, str(pages)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.p.stdout.readline().split()
        if not line or line[0] != "ready":
            self.close()
            raise RuntimeError(f"workload of {pages} pages failed to start")
        self.pid = int(line[1])

    def close(self):
        try:
            self.p.stdin.close()
        except Exception:
            pass
        try:
            self.p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


# ---------------------------------------------------------------------------------------------- one run


def task_state(pid):
    s = open(f"/proc/{pid}/stat").read()
    return s[s.rindex(")") + 2]


class Ctx:
    def __init__(self, boost):
        if os.geteuid() != 0:
            raise SystemExit("needs root")
        self.lock_fd = take_lock()
        build_workload()
        busy = foreign_ksm_users()
        if busy:
            raise SystemExit("other KSM users present: " + ", ".join(busy))
        self.saved = {k: rd(k) for k in KNOBS}
        if rd("run") != "0":
            raise SystemExit(f"KSM run is {rd('run')}, not 0: someone else is using it")
        nondefault = {k: v for k, v in self.saved.items() if v != DEFAULTS[k]}
        if nondefault:
            raise SystemExit(f"KSM knobs not at their defaults: {nondefault}")
        self.pid = ksmd_pid()
        self.sched = SchedGuard(self.pid)
        self.boost = boost
        self.live = []
        self.trace = None
        self.trace = ScanTrace()

    def restore(self):
        """Sched policy, workloads, run=2 (unmerge), every knob, run=0, the tracefs instance."""
        try:
            if self.sched.boosted:
                self.sched.restore()
        except Exception as e:
            print("restore sched failed:", e, file=sys.stderr)
        for wl in list(self.live):
            wl.close()
            self.live.remove(wl)
        for k, v in (("run", 2),):
            try:
                wr(k, v)
            except OSError as e:
                print(f"{k}={v} failed:", e, file=sys.stderr)
        for k in KNOBS:
            try:
                if rd(k) != self.saved[k]:
                    wr(k, self.saved[k])
            except OSError as e:
                print(f"restore {k} failed:", e, file=sys.stderr)
        wr("run", 0)
        if self.trace:
            self.trace.close()
        now = (os.sched_getscheduler(self.pid), os.getpriority(os.PRIO_PROCESS, self.pid))
        if now != (self.sched.policy, self.sched.nice):
            print("WARNING: ksmd sched not restored:", now, file=sys.stderr)
        bad = {k: rd(k) for k in KNOBS if rd(k) != DEFAULTS[k]}
        if bad or rd("run") != "0":
            print(f"WARNING: KSM not at defaults after restore: run={rd('run')} {bad}", file=sys.stderr)


def wait_sleeping_after(ctx, k, deadline_s):
    """Wait until full_scans == k and ksmd sleeps; return (schedstat, monotonic ns of the read)."""
    t_end = time.monotonic() + deadline_s
    while time.monotonic() < t_end:
        fs = int(rd("full_scans"))
        if fs > k:
            raise RuntimeError(f"missed the sleep after scan {k} (full_scans already {fs})")
        if fs == k and task_state(ctx.pid) in "SI":
            t = time.monotonic_ns()
            s = schedstat(ctx.pid)
            if task_state(ctx.pid) in "SI" and int(rd("full_scans")) == k and schedstat(ctx.pid) == s:
                return s, t
        time.sleep(POLL_S)
    raise RuntimeError(f"scan {k} did not end within {deadline_s} s")


def wait_idle(ctx, timeout_s=10):
    """ksmd parked (run=0, state S) with a stable schedstat: (schedstat, monotonic ns of the read)."""
    t_end = time.monotonic() + timeout_s
    st = "?"
    while time.monotonic() < t_end:
        st = task_state(ctx.pid)
        if st in "SI":
            t = time.monotonic_ns()
            s = schedstat(ctx.pid)
            time.sleep(0.01)
            if task_state(ctx.pid) in "SI" and schedstat(ctx.pid) == s:
                return s, t
        time.sleep(0.01)
    raise RuntimeError(f"ksmd is not idle before run=1 (state {st} for {timeout_s} s)")


def measure(ctx, pages):
    clean_state()
    if int(rd("full_scans")) != 0:
        raise RuntimeError("full_scans is not 0 after run=2")
    t_fill = time.monotonic()
    wl = Workload(pages)
    ctx.live.append(wl)
    fill_s = time.monotonic() - t_fill
    try:
        wr("pages_to_scan", 2 * pages)
        wr("sleep_millisecs", SLEEP_MS)
        sc0 = int(rd("pages_scanned"))
        sk0 = int(rd("pages_skipped"))
        p0 = cpu_stat()
        reads = [wait_idle(ctx)]
        scanned, skipped = [], []
        if ctx.boost:
            ctx.sched.boost()
        ctx.trace.start()
        wr("run", 1)
        for k in range(1, SCANS + 1):
            reads.append(wait_sleeping_after(ctx, k, 600))
            sc, sk = int(rd("pages_scanned")), int(rd("pages_skipped"))
            scanned.append(sc - sc0)
            skipped.append(sk - sk0)
            sc0, sk0 = sc, sk
        end = {c: int(rd(c)) for c in END_COUNTERS}
        if int(rd("full_scans")) != SCANS:
            raise RuntimeError("a 4th scan started before the counters were read")
        t_run0 = time.monotonic_ns()
        wr("run", 0)
        p1 = cpu_stat()
        ev = ctx.trace.stop()
    finally:
        if ctx.sched.boosted:
            ctx.sched.restore()
        wl.close()
        ctx.live.remove(wl)
    clean_state()
    # the trace: scan k (seq k-1) starts after read k-1 and stops before read k
    starts = {seq: t for t, kind, seq, _ in ev if kind == "start"}
    stops = {seq: (t, n) for t, kind, seq, n in ev if kind == "stop"}
    wall, rmap_items = [], []
    for k in range(1, SCANS + 1):
        seq = k - 1
        if seq not in starts or seq not in stops:
            raise RuntimeError(f"trace lacks the start or stop of scan {k}: {ev}")
        if not (reads[k - 1][1] < starts[seq] and stops[seq][0] < reads[k][1]):
            raise RuntimeError(f"schedstat reads do not bracket scan {k}")
        wall.append((stops[seq][0] - starts[seq]) / 1e9)
        rmap_items.append(stops[seq][1])
    if any(seq >= SCANS and t < t_run0 for t, kind, seq, _ in ev if kind == "start"):
        raise RuntimeError("scan 4 started before run=0")
    return scan_row(reads, wall, scanned, skipped, rmap_items, end, fill_s, p0, p1)


# ---------------------------------------------------------------------------------------------- summary


def summarize(pages, runs):
    per_scan = [[r["scan_cpu_s"][k] for r in runs] for k in range(SCANS)]
    totals = [r["total_cpu_s"] for r in runs]
    counters = runs[0]["counters"]
    med_total, min_total = statistics.median(totals), min(totals)
    return {
        "pages": pages,
        "runs": len(runs),
        "scan_cpu_s_median": [round(statistics.median(x), 6) for x in per_scan],
        "scan_cpu_s_min": [round(min(x), 6) for x in per_scan],
        "scan_cpu_s_all": per_scan,
        "total_cpu_s_median": round(med_total, 6),
        "total_cpu_s_min": round(min_total, 6),
        "pages_per_cpu_s_median": round(SCANS * pages / med_total),
        "pages_per_cpu_s_best": round(SCANS * pages / min_total),
        "scan_pages_per_cpu_s_median": [round(pages / statistics.median(x)) for x in per_scan],
        "scan_wall_s_median": [round(statistics.median(r["scan_wall_s"][k] for r in runs), 6) for k in range(SCANS)],
        "pages_scanned": runs[0]["pages_scanned"],
        "pages_skipped": runs[0]["pages_skipped"],
        "counters": counters,
        "counters_same_in_every_run": all(r["counters"] == counters for r in runs),
        "run_details": runs,
    }


def machine_info(ctx):
    hz = None
    if os.path.exists("/proc/config.gz"):
        import gzip
        for line in gzip.open("/proc/config.gz", "rt"):
            if line.startswith("CONFIG_HZ="):
                hz = int(line.split("=")[1])
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), None)
    mhz = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("cpu MHz")), None)
    return {"kernel": platform.release(), "hz": hz, "cpu_model": cpu, "cpu_mhz": mhz, "cpus": os.cpu_count(),
            "mem_total_kb": int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "ksmd_sched_original": ctx.sched.describe(),
            "ksmd_boost": f"SCHED_FIFO {BOOST_PRIO} while run=1" if ctx.boost else "none",
            "loadavg_at_start": open("/proc/loadavg").read().split()[:3]}


def write_doc(path, info, runs, complete):
    doc = {
        "format": "kernel-speed/bench-workload v1",
        "complete": complete,
        "machine": info,
        "workload": WORKLOAD_DESC,
        "method": METHOD,
        "knobs": {**{k: DEFAULTS[k] for k in KNOBS if k not in ("pages_to_scan", "sleep_millisecs")},
                  "pages_to_scan": "2 * pages", "sleep_millisecs": str(SLEEP_MS)},
        "scans": SCANS,
        "sizes": [summarize(n, rs) for n, rs in runs.items()],
    }
    old = load_doc(path)
    if "defaultKnobs" in old:  # the default-knobs section is recorded separately (--knobs default)
        doc["defaultKnobs"] = old["defaultKnobs"]
    save_doc(path, doc)


def load_doc(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def save_doc(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)
    print("wrote", path, file=sys.stderr)


# ---------------------------------------------------------------------------------------------- default knobs


DEFAULT_KNOBS = {"pages_to_scan": DEFAULTS["pages_to_scan"], "sleep_millisecs": DEFAULTS["sleep_millisecs"],
                 "ksmd_sched": "as found (not boosted)"}
ATTRIBUTION = ("batch-end sampling: KSM's default knobs (pages_to_scan 100, sleep_millisecs 20, ksmd not boosted); "
               "a poller reads full_scans every POLL ms; when it reaches k it reads /proc/<ksmd>/schedstat "
               "sum_exec_runtime once ksmd sleeps (task state S, full_scans still k, schedstat unchanged over two "
               "reads). A batch never crosses a full-scan boundary (ksm_do_scan returns when "
               "scan_get_next_rmap_item ends the scan), so a read in the sleep after scan k's last batch and "
               "before scan k+1's first batch (checked against ksm_stop_scan seq k-1 / ksm_start_scan seq k, "
               "tracefs instance, mono clock) attributes the CPU exactly; a read that came late (after scan k+1 "
               "started) is flagged in scan_read_exact and over-counts scan k by the late batches (each 100 pages, "
               "scan_late_batches_max bounds their number), under-counting scan k+1 by the same. After scan 3's "
               "read, run=0 at once; counters read then (scan 4 must not have started: scan4_started_before_run0)")


def wait_batch_end(ctx, k, deadline_s, poll_s):
    """Poll until full_scans == k, then read schedstat while ksmd sleeps: (schedstat, read ns, polls)."""
    t_end = time.monotonic() + deadline_s
    polls = 0
    while time.monotonic() < t_end:
        polls += 1
        fs = int(rd("full_scans"))
        if fs > k:
            raise RuntimeError(f"missed the whole sleep after scan {k} (full_scans already {fs})")
        if fs == k:
            while time.monotonic() < t_end:  # ksmd leaves the scan's last batch within microseconds
                if task_state(ctx.pid) in "SI":
                    t = time.monotonic_ns()
                    st = schedstat(ctx.pid)
                    if task_state(ctx.pid) in "SI" and schedstat(ctx.pid) == st:
                        if int(rd("full_scans")) != k:
                            raise RuntimeError(f"scan {k + 1} ended before scan {k}'s read")
                        return st, t, polls
                time.sleep(0.0002)
        time.sleep(poll_s)
    raise RuntimeError(f"scan {k} did not end within {deadline_s} s")


def measure_default(ctx, pages, poll_s):
    """Three full scans under the default knobs; per-scan ksmd CPU from schedstat reads at scan ends."""
    clean_state()
    if int(rd("full_scans")) != 0:
        raise RuntimeError("full_scans is not 0 after run=2")
    for k, v in DEFAULT_KNOBS.items():
        if k in KNOBS and rd(k) != v:
            raise RuntimeError(f"knob {k} is {rd(k)}, not the default {v}")
    if ctx.sched.boosted:
        raise RuntimeError("ksmd is boosted; the default-knobs mode runs it as found")
    t_fill = time.monotonic()
    wl = Workload(pages)
    ctx.live.append(wl)
    fill_s = time.monotonic() - t_fill
    sleep_ms = int(DEFAULTS["sleep_millisecs"])
    batch = int(DEFAULTS["pages_to_scan"])
    # a scan: ceil(N / batch) batches of pages + (if N % batch == 0) one that only ends the scan, each then sleeps
    deadline = 60 + 3 * (pages // batch + 2) * sleep_ms / 1000
    try:
        sc0 = int(rd("pages_scanned"))
        sk0 = int(rd("pages_skipped"))
        p0 = cpu_stat()
        st0, t0 = wait_idle(ctx)
        reads = [(st0, t0)]
        polls = []
        scanned, skipped = [], []
        ctx.trace.start()
        wr("run", 1)
        for k in range(1, SCANS + 1):
            st, t, n = wait_batch_end(ctx, k, deadline, poll_s)
            if k == SCANS:
                wr("run", 0)  # waits for a batch in progress (ksm_thread_mutex); none runs after it returns
                t_run0 = time.monotonic_ns()
            reads.append((st, t))
            polls.append(n)
            sc, sk = int(rd("pages_scanned")), int(rd("pages_skipped"))
            scanned.append(sc - sc0)
            skipped.append(sk - sk0)
            sc0, sk0 = sc, sk
        end = {c: int(rd(c)) for c in END_COUNTERS}
        fs_end = int(rd("full_scans"))
        p1 = cpu_stat()
        ev = ctx.trace.stop()
    finally:
        wl.close()
        ctx.live.remove(wl)
    clean_state()
    if fs_end != SCANS:
        raise RuntimeError(f"full_scans is {fs_end} after run=0, not {SCANS}")
    starts = {seq: t for t, kind, seq, _ in ev if kind == "start"}
    stops = {seq: (t, n) for t, kind, seq, n in ev if kind == "stop"}
    wall, rmap_items, exact, late_max, after_stop = [], [], [], [], []
    for k in range(1, SCANS + 1):
        seq = k - 1
        if seq not in starts or seq not in stops:
            raise RuntimeError(f"trace lacks the start or stop of scan {k}: {ev}")
        if not reads[k - 1][1] < starts[seq]:
            raise RuntimeError(f"scan {k} started before the read that opens it")
        t_read = reads[k][1]
        if not stops[seq][0] < t_read:
            raise RuntimeError(f"the read after scan {k} came before its ksm_stop_scan")
        nxt = starts.get(seq + 1)
        ok = nxt is None or t_read < nxt
        exact.append(ok)
        # late batches: at most one per sleep period since the next scan started, plus the one in progress
        late_max.append(0 if ok else int((t_read - nxt) / (sleep_ms * 1e6 * 0.75)) + 1)
        after_stop.append(round((t_read - stops[seq][0]) / 1e6, 3))
        wall.append((stops[seq][0] - starts[seq]) / 1e9)
        rmap_items.append(stops[seq][1])
    scan4 = any(seq >= SCANS and t < t_run0 for t, kind, seq, _ in ev if kind == "start")
    return {
        **scan_row(reads, wall, scanned, skipped, rmap_items, end, fill_s, p0, p1),
        "scan_read_exact": exact,
        "scan_late_batches_max": late_max,
        "scan_read_after_stop_ms": after_stop,
        "scan_polls": polls,
        "scan4_started_before_run0": scan4,
    }


def write_default_doc(path, info, runs, complete, poll_ms):
    """Rewrite only the fixture's defaultKnobs section: rows of the sizes measured now replace older ones."""
    doc = load_doc(path)
    fastest = {s["pages"]: s for s in doc.get("sizes", [])}
    old = doc.get("defaultKnobs", {})
    rows = {s["pages"]: s for s in old.get("sizes", [])}
    attribution = ATTRIBUTION.replace("POLL", f"{poll_ms:g}")
    for n, rs in runs.items():
        row = summarize(n, rs)
        row["knobs"] = dict(DEFAULT_KNOBS)
        row["attribution"] = attribution
        row["date"] = info["date"]
        row["all_reads_exact"] = all(all(r["scan_read_exact"]) for r in rs)
        row["scan4_started_before_run0"] = any(r["scan4_started_before_run0"] for r in rs)
        f = fastest.get(n)
        if f:
            row["counters_equal_fastest"] = f["counters"] == row["counters"]
            row["total_cpu_s_median_ratio_to_fastest"] = round(row["total_cpu_s_median"] / f["total_cpu_s_median"], 3)
            row["scan_cpu_s_median_ratio_to_fastest"] = [
                round(a / b, 3) for a, b in zip(row["scan_cpu_s_median"], f["scan_cpu_s_median"])]
        rows[n] = row
    doc["defaultKnobs"] = {
        "complete": complete,
        "machine": info,
        "knobs": {**{k: DEFAULTS[k] for k in KNOBS}, "ksmd_sched": DEFAULT_KNOBS["ksmd_sched"]},
        "method": attribution,
        "scans": SCANS,
        "sizes": [rows[n] for n in sorted(rows)],
    }
    save_doc(path, doc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, nargs="+", default=[200000, 1048576])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "fixtures", "kernel-speed", "bench-workload.json"))
    ap.add_argument("--no-boost", action="store_true", help="leave ksmd's scheduling alone")
    ap.add_argument("--knobs", choices=["fastest", "default"], default="fastest",
                    help="fastest: one batch per scan, boosted (the fixture's sizes); default: KSM's default knobs, "
                         "ksmd not boosted (the fixture's defaultKnobs)")
    ap.add_argument("--poll-ms", type=float, default=2, help="--knobs default: full_scans poll period (ms)")
    a = ap.parse_args()
    if not 0.1 <= a.poll_ms <= 10:
        raise SystemExit(f"--poll-ms: must be from 0.1 to 10 (the default knobs sleep 20 ms), got {a.poll_ms}")
    for n in a.pages:
        if n < 2 or n > (1 << 21):
            raise SystemExit(f"--pages: must be from 2 to 2^21 (8 GiB), got {n}")
    if a.runs < 1:
        raise SystemExit(f"--runs: must be at least 1, got {a.runs}")

    def on_signal(sig, frm):
        raise Interrupted(f"signal {sig}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    default = a.knobs == "default"
    ctx = Ctx(boost=not a.no_boost and not default)
    try:
        info = machine_info(ctx)
        runs = {n: [] for n in a.pages}
        # round-robin (run i of every size, then run i+1): a drift of the machine's load spreads evenly
        for i in range(a.runs):
            for n in a.pages:
                r = measure_default(ctx, n, a.poll_ms / 1000) if default else measure(ctx, n)
                runs[n].append(r)
                print(f"N={n} run{i}: cpu={r['scan_cpu_s']} wall={r['scan_wall_s']} scanned={r['pages_scanned']} "
                      f"counters={r['counters']} busy={r['machine_busy_frac']}", file=sys.stderr)
                # written after every run, so an interrupted recording keeps what it measured
                done = {m: rs for m, rs in runs.items() if rs}
                last = i == a.runs - 1 and n == a.pages[-1]
                if default:
                    print(f"  exact={r['scan_read_exact']} after_stop_ms={r['scan_read_after_stop_ms']} "
                          f"scan4={r['scan4_started_before_run0']}", file=sys.stderr)
                    write_default_doc(a.out, info, done, last, a.poll_ms)
                else:
                    write_doc(a.out, info, done, complete=last)
    finally:
        ctx.restore()


if __name__ == "__main__":
    main()
