/**
 * The `ksm` trace events (include/trace/events/ksm.h), with their print
 * formats as `key=value` words. Identities are raw simulator numbers (pfn,
 * rmap_item id, mm id); renaming by first appearance is the scenario layer's.
 */

export interface TraceEvent {
  /** Simulated time in seconds. */
  t: number;
  event: string;
  args: string;
}

export type TraceSink = (event: TraceEvent) => void;

/** The engine's tracer: a no-op unless a sink is attached. */
export class Tracer {
  sink: TraceSink | null = null;
  /** Simulated time, seconds, between ksmd batches. */
  nowSeconds = 0;
  /** ksmd's batch clock while a batch runs: seconds, advancing as the batch's work is charged. */
  clock: (() => number) | null = null;

  get on(): boolean {
    return this.sink !== null;
  }

  private emit(event: string, args: string): void {
    this.sink?.({ t: this.clock === null ? this.nowSeconds : this.clock(), event, args });
  }

  /** trace_ksm_start_scan(seq, rmap_entries) */
  startScan(seq: number, size: number): void {
    if (this.sink) this.emit("ksm_start_scan", `seq=${seq} size=${size}`);
  }
  /** trace_ksm_stop_scan(seq, rmap_entries) */
  stopScan(seq: number, size: number): void {
    if (this.sink) this.emit("ksm_stop_scan", `seq=${seq} size=${size}`);
  }
  /** trace_ksm_enter(mm) */
  enter(mm: number): void {
    if (this.sink) this.emit("ksm_enter", `mm=${mm}`);
  }
  /** trace_ksm_exit(mm) */
  exit(mm: number): void {
    if (this.sink) this.emit("ksm_exit", `mm=${mm}`);
  }
  /** trace_ksm_merge_one_page(pfn, rmap_item, mm, err): the zero-page merge attempt. */
  mergeOnePage(pfn: number, item: number, mm: number, err: number): void {
    if (this.sink) this.emit("ksm_merge_one_page", `ksm pfn=${pfn} rmap_item=${item} mm=${mm} error=${err}`);
  }
  /** trace_ksm_merge_with_ksm_page(ksm_page, pfn, rmap_item, mm, err): "ksm " when ksm_page is not NULL. */
  mergeWithKsmPage(withKsmPage: boolean, pfn: number, item: number, mm: number, err: number): void {
    if (this.sink) {
      this.emit(
        "ksm_merge_with_ksm_page",
        `${withKsmPage ? "ksm " : ""}pfn=${pfn} rmap_item=${item} mm=${mm} error=${err}`,
      );
    }
  }
  /** trace_ksm_remove_ksm_page(pfn) */
  removeKsmPage(pfn: number): void {
    if (this.sink) this.emit("ksm_remove_ksm_page", `pfn=${pfn}`);
  }
  /** trace_ksm_remove_rmap_item(pfn, rmap_item, mm) */
  removeRmapItem(pfn: number, item: number, mm: number): void {
    if (this.sink) this.emit("ksm_remove_rmap_item", `pfn=${pfn} rmap_item=${item} mm=${mm}`);
  }
  /** trace_ksm_advisor(scan_time, pages_to_scan, cpu_percent) */
  advisor(scanTime: number, pagesToScan: number, cpuPercent: number): void {
    if (this.sink)
      this.emit("ksm_advisor", `scan_time=${scanTime} pages_to_scan=${pagesToScan} cpu_percent=${cpuPercent}`);
  }
}
