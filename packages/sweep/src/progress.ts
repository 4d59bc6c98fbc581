/** A progress bar of a sweep, N/M variants, for a terminal's stderr. */

const WIDTH = 30;

export function sweepProgressBar(write: (text: string) => void): {
  update: (done: number, total: number) => void;
  done: () => void;
} {
  let shown = false;
  return {
    update(done, total) {
      const fill = total > 0 ? Math.round((done / total) * WIDTH) : WIDTH;
      write(`\r[${"#".repeat(fill)}${".".repeat(WIDTH - fill)}] ${done}/${total} variants`);
      shown = true;
    },
    done() {
      if (shown) write("\r\u001b[K");
    },
  };
}
