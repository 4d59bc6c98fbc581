/**
 * This process's peak resident set, in bytes. On Linux: VmHWM of
 * /proc/self/status, the high-water mark of this process's own memory map.
 * Not process.resourceUsage().maxRSS there: getrusage keeps the larger of
 * the map's mark and the one execve() saved from the map before it, which
 * for a forked node is a copy of its parent's (a child of a parent holding
 * 5 GiB reported 5 GiB). Elsewhere, maxRSS (KiB) it is.
 */
import { readFileSync } from "node:fs";

export function peakRssBytes(): { bytes: number; source: "VmHWM" | "maxRSS" } {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return { bytes: Number(m[1]) * 1024, source: "VmHWM" };
  } catch {
    // no procfs: below
  }
  return { bytes: process.resourceUsage().maxRSS * 1024, source: "maxRSS" };
}
