#!/usr/bin/env python3
"""A small reference model of ksmd's timing (jiffy-quantised sleeps + the fitted cost model), replayed
on the timing table's settings, to check that the documented model explains the kernel's figures.
Not the simulator: a cross-check for it. Prints a markdown table; writes reference-model.json.

Model:
- pages in address order: the mixed workload's repeated half, then its unique half; each full scan
  visits them in that order (fit_cost.scan_mix gives what each page does in scan s);
- a batch takes up to pages_to_scan processed pages; smart-scan-skipped pages cost skip_ns and do not
  use the budget; a batch ends at the end of a full scan (an exact multiple leaves one empty batch);
- batch time = batch_ns (batch_nosleep_ns when sleep is 0) + sum of its pages' costs, stretched by
  1/cpu_share when sleep is 0 (RT
  throttling / fair server leave ~4 % to others);
- after a batch ending at time te: sleep 0 -> next batch at once; else j = ceil(ms * HZ / 1000) and the
  next batch starts at tick floor(te / jiffy) + j + 1 (+ wake latency);
- run=0 at N ms: the batch in progress completes and counts.
"""
import json, math, os, statistics, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fit_cost import scan_mix  # noqa: E402

def page_costs(kind, pages, s, m):
    """List of (cost_ns, counts_in_budget) per page of scan s in address order, run-length encoded."""
    mix = scan_mix(kind, pages, s)
    nrep = {"unique": 0, "same": pages, "mixed": pages // 2}[kind]
    nuni = pages - nrep
    if s == 0:
        return [(m["first_visit_ns"], True, pages)]
    segs = []
    if nrep:
        if s == 1:
            per = m["revisit_ns"] + m["merge_ns"] + m["stable_compare_ns"] * mix["stable_compares"] / max(1, nrep) \
                if nuni == 0 else m["revisit_ns"] + m["merge_ns"]
            segs.append((per, True, nrep))
        else:
            segs.append((m["ksm_page_ns"], True, nrep))
    if nuni:
        if mix["revisit"] >= nuni:
            cmp = (mix["compares"] * m["compare_ns"] + mix["stable_compares"] * m["stable_compare_ns"]) / nuni
            if s == 1 and nrep:
                cmp = mix["compares"] * m["compare_ns"] / nuni
            segs.append((m["revisit_ns"] + cmp, True, nuni))
        else:
            segs.append((m["skip_ns"], False, nuni))
    return segs

def replay(kind, pages, pts, sleep_ms, n_ms, m, hz=250, wake_ns=20000, cpu_share=0.96):
    jiffy = 1e9 / hz
    j = math.ceil(sleep_ms * hz / 1000) if sleep_ms else 0
    t, end = 0.0, n_ms * 1e6
    s, seg_i, seg_off = 0, 0, 0
    segs = page_costs(kind, pages, 0, m)
    scanned, full = 0, 0
    batches, scan_ends = 0, []
    t += 100000  # the run=1 write wakes ksmd
    while True:
        # one batch
        cost, budget = (m["batch_ns"] if sleep_ms else m.get("batch_nosleep_ns", m["batch_ns"])), pts
        while True:
            if budget == 0:                 # checked first: the end of a scan is only met by the next call
                break
            if seg_i >= len(segs):          # end of the full scan: the batch ends here
                full += 1
                scan_ends.append(round((t + (cost / (cpu_share if sleep_ms == 0 else 1.0))) / 1e6, 1))
                s += 1
                segs, seg_i, seg_off = page_costs(kind, pages, s, m), 0, 0
                break
            c, counts, n = segs[seg_i]
            left = n - seg_off
            take = min(left, budget) if counts else left
            cost += c * take
            if counts:
                budget -= take
                scanned += take
            seg_off += take
            if seg_off >= n:
                seg_i, seg_off = seg_i + 1, 0
        batches += 1
        dur = cost / (cpu_share if sleep_ms == 0 else 1.0)
        te = t + dur
        if te >= end:
            break
        if j == 0:
            t = te + 2000
        else:
            t = (math.floor(te / jiffy) + j + 1) * jiffy + wake_ns
        if t >= end:
            break
    return {"pages_scanned": scanned, "full_scans": full, "batches": batches, "scan_end_ms": scan_ends}

def main(out):
    tim = json.load(open(os.path.join(out, "timing.json")))
    cm = json.load(open(os.path.join(out, "cost-model.json")))["model"]
    hz = tim["machine"]["hz"]
    rows = []
    print("| setting | kernel pages_scanned (median) | model | model/kernel | kernel full_scans | model |")
    print("|---|---:|---:|---:|---:|---:|")
    for st in tim["settings"]:
        med = st["median"]
        r = replay(tim["workload"]["kind"], tim["workload"]["pages"], st["pages_to_scan"], st["sleep_millisecs"],
                   med["elapsed_ms"], cm, hz=hz)
        ratio = r["pages_scanned"] / med["pages_scanned"]
        rows.append({"pages_to_scan": st["pages_to_scan"], "sleep_millisecs": st["sleep_millisecs"],
                     "kernel_pages_scanned": med["pages_scanned"], "model_pages_scanned": r["pages_scanned"],
                     "ratio": round(ratio, 3), "kernel_full_scans": med["full_scans"], "model_full_scans": r["full_scans"],
                     "kernel_scan_end_ms": med.get("scan_end_ms"), "model_scan_end_ms": r["scan_end_ms"]})
        print(f'| ({st["pages_to_scan"]}, {st["sleep_millisecs"]}) | {med["pages_scanned"]:.0f} | {r["pages_scanned"]} | '
              f'{ratio:.3f} | {med["full_scans"]:.0f} | {r["full_scans"]} |')
    print()
    print("| setting | end of full scan k, ms: kernel (median, all runs) / model |")
    print("|---|---|")
    for x in rows:
        if x["kernel_scan_end_ms"]:
            pairs = ", ".join(f"{k}: {a:.0f}/{b:.0f}" for k, (a, b) in enumerate(zip(x["kernel_scan_end_ms"], x["model_scan_end_ms"])))
            print(f'| ({x["pages_to_scan"]}, {x["sleep_millisecs"]}) | {pairs} |')
    with open(os.path.join(out, "reference-model.json"), "w") as f:
        json.dump({"format": "ksmd-truth/reference-model v1", "cost_model": cm, "hz": hz, "rows": rows}, f, indent=1)
        f.write("\n")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "fixtures", "ksmd-truth"))
