#!/usr/bin/env python3
"""Print the markdown tables of docs/ksmd-ground-truth.md from fixtures/ksmd-truth/*.json."""
import json, os, statistics, sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "ksmd-truth")

def load(n):
    p = os.path.join(OUT, n)
    return json.load(open(p)) if os.path.exists(p) else None

def timing_table(doc, title):
    print(f"#### {title}\n")
    print("| pages_to_scan | sleep_millisecs | elapsed ms | pages_scanned (median) | 5 runs | full_scans | pages_skipped | "
          "ksmd CPU ms | CPU % of elapsed | sched-in | batch µs (median) | sleep µs (median) | pages_sharing |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in doc["settings"]:
        m = s["median"]
        runs = ", ".join(str(r["pages_scanned"]) for r in s["runs"])
        pct = 100 * m["ksmd_cpu_ms"] / m["elapsed_ms"]
        print(f'| {s["pages_to_scan"]} | {s["sleep_millisecs"]} | {m["elapsed_ms"]:.0f} | **{m["pages_scanned"]:.0f}** | {runs} | '
              f'{m["full_scans"]:.0f} | {m["pages_skipped"]:.0f} | {m["ksmd_cpu_ms"]:.0f} | {pct:.0f} | {m["ksmd_sched_in"]:.0f} | '
              f'{m["batch_dur_us_median"] if m["batch_dur_us_median"] is not None and s["sleep_millisecs"] else "-"} | '
              f'{m["sleep_us_median"] if m["sleep_us_median"] is not None else "-"} | {m["pages_sharing"]:.0f} |')
    print()

def advisor_table(doc):
    print("| step | runs | t ms (median) | scan_time s | pages_to_scan | cpu_percent |")
    print("|---:|---:|---:|---:|---:|---:|")
    for t in doc["median_trajectory"][:8]:
        print(f'| {t["step"]} | {t["runs"]} | {t["t_ms"]:.0f} | {t["scan_time_s"]} | {t["pages_to_scan"]} | {t["cpu_percent"]} |')
    print()
    print("| run | ksmd runtime at start (s) | first 6 pages_to_scan values | first 6 cpu_percent | full_scans in run |")
    print("|---:|---:|---|---|---:|")
    for i, r in enumerate(doc["runs"]):
        ev = r["advisor_events"]
        print(f'| {i} | {r["ksmd_runtime_ns_at_start"] / 1e9:.2f} | {[e[2] for e in ev[:6]]} | {[e[3] for e in ev[:6]]} | {r["full_scans"]} |')
    print()

def cost_tables(cm):
    m = cm["model"]
    print("| parameter | ns |")
    print("|---|---:|")
    for k, v in m.items():
        print(f"| `{k}` | {v} |")
    print()
    print("| scans (workload-pages-kind, scan class) | n | measured ms (median) | predicted ms | predicted/measured |")
    print("|---|---:|---:|---:|---:|")
    for k, v in cm["fit_per_scan"].items():
        print(f'| {k} | {v["n"]} | {v["measured_ms_median"]} | {v["predicted_ms"]} | {v["ratio_median"]} |')
    print()
    print("| timing setting | ksmd CPU ms (median) | predicted/measured per run | median |")
    print("|---|---:|---|---:|")
    for t in cm["fit_timing_runs_cpu"]:
        print(f'| ({t["pages_to_scan"]}, {t["sleep_millisecs"]}) | {t["ksmd_cpu_ms_median"]:.0f} | {t["predicted_over_measured"]} | {t["ratio_median"]} |')
    print()

if __name__ == "__main__":
    t = load("timing.json")
    if t:
        timing_table(t, "Boosted (SCHED_FIFO 50), mixed workload, 100 000 pages")
    nb = load("timing-noboost.json")
    if nb:
        timing_table(nb, "Not boosted (ksmd at its own SCHED_OTHER nice 5)")
    a = load("advisor.json")
    if a:
        advisor_table(a)
    c = load("cost-model.json")
    if c:
        cost_tables(c)
