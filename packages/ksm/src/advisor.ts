/**
 * The scan-time advisor of mm/ksm.c (advisor_mode = scan-time, Linux 6.8+):
 * once per completed full scan it sets pages_to_scan so that a full scan
 * takes about advisor_target_scan_time seconds, smoothed by an EWMA and
 * capped by ksmd's CPU use (ksm-semantics §8.2). The arithmetic is the
 * kernel's on unsigned longs (64-bit), done here in bigints.
 */
import type { KsmState } from "./engine.js";

/** KSM_ADVISOR_MIN_CPU: the lower CPU cap, percent. */
export const KSM_ADVISOR_MIN_CPU = 10n;
/** EWMA_WEIGHT: weight of the newest change, percent. */
export const EWMA_WEIGHT = 30n;

const U64 = (1n << 64n) - 1n;
const U32 = (1n << 32n) - 1n;

/** struct advisor_ctx (times in ns; scan_time in seconds). */
export interface AdvisorCtx {
  /** ktime at advisor_start_scan, ns. */
  startScanNs: number;
  /** The last scan time, seconds (0: none yet). */
  scanTime: bigint;
  /** The smoothed change factor, percent. */
  change: bigint;
  /** ksmd's runtime at the last computation, ns. */
  cpuTime: bigint;
}

export function newAdvisorCtx(): AdvisorCtx {
  return { startScanNs: 0, scanTime: 0n, change: 0n, cpuTime: 0n };
}

/** What one scan_time_advisor() computation reads. */
export interface AdvisorInput {
  /** ktime_get() - start_scan, ns. */
  elapsedNs: number;
  /** task_sched_runtime(ksmd), ns. */
  runtimeNs: number;
  pagesToScan: number;
  targetScanTime: number;
  maxCpu: number;
  maxPagesToScan: number;
  /** The context before this computation. */
  ctx: Readonly<AdvisorCtx>;
}

/** What it produces: the new context values, the new pages_to_scan and the trace fields. */
export interface AdvisorStep {
  scanTime: bigint;
  change: bigint;
  cpuTime: bigint;
  cpuPercent: number;
  /** `pages` as traced (unsigned long). */
  pages: bigint;
  /** ksm_thread_pages_to_scan = pages (unsigned int). */
  pagesToScan: number;
}

const nz = (v: bigint): bigint => (v === 0n ? 1n : v);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const u64 = (v: bigint): bigint => v & U64;

/** ewma(prev, curr) */
export function ewma(prev: bigint, curr: bigint): bigint {
  return u64((100n - EWMA_WEIGHT) * prev + EWMA_WEIGHT * curr) / 100n;
}

/** scan_time_advisor()'s arithmetic, as a pure function of its inputs. */
export function scanTimeAdvisorStep(x: AdvisorInput): AdvisorStep {
  const ctx = x.ctx;
  // scan_time = div_s64(ktime_ms_delta(now, start_scan), MSEC_PER_SEC), at least 1
  const scanTime = nz(u64(BigInt(Math.trunc(Math.trunc(x.elapsedNs / 1e6) / 1000))));
  const cpuTime = BigInt(Math.trunc(x.runtimeNs));
  const cpuTimeDiffMs = u64(cpuTime - ctx.cpuTime) / 1000n / 1000n;
  const cpuPercent = nz((u64(cpuTimeDiffMs * 100n) / u64(scanTime * 1000n)) & U32);
  const lastScanTime = ctx.scanTime !== 0n ? ctx.scanTime : scanTime; // prev_scan_time
  const factor = nz(u64(BigInt(x.targetScanTime) * 100n) / scanTime);
  let change = nz(u64(scanTime * 100n) / lastScanTime);
  change = ewma(ctx.change, change);
  const pagesToScan = BigInt(x.pagesToScan);
  let pages = u64(pagesToScan * 100n) / factor;
  pages = u64(pages * change) / 100n;
  const perPageCost = nz(pagesToScan / cpuPercent);
  pages = min(pages, u64(perPageCost * (BigInt(x.maxCpu) & U32)));
  pages = max(pages, perPageCost * KSM_ADVISOR_MIN_CPU);
  pages = min(pages, BigInt(x.maxPagesToScan));
  return { scanTime, change, cpuTime, cpuPercent: Number(cpuPercent), pages, pagesToScan: Number(pages & U32) };
}

/** advisor_start_scan */
export function advisorStartScan(k: KsmState): void {
  if (k.knobs.advisorMode === "scan-time") k.advisorCtx.startScanNs = k.ktimeNs();
}

/** advisor_stop_scan: scan_time_advisor() in scan-time mode. */
export function advisorStopScan(k: KsmState): void {
  if (k.knobs.advisorMode === "scan-time") scanTimeAdvisor(k);
}

/** scan_time_advisor: the new pages_to_scan, the context update, trace_ksm_advisor. */
export function scanTimeAdvisor(k: KsmState): void {
  const kn = k.knobs;
  const ctx = k.advisorCtx;
  const r = scanTimeAdvisorStep({
    elapsedNs: k.ktimeNs() - ctx.startScanNs,
    runtimeNs: k.ksmdRuntime(),
    pagesToScan: kn.pagesToScan,
    targetScanTime: kn.advisorTargetScanTime,
    maxCpu: kn.advisorMaxCpu,
    maxPagesToScan: kn.advisorMaxPagesToScan,
    ctx,
  });
  ctx.change = r.change;
  ctx.scanTime = r.scanTime;
  ctx.cpuTime = r.cpuTime;
  kn.pagesToScan = r.pagesToScan;
  k.tracer.advisor(Number(r.scanTime), Number(r.pages), r.cpuPercent);
}

/** set_advisor_defaults: on an actual advisor_mode change. */
export function setAdvisorDefaults(k: KsmState): void {
  const kn = k.knobs;
  if (kn.advisorMode === "none") {
    kn.pagesToScan = 100; // DEFAULT_PAGES_TO_SCAN
  } else {
    const ctx = k.advisorCtx;
    ctx.startScanNs = 0;
    ctx.scanTime = 0n;
    ctx.change = 0n;
    ctx.cpuTime = 0n;
    kn.pagesToScan = Number(BigInt(kn.advisorMinPagesToScan) & U32);
  }
}
