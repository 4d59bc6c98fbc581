/**
 * Takes the samples of a time series as the simulated clock moves: the
 * sample at S = k * every is taken when the clock first moves past S (or
 * when the run ends at or after S), so it shows everything that happened
 * at or before S.
 */
import type { Sample } from "../series.js";

export class Sampler {
  /** The next sample time, ns. */
  #nextNs = 0;
  readonly #everyNs: number;

  constructor(
    everyMs: number,
    readonly take: (tMs: number) => Sample,
    readonly emit: (s: Sample) => void,
  ) {
    this.#everyNs = Math.round(everyMs * 1e6);
  }

  #sampleAt(ns: number): void {
    this.emit(this.take(ns / 1e6));
  }

  /** The clock moves to `toNs`: every sample time before it not yet taken is taken now. */
  advance(toNs: number): void {
    while (this.#nextNs < toNs) {
      this.#sampleAt(this.#nextNs);
      this.#nextNs += this.#everyNs;
    }
  }

  /** The run ends at `nowNs`: take the sample times up to and including it. */
  finish(nowNs: number): void {
    while (this.#nextNs <= nowNs) {
      this.#sampleAt(this.#nextNs);
      this.#nextNs += this.#everyNs;
    }
  }
}
