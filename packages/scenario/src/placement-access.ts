/**
 * Which node each mapped page is read from, for a NUMA access-cost model
 * (`@ksm-sim/numa`'s `remoteAccessReport`): a placement entry of a result
 * document, with each VMA's CPU node taken from the scenario.
 */
import type { PlacementEntry } from "./result.js";
import type { Scenario, Step } from "./types.js";

/**
 * The node each process's VMA is bound to, `"proc/vma"` → node: the `node`
 * of the last `mmap` step of that name in the process (a forked child
 * inherits its parent's at the fork). VMAs mapped without a node are absent.
 */
export function vmaNodes(scenario: Scenario): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (step: Step) => {
    if (step.op === "mmap") {
      const key = `${step.proc}/${step.vma}`;
      if (step.node === undefined) out.delete(key);
      else out.set(key, step.node);
    } else if (step.op === "fork") {
      for (const [key, node] of [...out]) {
        const [proc, vma] = key.split("/") as [string, string];
        if (proc === step.proc) out.set(`${step.child}/${vma}`, node);
      }
    } else if (step.op === "sysfs") {
      for (const entry of step.during ?? []) entry.steps.forEach(visit);
    }
  };
  scenario.steps.forEach(visit);
  return out;
}

/**
 * Mapped pages of a placement entry as a `nodes` × `nodes` matrix
 * `[cpuNode][memNode]`: a VMA bound to node C (its process runs there, see
 * {@link vmaNodes}) with P pages on node M adds P at `[C][M]`, one access
 * per mapped page. VMAs without a bound node and pages without a frame of
 * their own (`other`) are left out.
 */
export function placementAccesses(scenario: Scenario, entry: PlacementEntry, nodes: number): number[][] {
  if (!Number.isInteger(nodes) || nodes < 1) throw new RangeError(`nodes: must be a positive integer, got ${nodes}`);
  const bound = vmaNodes(scenario);
  const m = Array.from({ length: nodes }, () => new Array<number>(nodes).fill(0));
  for (const [proc, vmas] of Object.entries(entry.procs)) {
    for (const [vma, counts] of Object.entries(vmas)) {
      const cpu = bound.get(`${proc}/${vma}`);
      if (cpu === undefined) continue;
      if (cpu >= nodes) throw new RangeError(`${proc}/${vma}: bound to node ${cpu}, but nodes is ${nodes}`);
      const row = m[cpu]!;
      for (let mem = 0; mem < nodes; mem++) row[mem] = row[mem]! + (counts[`node${mem}`] ?? 0);
    }
  }
  return m;
}
