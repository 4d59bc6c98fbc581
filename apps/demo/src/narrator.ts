/** The demo's voice: headings, wrapped paragraphs and aligned tables on stdout, progress bars on a terminal's stderr. */
import { progressBar } from "@ksm-sim/cli";

const COLUMNS = 78;

export interface Progress {
  update: (done: number, total: number) => void;
  done: () => void;
}

export class Narrator {
  /**
   * `out` takes the narration; `bar` draws progress (null: no bars, e.g.
   * when stderr is not a terminal).
   */
  constructor(
    readonly out: (text: string) => void,
    readonly bar: ((text: string) => void) | null = null,
  ) {}

  heading(text: string): void {
    this.out(`\n${text}\n${"=".repeat(Math.min(COLUMNS, text.length))}\n\n`);
  }

  subheading(text: string): void {
    this.out(`\n${text}\n${"-".repeat(Math.min(COLUMNS, text.length))}\n`);
  }

  /** A paragraph, wrapped at 78 columns with `indent` spaces before each line. */
  say(text: string, indent = 0): void {
    const pad = " ".repeat(indent);
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/).filter((w) => w !== "")) {
      if (line !== "" && pad.length + line.length + 1 + word.length > COLUMNS) {
        lines.push(line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    if (line !== "") lines.push(line);
    this.out(`${lines.map((l) => pad + l).join("\n")}\n\n`);
  }

  /** One line as it is (no wrapping). */
  line(text = ""): void {
    this.out(`${text}\n`);
  }

  /** A table: the first row is the header; numbers (and numeric strings such as "1.5" or "35.2%") are right-aligned. */
  table(rows: readonly (readonly (string | number)[])[], indent = 2): void {
    const cells = rows.map((r) => r.map(String));
    const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
    const pad = " ".repeat(indent);
    const fmt = (r: readonly string[]) =>
      pad +
      r
        .map((v, c) => (NUMERIC.test(v) ? v.padStart(widths[c]!) : v.padEnd(widths[c]!)))
        .join("  ")
        .trimEnd();
    this.out(`${fmt(cells[0]!)}\n${pad}${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
    for (const r of cells.slice(1)) this.out(`${fmt(r)}\n`);
    this.out("\n");
  }

  /** A bar over a run's simulated time (ksm-sim run's bar); a no-op without a terminal. */
  simulatedTimeBar(): Progress {
    return this.bar === null ? NO_PROGRESS : progressBar(this.bar);
  }

  /** A bar of `label` counting whole items (done of total). */
  countBar(label: string): Progress {
    const write = this.bar;
    if (write === null) return NO_PROGRESS;
    const width = 30;
    let shown = false;
    return {
      update(done, total) {
        const fill = total > 0 ? Math.round((Math.min(done, total) / total) * width) : width;
        write(`\r[${"#".repeat(fill)}${".".repeat(width - fill)}] ${done}/${total} ${label}`);
        shown = true;
      },
      done() {
        if (shown) write("\r\u001b[K");
      },
    };
  }
}

const NUMERIC = /^-?\d[\d.]*(%|x)?$/;

const NO_PROGRESS: Progress = { update() {}, done() {} };

/** Bytes as MiB with one decimal. */
export const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

/** A fraction as a percentage with one decimal. */
export const percent = (f: number): string => `${(f * 100).toFixed(1)}%`;
