/** A progress bar on a terminal's stderr for long runs (simulated time of the run_for steps). */

const WIDTH = 30;

/** A progress callback writing a bar with `write`, and `done()` to clear it. */
export function progressBar(write: (text: string) => void): {
  update: (doneMs: number, totalMs: number) => void;
  done: () => void;
} {
  let shown = false;
  return {
    update(doneMs, totalMs) {
      const f = totalMs > 0 ? Math.min(1, doneMs / totalMs) : 1;
      const fill = Math.round(f * WIDTH);
      const bar = `${"#".repeat(fill)}${".".repeat(WIDTH - fill)}`;
      write(
        `\r[${bar}] ${Math.floor(f * 100)}% ${(doneMs / 1000).toFixed(1)} s of ${(totalMs / 1000).toFixed(1)} s simulated`,
      );
      shown = true;
    },
    done() {
      if (shown) write("\r\u001b[K");
    },
  };
}
