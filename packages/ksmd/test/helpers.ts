import { createKsm, type Ksm } from "@ksm-sim/ksm";
import { createMachine, type Machine, type Mm, type Vma } from "@ksm-sim/mm";
import { type BatchRecord, type CostModel, Simulation } from "../src/index.js";

export const MS = 1e6;

/** A cost model charging `batchMs` per batch (with or without a sleep before it) and nothing else, at a whole CPU, so times are easy to compute. */
export const FLAT = (batchMs = 1): Partial<CostModel> => ({
  batchNs: batchMs * MS,
  batchNoSleepNs: batchMs * MS,
  firstVisitNs: 0,
  revisitNs: 0,
  compareNs: 0,
  stableCompareNs: 0,
  mergeNs: 0,
  ksmPageNs: 0,
  skipNs: 0,
  noSleepCpuShare: 1,
});

export interface World {
  m: Machine;
  k: Ksm;
  sim: Simulation;
  p: Mm;
  h: Vma;
  batches: BatchRecord[];
}

/** One process with `pages` pages of `tokens` distinct contents, madvised mergeable (unless `madvise` false). */
export function world(
  pages: number,
  opts: { cost?: Partial<CostModel>; hz?: number; tokens?: number; madvise?: boolean } = {},
): World {
  const m = createMachine({ topology: { nodes: 1, pagesPerNode: 1 << 16 } });
  const k = createKsm(m, opts.hz !== undefined ? { hz: opts.hz } : {});
  const sim = new Simulation(k, { cost: opts.cost ?? FLAT() });
  const p = m.spawn("P");
  const h = m.mmap(p, "h", pages);
  const tokens = opts.tokens ?? pages;
  for (let i = 0; i < pages; i++) m.write(p, h, i, 100 + (i % tokens));
  if (opts.madvise !== false) m.madviseMergeable(p, h);
  const batches: BatchRecord[] = [];
  sim.ksmd.onBatch = (b) => batches.push(b);
  return { m, k, sim, p, h, batches };
}
