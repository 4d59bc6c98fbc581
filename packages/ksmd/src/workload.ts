/**
 * A write workload: a process rewriting pages of one of its VMAs at a fixed
 * rate, so that volatile memory can be modelled. The n-th write (n from 0)
 * happens at `startNs + floor((n + 1) * 1e9 / pagesPerSec)` (see resumeAt); it picks a page
 * of the range uniformly with a seeded PRNG and writes a token chosen by
 * `content`. Same spec and seed, same writes, at the same times.
 */
import { Prng } from "./prng.js";

/**
 * What each write writes: a token (every write the same, so only COW and
 * the lost KSM mapping change), `{ from, period }` (a token drawn uniformly
 * from [from, from + period)), or `{ from }` (the n-th write writes
 * `from + n`, wrapping below 2^32: always new contents).
 */
export type WorkloadContent = number | { readonly from: number; readonly period?: number };

export interface WorkloadSpec {
  /** Writes per second of simulated time, > 0. */
  readonly pagesPerSec: number;
  /** PRNG seed (an integer; its low 32 bits are used). */
  readonly seed: number;
  /** Pages in the range written, >= 1; writes go to pages [0, pages) of it. */
  readonly pages: number;
  readonly content: WorkloadContent;
}

const TOKEN_LIMIT = 2 ** 32;

export class Workload {
  readonly #prng: Prng;
  readonly #intervalNs: number;
  /** The schedule: write n at #originNs + floor((n - #base + 1) * interval). */
  #originNs: number;
  #base = 0;
  /** Writes done so far. */
  writes = 0;
  /** When the next write happens, ns. */
  nextNs: number;

  /**
   * `write(page, token)` performs one write (page within the range);
   * returning false ends the workload (its VMA or process is gone).
   */
  constructor(
    readonly spec: WorkloadSpec,
    readonly startNs: number,
    readonly write: (page: number, token: number) => boolean,
  ) {
    if (!(spec.pagesPerSec > 0) || !Number.isFinite(spec.pagesPerSec))
      throw new RangeError(`pagesPerSec: must be a finite number > 0, got ${String(spec.pagesPerSec)}`);
    if (!Number.isInteger(spec.pages) || spec.pages < 1)
      throw new RangeError(`pages: must be an integer >= 1, got ${String(spec.pages)}`);
    this.#prng = new Prng(spec.seed);
    this.#intervalNs = 1e9 / spec.pagesPerSec;
    this.#originNs = startNs;
    this.nextNs = this.#timeOf(0);
  }

  #timeOf(n: number): number {
    return this.#originNs + Math.floor((n - this.#base + 1) * this.#intervalNs);
  }

  /** Continue the schedule from `ns` (the writes due while the clock jumped are not made). */
  resumeAt(ns: number): void {
    this.#originNs = ns;
    this.#base = this.writes;
    this.nextNs = this.#timeOf(this.writes);
  }

  /** The token of write `n` (the PRNG draw for `{ from, period }` comes after the page's). */
  #token(n: number): number {
    const c = this.spec.content;
    if (typeof c === "number") return c;
    if (c.period !== undefined) return c.from + this.#prng.below(c.period);
    return c.from + (n % (TOKEN_LIMIT - c.from));
  }

  /** Do the write due at `nextNs`; false when the workload has ended. */
  fire(): boolean {
    const n = this.writes;
    const page = this.#prng.below(this.spec.pages);
    const token = this.#token(n);
    this.writes = n + 1;
    this.nextNs = this.#timeOf(n + 1);
    return this.write(page, token);
  }
}
