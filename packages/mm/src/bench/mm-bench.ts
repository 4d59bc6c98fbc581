/**
 * The mm benchmark: how fast frames are faulted in and what each costs in
 * memory, in both content modes. It returns rows and prints nothing; run it
 * under `node --expose-gc` so memory can be measured after a collection.
 */
import { type ContentMode, createMachine, MAX_VMA_PAGES, type Machine, type Mm, type Vma } from "../index.js";

export interface MmBenchOptions {
  /** Smaller runs (10^6 token frames, 5*10^4 byte frames). */
  quick?: boolean;
  /** Override the frame counts per mode. */
  frames?: Partial<Record<ContentMode, number>>;
}

export interface MmBenchRow {
  mode: ContentMode;
  /** Frames faulted in (one write fault each on an untouched page). */
  frames: number;
  /** New-page write faults per second: allocation, page table, lru batch, contents. */
  faultsPerSec: number;
  /** COW write faults per second: fork, then the child writes every page (one tenth of the frames). */
  cowFaultsPerSec: number;
  /** Heap plus external (ArrayBuffer and WebAssembly memory) bytes per frame after gc, page tables and metadata included; NaN without --expose-gc. */
  bytesPerFrame: number;
  /** Page checksums per second on a cold per-frame cache: XXH64 of 4 KiB in token mode; in bytes mode the content's, hashed at its write. */
  checksumsPerSec: number;
  /** Page compares per second (memcmp order). */
  comparesPerSec: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapBytes(): number {
  gc?.();
  gc?.();
  const u = process.memoryUsage();
  return u.heapUsed + u.external; // external: ArrayBuffers (page tables, frames, bytes-mode arenas)
}

/** mmaps VMAs of up to MAX_VMA_PAGES (2^28) pages covering `pages` pages. */
function mapAll(m: Machine, mm: Mm, pages: number): Vma[] {
  const vmas: Vma[] = [];
  for (let done = 0; done < pages; done += MAX_VMA_PAGES) {
    vmas.push(m.mmap(mm, `heap${vmas.length}`, Math.min(MAX_VMA_PAGES, pages - done)));
  }
  return vmas;
}

/** Writes every page of every VMA with a distinct token; returns seconds. */
function writeAll(m: Machine, mm: Mm, vmas: readonly Vma[], base: number): number {
  const t0 = performance.now();
  let token = base;
  for (const vma of vmas) for (let page = 0; page < vma.pages; page++) m.write(mm, vma, page, token++);
  return (performance.now() - t0) / 1000;
}

/** One mode: fault `n` frames in a machine of exactly `n` frames, then COW and per-page costs on a small machine. */
export function benchMode(mode: ContentMode, n: number): MmBenchRow {
  // New-page faults and memory per frame.
  const before = heapBytes();
  let m: Machine | null = createMachine({ topology: { nodes: 1, pagesPerNode: n }, contents: mode });
  const mm = m.spawn("bench");
  const seconds = writeAll(m, mm, mapAll(m, mm, n), 1);
  m.drainDeferred();
  const bytesPerFrame = gc ? (heapBytes() - before) / n : Number.NaN;
  m = null;

  // COW faults, checksums, compares.
  const small = Math.max(1000, Math.floor(n / 10));
  const c = createMachine({ topology: { nodes: 1, pagesPerNode: 2 * small }, contents: mode });
  const parent = c.spawn("parent");
  const vmas = mapAll(c, parent, small);
  writeAll(c, parent, vmas, 1);
  const child = c.fork(parent, "child");
  const cowSeconds = writeAll(c, child, child.vmas, 1 + small);

  const pfns = Math.min(small, mode === "tokens" ? small : 20000);
  let t0 = performance.now();
  let sink = 0;
  for (let pfn = 0; pfn < pfns; pfn++) sink ^= c.contents.checksum(pfn);
  const checksumSeconds = (performance.now() - t0) / 1000;
  const compares = Math.min(2_000_000, 200 * small);
  t0 = performance.now();
  for (let k = 0; k < compares; k++) sink += c.contents.compare(k % small, (k * 7 + 1) % small);
  const compareSeconds = (performance.now() - t0) / 1000;
  if (sink === 0.5) throw new Error("unreachable");

  return {
    mode,
    frames: n,
    faultsPerSec: n / seconds,
    cowFaultsPerSec: small / cowSeconds,
    bytesPerFrame,
    checksumsPerSec: pfns / checksumSeconds,
    comparesPerSec: compares / compareSeconds,
  };
}

/**
 * Runs the benchmark: 10^7 frames in token mode (one process, VMAs of 2^28
 * pages, every page written) and 2*10^5 in bytes mode; `quick` uses 10^6 and
 * 5*10^4.
 */
export function runMmBench(options: MmBenchOptions = {}): MmBenchRow[] {
  const tokens = options.frames?.tokens ?? (options.quick ? 1_000_000 : 10_000_000);
  const bytes = options.frames?.bytes ?? (options.quick ? 50_000 : 200_000);
  return [benchMode("tokens", tokens), benchMode("bytes", bytes)];
}
