/**
 * One recording on this machine's real kernel, compared with the simulation.
 * It runs only where the machine allows it (root, KSM, a C compiler, no other
 * KSM user) and is skipped otherwise, saying why in its name. Set
 * KSM_SIM_NO_REAL_KERNEL=1 to skip it anyway.
 */
import { execFileSync } from "node:child_process";
import { compareResults, runScenario, validateScenario } from "@ksm-sim/scenario";
import { describe, expect, it } from "vitest";
import { foreignKsmUsers, KSM_DIR, realFs, recordScenario, thisMachine } from "../src/index.js";

function skipReason(): string | null {
  if (process.env.KSM_SIM_NO_REAL_KERNEL === "1") return "KSM_SIM_NO_REAL_KERNEL=1";
  if (process.getuid?.() !== 0) return "not root";
  if (!realFs.exists(`${KSM_DIR}/run`)) return `no ${KSM_DIR}`;
  try {
    execFileSync(process.env.CC ?? "cc", ["--version"], { stdio: "ignore" });
  } catch {
    return "no C compiler";
  }
  // the repository's recorders (tools/kernel-speed, tools/ksmd-truth) hold this lock while they use KSM
  try {
    execFileSync("flock", ["-n", "/tmp/host-ksm.lock", "true"], { stdio: "ignore" });
  } catch (e) {
    if ((e as { status?: number }).status === 1) return "another recorder holds /tmp/host-ksm.lock";
  }
  const busy = foreignKsmUsers(realFs);
  if (busy.length > 0) return `other KSM users: ${busy.join(", ")}`;
  return null;
}

const why = skipReason();
const v = validateScenario({
  version: 1,
  name: "real-merge-fork-unmerge",
  steps: [
    { op: "spawn", proc: "A" },
    { op: "mmap", proc: "A", vma: "h", pages: 32 },
    { op: "write", proc: "A", vma: "h", content: { from: 7, period: 4 } },
    { op: "madvise", proc: "A", vma: "h", advice: "mergeable" },
    { op: "scan", full_scans: 2 },
    { op: "snapshot", label: "merged" },
    { op: "fork", proc: "A", child: "B" },
    { op: "write", proc: "B", vma: "h", start: 0, count: 4, content: 99 },
    { op: "scan", full_scans: 2 },
    { op: "snapshot", label: "after-fork" },
    { op: "madvise", proc: "A", vma: "h", advice: "unmergeable" },
    { op: "snapshot", label: "unmerged" },
  ],
});

describe.skipIf(why !== null)(`recording on this machine's kernel${why ? ` (skipped: ${why})` : ""}`, () => {
  it("equals the simulation, trace included, and leaves KSM as it found it", { timeout: 120_000 }, () => {
    if (!v.ok) throw new Error(v.errors[0]!.message);
    const before = ["run", "pages_to_scan", "sleep_millisecs", "max_page_sharing"].map((k) =>
      realFs.read(`${KSM_DIR}/${k}`),
    );
    const tracefs = ["/sys/kernel/tracing/tracing_on", "/sys/kernel/tracing/buffer_size_kb"].filter((f) =>
      realFs.exists(f),
    );
    const tracingBefore = tracefs.map((f) => realFs.read(f));
    const rec = recordScenario(thisMachine(), v.scenario, { trace: true });
    expect(tracefs.map((f) => realFs.read(f))).toEqual(tracingBefore);
    // the trace too, where tracefs has the ksm events
    const traced = rec.trace !== undefined;
    expect(compareResults(rec, runScenario(v.scenario, { trace: traced }), { trace: traced })).toEqual([]);
    if (traced) expect(rec.trace!.some((e) => e.event === "ksm_merge_with_ksm_page")).toBe(true);
    expect(rec.snapshots[0]!.ksm.pages_sharing).toBe(28);
    const after = ["run", "pages_to_scan", "sleep_millisecs", "max_page_sharing"].map((k) =>
      realFs.read(`${KSM_DIR}/${k}`),
    );
    expect(after).toEqual(before);
    expect(Number(realFs.read(`${KSM_DIR}/pages_shared`))).toBe(0);
  });
});
