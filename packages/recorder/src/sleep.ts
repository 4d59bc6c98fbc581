/** Blocking sleep and clock for the recorder's synchronous loop (it waits on the kernel, not on events). */
const cell = new Int32Array(new SharedArrayBuffer(4));

export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => {
    Atomics.wait(cell, 0, 0, ms);
  },
};
