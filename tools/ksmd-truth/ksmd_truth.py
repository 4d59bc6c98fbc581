#!/usr/bin/env python3
"""Record the kernel ground truth for ksmd's timing (see docs/ksmd-ground-truth.md).

Usage (root; always under the host KSM lock):
    flock /tmp/host-ksm.lock python3 tools/ksmd-truth/ksmd_truth.py timing   [--runs 5] [--out DIR]
    flock /tmp/host-ksm.lock python3 tools/ksmd-truth/ksmd_truth.py advisor  [--runs 5] [--out DIR]
    flock /tmp/host-ksm.lock python3 tools/ksmd-truth/ksmd_truth.py calibrate [--runs 3] [--out DIR]
    python3 tools/ksmd-truth/ksmd_truth.py fit [--out DIR]          # no kernel access: fits the cost model
    flock /tmp/host-ksm.lock python3 tools/ksmd-truth/ksmd_truth.py check   # KSM idle, defaults, no pages

Every measurement: fresh workload process (workload.c), KSM state clean (run=2, run=0) before and after,
ksmd boosted to SCHED_FIFO 50 while KSM runs and restored afterwards, every knob restored on exit
(also on error or SIGTERM/SIGINT).
"""
import argparse, datetime, json, os, platform, signal, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
KSM = "/sys/kernel/mm/ksm/"
TRACEFS = "/sys/kernel/tracing/"
INSTANCE = TRACEFS + "instances/ksmd-truth/"
WORKLOAD = "/tmp/ksmd-truth-workload"
# writable knobs, in restore order (advisor_mode first: pages_to_scan is refused while it is not none)
KNOBS = ["advisor_mode", "advisor_max_cpu", "advisor_min_pages_to_scan", "advisor_max_pages_to_scan",
         "advisor_target_scan_time", "max_page_sharing", "merge_across_nodes", "use_zero_pages",
         "smart_scan", "stable_node_chains_prune_millisecs", "pages_to_scan", "sleep_millisecs"]
DEFAULTS = {"advisor_mode": "none", "advisor_max_cpu": "70", "advisor_min_pages_to_scan": "500",
            "advisor_max_pages_to_scan": "30000", "advisor_target_scan_time": "200",
            "max_page_sharing": "256", "merge_across_nodes": "1", "use_zero_pages": "0",
            "smart_scan": "1", "stable_node_chains_prune_millisecs": "2000",
            "pages_to_scan": "100", "sleep_millisecs": "20"}
COUNTERS = ["pages_scanned", "pages_skipped", "full_scans", "pages_shared", "pages_sharing",
            "pages_unshared", "pages_volatile", "ksm_zero_pages", "general_profit"]
BOOST_PRIO = 50

# ---------------------------------------------------------------------------------------------- sysfs

def rd(k):
    v = open(KSM + k).read().strip()
    if k == "advisor_mode":
        return v.split("[", 1)[1].split("]", 1)[0]
    return v

def wr(k, v):
    with open(KSM + k, "w") as f:
        f.write(str(v))

def counters():
    return {k: int(rd(k)) for k in COUNTERS}

def clean_state():
    """run=2 (unmerge everything, free all rmap_items, full_scans := 0), then run=0."""
    wr("run", 2)
    wr("run", 0)

# ---------------------------------------------------------------------------------------------- ksmd

def ksmd_pid():
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if open(f"/proc/{d}/comm").read().strip() == "ksmd":
                    return int(d)
            except OSError:
                pass
    raise RuntimeError("ksmd not found")

def schedstat(pid):
    """(sum_exec_runtime ns, run-queue wait ns, number of times scheduled in)"""
    a = open(f"/proc/{pid}/schedstat").read().split()
    return int(a[0]), int(a[1]), int(a[2])

class SchedGuard:
    """Boost ksmd to SCHED_FIFO while measuring; restore the original policy, priority and nice."""
    def __init__(self, pid):
        self.pid = pid
        self.policy = os.sched_getscheduler(pid)
        self.param = os.sched_getparam(pid).sched_priority
        self.nice = os.getpriority(os.PRIO_PROCESS, pid)
        self.chrt = subprocess.run(["chrt", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
        self.boosted = False

    def boost(self, on=True):
        if on:
            os.sched_setscheduler(self.pid, os.SCHED_FIFO, os.sched_param(BOOST_PRIO))
            self.boosted = True

    def restore(self):
        os.sched_setscheduler(self.pid, self.policy, os.sched_param(self.param))
        if os.getpriority(os.PRIO_PROCESS, self.pid) != self.nice:
            os.setpriority(os.PRIO_PROCESS, self.pid, self.nice)
        self.boosted = False

    def describe(self):
        return {"policy": self.policy, "priority": self.param, "nice": self.nice, "chrt": self.chrt}

# ---------------------------------------------------------------------------------------------- trace

class Trace:
    """A private tracefs instance: ksm start/stop/advisor events + ksmd's sched_switch/sched_wakeup."""
    def __init__(self, pid):
        self.pid = pid
        if not os.path.isdir(TRACEFS + "events"):
            os.system("mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null")
        if not os.path.isdir(INSTANCE):
            os.mkdir(INSTANCE)
        self.w("tracing_on", "0")
        self.w("trace_clock", "mono")          # same clock as time.monotonic_ns()
        self.w("buffer_size_kb", "16384")
        for e in ("ksm_start_scan", "ksm_stop_scan", "ksm_advisor"):
            self.w(f"events/ksm/{e}/enable", "1")
        self.w("events/sched/sched_switch/filter", f"prev_pid == {pid} || next_pid == {pid}")
        self.w("events/sched/sched_switch/enable", "1")
        self.w("events/sched/sched_wakeup/filter", f"pid == {pid}")
        self.w("events/sched/sched_wakeup/enable", "1")
        self.w("trace", "")

    def w(self, f, v):
        with open(INSTANCE + f, "w") as fh:
            fh.write(v)

    def start(self):
        self.w("trace", "")
        self.w("tracing_on", "1")

    def stop(self):
        """Events as (t_ns, name, {field: value}), in order."""
        self.w("tracing_on", "0")
        ev = []
        text = open(INSTANCE + "trace").read()
        if os.environ.get("KSMD_TRUTH_RAWTRACE"):
            st = "".join(f"## cpu{c}: " + open(INSTANCE + f"per_cpu/cpu{c}/stats").read().replace("\n", "; ") + "\n"
                         for c in range(os.cpu_count()))
            open(os.environ["KSMD_TRUTH_RAWTRACE"], "w").write(st + text)
        self.last_lost = None
        for line in text.splitlines():
            if line.startswith("# entries-in-buffer/entries-written:"):
                a, b = line.split(":")[1].split()[0].split("/")
                self.last_lost = int(b) - int(a)
            if line.startswith("#"):
                continue
            head, sep, rest = line.partition(": ")
            if not sep:
                continue
            name, _, args = rest.partition(": ")
            try:
                ts = head.split()[-1]
                sec, usec = ts.split(".")
                t = int(sec) * 1_000_000_000 + int(usec.ljust(9, "0")[:9])
            except ValueError:
                continue
            f = {}
            if name in ("sched_switch", "sched_wakeup"):
                for tok in args.replace("==>", " ").split():
                    if "=" in tok:
                        k, v = tok.split("=", 1)
                        f[k] = v
            elif name in ("ksm_start_scan", "ksm_stop_scan"):
                t2 = args.split()       # seq %d rmap size %d
                f = {"seq": int(t2[1]), "rmap_items": int(t2[4])}
            elif name == "ksm_advisor":
                t2 = args.split()       # ksm scan time %lld pages_to_scan %lu cpu percent %u
                f = {"scan_time": int(t2[3]), "pages_to_scan": int(t2[5]), "cpu_percent": int(t2[8])}
            else:
                continue
            ev.append((t, name, f))
        self.w("trace", "")
        return ev

    def close(self):
        try:
            self.w("tracing_on", "0")
            self.w("events/enable", "0")
            self.w("events/sched/sched_switch/filter", "0")
            self.w("events/sched/sched_wakeup/filter", "0")
        except OSError:
            pass
        try:
            os.rmdir(INSTANCE)
        except OSError:
            pass

def batches_from_trace(ev, pid, t0):
    """ksmd's batches: on-CPU stretches from a wakeup to the next voluntary sleep (prev_state != R).

    Returns a list of dicts: start_us/end_us (relative to t0 = the run=1 write), dur_us (wall),
    sleep_us (from the end of this batch to the wakeup of the next one), scan (full-scan index the
    batch worked on, from ksm_start_scan/ksm_stop_scan), ends_scan (a ksm_stop_scan fell in it)."""
    spid = str(pid)
    out, cur, scan, sleeping_since = [], None, 0, None
    for t, name, f in ev:
        if name == "sched_switch":
            if f.get("next_pid") == spid and cur is None:
                cur = {"start": t, "scan": scan, "ends_scan": False,
                       "sleep_before_us": None if sleeping_since is None else (t - sleeping_since) / 1000}
            elif f.get("prev_pid") == spid and f.get("prev_state", "R")[:1] in ("S", "I") and cur is not None:
                # S: the sleep between batches (or the park after run=0); D sleeps (mutex,
                # lru_add_drain_all at a scan start) and R preemptions stay inside the batch
                cur["end"] = t
                out.append(cur)
                cur, sleeping_since = None, t
        elif name == "ksm_start_scan":
            scan = f["seq"]
            if cur is not None:
                cur["scan"] = scan
        elif name == "ksm_stop_scan":
            if cur is not None:
                cur["ends_scan"] = True
            scan = f["seq"] + 1
    res = []
    for b in out:
        res.append({"start_us": round((b["start"] - t0) / 1000, 1), "dur_us": round((b["end"] - b["start"]) / 1000, 1),
                    "scan": b["scan"], "ends_scan": b["ends_scan"],
                    "sleep_before_us": None if b["sleep_before_us"] is None else round(b["sleep_before_us"], 1)})
    return res

# ---------------------------------------------------------------------------------------------- workload

def build_workload():
    src = os.path.join(HERE, "workload.c")
    if not os.path.exists(WORKLOAD) or os.path.getmtime(WORKLOAD) < os.path.getmtime(src):
        subprocess.run(["cc", "-O2", "-o", WORKLOAD, src], check=True)

WORKLOADS = {
    # name: (repeated fraction, period)
    "mixed": (0.5, 64),     # half the pages from 64 repeated contents, half unique
    "unique": (0.0, 1),     # all distinct
    "same": (1.0, 1),       # all identical (non-zero) content
}

class Workload:
    def __init__(self, kind, pages):
        frac, period = WORKLOADS[kind]
        nrep = int(round(pages * frac))
        self.p = subprocess.Popen([WORKLOAD, str(pages), str(nrep), str(period)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.p.stdout.readline().split()
        if not line or line[0] != "ready":
            self.close()
            raise RuntimeError("workload failed to start")
        self.pid = int(line[1])

    def close(self):
        try:
            self.p.stdin.close()
        except Exception:
            pass
        try:
            self.p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()

LIVE = []

def foreign_ksm_users():
    users = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            st = open(f"/proc/{d}/ksm_stat").read()
        except OSError:
            continue
        if "ksm_mergeable: yes" in st or "ksm_merge_any: yes" in st:
            users.append(f"{d} {open(f'/proc/{d}/comm').read().strip()}")
    return users

# ---------------------------------------------------------------------------------------------- one run

def cpu_stat():
    """/proc/stat 'cpu' line: (total jiffies, idle+iowait jiffies, steal jiffies)"""
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return sum(f[:8]), f[3] + f[4], f[7]

def sleep_until(t_ns):
    while True:
        d = t_ns - time.monotonic_ns()
        if d <= 0:
            return
        if d > 3_000_000:
            time.sleep((d - 2_000_000) / 1e9)
        else:
            pass  # spin the last 2-3 ms for precision

def measure(ctx, kind, pages, knobs, ms, boost=True, trace=True):
    """One measurement: fresh workload, knobs, run=1 for `ms` ms, run=0, counters."""
    clean_state()
    wl = Workload(kind, pages)
    LIVE.append(wl)
    try:
        # advisor_mode first (entering scan-time sets pages_to_scan := advisor_min_pages_to_scan)
        # order: the advisor_* limits, then advisor_mode, then the rest (pages_to_scan is refused while
        # the advisor is on; entering scan-time sets pages_to_scan := advisor_min_pages_to_scan)
        order = [k for k in knobs if k.startswith("advisor_") and k != "advisor_mode"]
        order += [k for k in knobs if k == "advisor_mode"]
        order += [k for k in knobs if not k.startswith("advisor_")]
        for k in order:
            wr(k, knobs[k])
        c0 = counters()
        ptscan0 = int(rd("pages_to_scan"))
        s0 = schedstat(ctx.pid)
        p0 = cpu_stat()
        if boost:
            ctx.sched.boost()
        if trace:
            ctx.trace.start()
        t0 = time.monotonic_ns()
        wr("run", 1)
        t1 = time.monotonic_ns()
        samples = []
        if ctx.sample_ms:
            nxt = t0
            while True:
                nxt += ctx.sample_ms * 1_000_000
                if nxt >= t0 + ms * 1_000_000:
                    break
                sleep_until(nxt)
                samples.append([round((time.monotonic_ns() - t0) / 1e6, 1), int(rd("full_scans")),
                                int(rd("pages_scanned")) - c0["pages_scanned"], int(rd("pages_to_scan")),
                                schedstat(ctx.pid)[0] - s0[0]])
        sleep_until(t0 + ms * 1_000_000)
        t2 = time.monotonic_ns()
        wr("run", 0)
        t3 = time.monotonic_ns()
        s1 = schedstat(ctx.pid)
        p1 = cpu_stat()
        c1 = counters()
        ptscan1 = int(rd("pages_to_scan"))
        ev = ctx.trace.stop() if trace else []
    finally:
        if ctx.sched.boosted:
            ctx.sched.restore()
        wl.close()
        LIVE.remove(wl)
    clean_state()
    if "advisor_mode" in knobs:
        wr("advisor_mode", "none")
    bl = batches_from_trace(ev, ctx.pid, t0) if trace else []
    scans = [[round((t - t0) / 1e6, 3), n[4:-5], f["seq"], f["rmap_items"]]
             for t, n, f in ev if n in ("ksm_start_scan", "ksm_stop_scan")]
    adv = [[round((t - t0) / 1e6, 3), f["scan_time"], f["pages_to_scan"], f["cpu_percent"]]
           for t, n, f in ev if n == "ksm_advisor"]
    sleeps = [b["sleep_before_us"] for b in bl if b["sleep_before_us"] is not None]
    durs = [b["dur_us"] for b in bl]
    r = {
        "elapsed_ms": round((t3 - t0) / 1e6, 3),          # write of run=1 started .. write of run=0 returned
        "requested_ms": round((t2 - t0) / 1e6, 3),        # write of run=1 started .. write of run=0 started
        "run1_write_us": round((t1 - t0) / 1e3, 1),
        "run0_write_us": round((t3 - t2) / 1e3, 1),       # waits for the batch in progress (mutex)
        "pages_scanned": c1["pages_scanned"] - c0["pages_scanned"],
        "pages_skipped": c1["pages_skipped"] - c0["pages_skipped"],
        "full_scans": c1["full_scans"] - c0["full_scans"],
        "pages_shared": c1["pages_shared"], "pages_sharing": c1["pages_sharing"],
        "pages_unshared": c1["pages_unshared"], "pages_volatile": c1["pages_volatile"],
        "pages_to_scan_end": ptscan1,
        "ksmd_cpu_ms": round((s1[0] - s0[0]) / 1e6, 3),
        "ksmd_runqueue_wait_ms": round((s1[1] - s0[1]) / 1e6, 3),
        "ksmd_sched_in": s1[2] - s0[2],
        # whole machine during the run: fraction of CPU time not idle (all CPUs, ksmd included), steal
        "machine_busy_frac": round(1 - (p1[1] - p0[1]) / max(1, p1[0] - p0[0]), 3),
        "machine_steal_frac": round((p1[2] - p0[2]) / max(1, p1[0] - p0[0]), 4),
        "batches_traced": len(bl),
        "trace_events_lost": ctx.trace.last_lost if trace else None,
        "batch_dur_us_median": round(statistics.median(durs), 1) if durs else None,
        "sleep_us_median": round(statistics.median(sleeps), 1) if sleeps else None,
    }
    if "advisor_mode" in knobs:
        r["ksmd_runtime_ns_at_start"] = s0[0]
        r["pages_to_scan_start"] = ptscan0
    raw = {"batches": [[b["start_us"], b["dur_us"], b["scan"], int(b["ends_scan"]), b["sleep_before_us"]] for b in bl],
           "scans": scans, "advisor": adv, "samples": samples}
    return r, raw

# ---------------------------------------------------------------------------------------------- context

class Ctx:
    def __init__(self, trace=True):
        if os.geteuid() != 0:
            raise SystemExit("needs root")
        build_workload()
        busy = foreign_ksm_users()
        if busy:
            raise SystemExit("other KSM users present: " + ", ".join(busy))
        self.saved = {k: rd(k) for k in KNOBS}
        self.saved_run = rd("run")
        if self.saved_run != "0":
            raise SystemExit(f"KSM run is {self.saved_run}, not 0: someone else is using it")
        self.pid = ksmd_pid()
        self.sched = SchedGuard(self.pid)
        self.trace = Trace(self.pid) if trace else None
        self.sample_ms = 0

    def restore(self):
        try:
            if self.sched.boosted:
                self.sched.restore()
        except Exception as e:
            print("restore sched failed:", e, file=sys.stderr)
        for wl in list(LIVE):
            wl.close()
        try:
            wr("run", 2)
        except OSError as e:
            print("run=2 failed:", e, file=sys.stderr)
        for k in KNOBS:
            try:
                if rd(k) != self.saved[k]:
                    wr(k, self.saved[k])
            except OSError as e:
                print(f"restore {k} failed:", e, file=sys.stderr)
        wr("run", self.saved_run)
        if self.trace:
            self.trace.close()
        # the sched restore must leave ksmd as found
        now = (os.sched_getscheduler(self.pid), os.getpriority(os.PRIO_PROCESS, self.pid))
        if now != (self.sched.policy, self.sched.nice):
            print("WARNING: ksmd sched not restored:", now, file=sys.stderr)

def machine_info(ctx):
    hz = None
    for path in (f"/boot/config-{platform.release()}",):
        if os.path.exists(path):
            for l in open(path):
                if l.startswith("CONFIG_HZ="):
                    hz = int(l.split("=")[1])
    if hz is None and os.path.exists("/proc/config.gz"):
        import gzip
        for l in gzip.open("/proc/config.gz", "rt"):
            if l.startswith("CONFIG_HZ="):
                hz = int(l.split("=")[1])
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), None)
    return {"kernel": platform.release(), "hz": hz, "cpu_model": cpu, "cpus": os.cpu_count(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "ksmd_sched_original": ctx.sched.describe(),
            "ksmd_boost": f"SCHED_FIFO {BOOST_PRIO} while run=1 (restored after each measurement)",
            "loadavg_at_start": open("/proc/loadavg").read().split()[:3]}

def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None

def summarize(runs, keys):
    return {k: med([r[k] for r in runs]) for k in keys}

SUMMARY_KEYS = ["machine_busy_frac", "elapsed_ms", "pages_scanned", "pages_skipped", "full_scans", "pages_shared", "pages_sharing",
                "pages_unshared", "pages_volatile", "ksmd_cpu_ms", "ksmd_sched_in", "batches_traced",
                "batch_dur_us_median", "sleep_us_median", "run0_write_us"]

def dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    print("wrote", path, file=sys.stderr)

# ---------------------------------------------------------------------------------------------- commands

def trace_complete(r, pts, slp):
    """The tracefs instance occasionally misses stretches of ksmd's sched events (cause not found);
    a run's batch list is complete when it has at least one batch per pages_to_scan pages scanned."""
    if slp == 0:
        return None
    return r["batches_traced"] >= r["pages_scanned"] // pts

TIMING_SETTINGS = [(100, 20), (100, 1), (1000, 20), (1000, 0), (5000, 10), (20000, 20), (100, 0)]

def cmd_timing(ctx, a):
    info = machine_info(ctx)
    doc = {"format": "ksmd-truth/timing v1", "machine": info,
           "workload": {"kind": a.kind, "pages": a.pages, "processes": 1,
                        "description": WORKLOAD_DESC[a.kind]},
           "knobs_fixed": {k: DEFAULTS[k] for k in KNOBS if k not in ("pages_to_scan", "sleep_millisecs")},
           "run_ms": a.ms, "settings": []}
    raw = {"format": "ksmd-truth/timing-raw v1", "settings": []}
    settings = TIMING_SETTINGS if not a.only else [tuple(map(int, s.split(","))) for s in a.only]
    runs = {s: [] for s in settings}
    raws = {s: [] for s in settings}
    # round-robin over the settings (run i of every setting, then run i+1), so that a slow drift of the
    # machine's background load spreads evenly over the settings
    for i in range(a.runs):
        for pts, slp in settings:
            r, rw = measure(ctx, a.kind, a.pages, {"advisor_mode": "none", "pages_to_scan": pts,
                                                   "sleep_millisecs": slp}, a.ms, boost=not a.no_boost)
            r["trace_complete"] = trace_complete(r, pts, slp)
            runs[(pts, slp)].append(r)
            raws[(pts, slp)].append(rw)
            print(f"pts={pts} sleep={slp} run{i}: scanned={r['pages_scanned']} full={r['full_scans']} "
                  f"cpu={r['ksmd_cpu_ms']}ms elapsed={r['elapsed_ms']} batches={r['batches_traced']} "
                  f"bdur={r['batch_dur_us_median']} sleep={r['sleep_us_median']} busy={r['machine_busy_frac']}",
                  file=sys.stderr)
    for pts, slp in settings:
        rs = runs[(pts, slp)]
        doc["settings"].append({"pages_to_scan": pts, "sleep_millisecs": slp, "boosted": not a.no_boost,
                                "runs": rs, "median": summarize(rs, SUMMARY_KEYS)})
        raw["settings"].append({"pages_to_scan": pts, "sleep_millisecs": slp, "runs": raws[(pts, slp)]})
    suffix = a.suffix or ""
    add_scan_ends(doc, raw)
    dump(os.path.join(a.out, f"timing{suffix}.json"), doc)
    dump(os.path.join(a.out, f"timing{suffix}-batches.json"), raw)

WORKLOAD_DESC = {
    "mixed": "one process, one VMA of PAGES 4 KiB pages: pages [0, PAGES/2) cycle through 64 distinct contents, "
             "pages [PAGES/2, PAGES) all distinct; MADV_NOHUGEPAGE then MADV_MERGEABLE over the whole VMA",
    "unique": "one process, one VMA of PAGES 4 KiB pages, all distinct contents; MADV_NOHUGEPAGE, MADV_MERGEABLE",
    "same": "one process, one VMA of PAGES 4 KiB pages, all the same non-zero content; MADV_NOHUGEPAGE, MADV_MERGEABLE",
}

def add_scan_ends(doc, raw):
    """Per setting: median time from the run=1 write to the end (ksm_stop_scan) of full scan k, over the
    scans every run reached (scan_end_ms), k = 0, 1, ... - a smooth figure, unlike pages_scanned at
    sleep 0; scans only some runs reached: scan_end_ms_partial [[k, runs, median ms], ...]."""
    for st, rs in zip(doc["settings"], raw["settings"]):
        ends = {}
        for r in rs["runs"]:
            for t, kind, seq, _ in r["scans"]:
                if kind == "stop":
                    ends.setdefault(seq, []).append(t)
        n = len(rs["runs"])
        st["median"]["scan_end_ms"] = [round(statistics.median(ends[k]), 1) for k in sorted(ends) if len(ends[k]) == n]
        st["median"]["scan_end_ms_partial"] = [[k, len(ends[k]), round(statistics.median(ends[k]), 1)]
                                               for k in sorted(ends) if 0 < len(ends[k]) < n]
        st["median"].pop("scan_end_runs", None)

def cmd_postprocess(ctx, a):
    for suffix in ("", "-noboost"):
        p = os.path.join(a.out, f"timing{suffix}.json")
        q = os.path.join(a.out, f"timing{suffix}-batches.json")
        if os.path.exists(p) and os.path.exists(q):
            doc, raw = json.load(open(p)), json.load(open(q))
            add_scan_ends(doc, raw)
            dump(p, doc)

ADV_KEEP = 40

def cmd_advisor(ctx, a):
    info = machine_info(ctx)
    knobs = {"advisor_mode": "scan-time", "sleep_millisecs": a.sleep,
             "advisor_target_scan_time": a.target, "advisor_min_pages_to_scan": a.min_pages,
             "advisor_max_pages_to_scan": 30000, "advisor_max_cpu": 70}
    doc = {"format": "ksmd-truth/advisor v1", "machine": info,
           "workload": {"kind": a.kind, "pages": a.pages, "processes": 1, "description": WORKLOAD_DESC[a.kind]},
           "knobs": knobs, "run_ms": a.ms, "sample_ms": a.sample, "runs": [],
           "columns": {"advisor_events": ["t_ms", "scan_time_s", "pages_to_scan", "cpu_percent"],
                       "scan_events": ["t_ms", "start|stop", "seq", "rmap_items"],
                       "samples": ["t_ms", "full_scans", "pages_scanned_since_start", "pages_to_scan",
                                   "ksmd_cpu_ns_since_start"]}}
    ctx.sample_ms = a.sample
    for i in range(a.runs):
        r, rw = measure(ctx, a.kind, a.pages, dict(knobs), a.ms)
        # once the advisor has reached advisor_max_pages_to_scan nothing changes any more: keep the head
        r["advisor_events_total"] = len(rw["advisor"])
        r["advisor_events"] = rw["advisor"][:ADV_KEEP]
        r["scan_events_total"] = len(rw["scans"])
        r["scan_events"] = rw["scans"][:2 * ADV_KEEP]
        r["samples"] = rw["samples"]
        doc["runs"].append(r)
        print(f"advisor run{i}: full={r['full_scans']} scanned={r['pages_scanned']} "
              f"adv={[e[2] for e in rw['advisor']]}", file=sys.stderr)
    ctx.sample_ms = 0
    # per-step medians of the trajectory (step k = k-th ksm_advisor event)
    steps = max(len(r["advisor_events"]) for r in doc["runs"])
    traj = []
    for k in range(steps):
        ev = [r["advisor_events"][k] for r in doc["runs"] if len(r["advisor_events"]) > k]
        traj.append({"step": k, "runs": len(ev), "t_ms": med([e[0] for e in ev]), "scan_time_s": med([e[1] for e in ev]),
                     "pages_to_scan": med([e[2] for e in ev]), "cpu_percent": med([e[3] for e in ev])})
    doc["median_trajectory"] = traj
    dump(os.path.join(a.out, f"advisor{a.suffix or ''}.json"), doc)

CAL_CASES = [  # (workload, pages, pages_to_scan, sleep_ms, run ms)
    ("unique", 50000, 5000, 20, 6000),
    ("unique", 5000, 500, 20, 3000),
    ("same", 50000, 5000, 20, 6000),
    ("mixed", 50000, 5000, 20, 6000),
]

CAL_CASES_WHOLE = [  # pages_to_scan >= pages: every batch is exactly one full scan
    ("unique", 50000, 1000000, 100, 4000),
    ("unique", 5000, 1000000, 100, 3000),
    ("unique", 200000, 1000000, 100, 6000),
    ("same", 50000, 1000000, 100, 4000),
    ("mixed", 50000, 1000000, 100, 4000),
]

def cmd_calibrate(ctx, a):
    info = machine_info(ctx)
    whole = a.whole_scans
    doc = {"format": "ksmd-truth/calibration v1", "machine": info, "cases": [],
           "batches_columns": ["start_us", "dur_us", "scan", "ends_scan", "sleep_before_us"]}
    for kind, pages, pts, slp, ms in (CAL_CASES_WHOLE if whole else CAL_CASES):
        runs = []
        for i in range(a.runs):
            r, rw = measure(ctx, kind, pages, {"advisor_mode": "none", "pages_to_scan": pts, "sleep_millisecs": slp}, ms)
            r["batches"] = rw["batches"]
            r["scan_events"] = rw["scans"]
            runs.append(r)
            print(f"cal {kind} P={pages} pts={pts}: full={r['full_scans']} scanned={r['pages_scanned']} "
                  f"skipped={r['pages_skipped']} cpu={r['ksmd_cpu_ms']}", file=sys.stderr)
        doc["cases"].append({"workload": kind, "pages": pages, "pages_to_scan": pts, "sleep_millisecs": slp,
                             "run_ms": ms, "runs": runs})
    dump(os.path.join(a.out, "calibration-whole-scans.json" if whole else "calibration.json"), doc)

def cmd_check(ctx, a):
    wr("run", 2)
    wr("run", 0)
    c = counters()
    bad = {k: v for k, v in c.items() if k in ("pages_shared", "pages_sharing", "pages_unshared", "ksm_zero_pages") and v}
    knobs = {k: rd(k) for k in KNOBS}
    diff = {k: v for k, v in knobs.items() if v != DEFAULTS[k]}
    procs = subprocess.run(["pgrep", "-f", WORKLOAD], capture_output=True, text=True).stdout.split()
    print(json.dumps({"run": rd("run"), "counters": c, "non_default_knobs": diff, "workloads_alive": procs,
                      "ksmd": subprocess.run(["chrt", "-p", str(ctx.pid)], capture_output=True, text=True).stdout.strip(),
                      "ksmd_nice": os.getpriority(os.PRIO_PROCESS, ctx.pid)}, indent=1))
    if bad or diff or procs:
        sys.exit(1)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["timing", "advisor", "calibrate", "fit", "check", "postprocess"])
    ap.add_argument("--out", default=os.path.join(ROOT, "fixtures", "ksmd-truth"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--kind", default="mixed", choices=list(WORKLOADS))
    ap.add_argument("--pages", type=int, default=100000)
    ap.add_argument("--ms", type=int, default=2000)
    ap.add_argument("--only", nargs="*", help="timing: settings as PTS,SLEEP")
    ap.add_argument("--no-boost", action="store_true")
    ap.add_argument("--whole-scans", action="store_true", help="calibrate: pages_to_scan >= pages (one scan per batch)")
    ap.add_argument("--suffix", default="")
    ap.add_argument("--sleep", type=int, default=20, help="advisor: sleep_millisecs")
    ap.add_argument("--target", type=int, default=1, help="advisor: advisor_target_scan_time (s)")
    ap.add_argument("--min-pages", type=int, default=500, help="advisor: advisor_min_pages_to_scan")
    ap.add_argument("--sample", type=int, default=250, help="advisor: sysfs sampling period (ms)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.cmd == "fit":
        sys.path.insert(0, HERE)
        import fit_cost
        fit_cost.main(a.out)
        return
    if a.cmd == "postprocess":
        cmd_postprocess(None, a)
        return
    def on_signal(sig, frm):
        raise KeyboardInterrupt(f"signal {sig}")
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    ctx = Ctx(trace=a.cmd != "check")
    try:
        {"timing": cmd_timing, "advisor": cmd_advisor, "calibrate": cmd_calibrate, "check": cmd_check}[a.cmd](ctx, a)
    finally:
        ctx.restore()

if __name__ == "__main__":
    main()
