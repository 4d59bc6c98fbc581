/** Errors of a sweep spec: each names the field path and the value, `<path>: <rule>, got <value>`. */

export interface SweepError {
  /** The offending field, e.g. `grid.sysfs.pages_to_scan[1]`; `""` for the document itself. */
  readonly path: string;
  readonly message: string;
}

/** A value as it reads in an error message: `10`, `"x"`, `[1,2]`, `undefined`. */
export function show(value: unknown): string {
  if (typeof value === "number" || value === undefined) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** Collects errors in the order they are found, without duplicates. */
export class SweepErrors {
  readonly list: SweepError[] = [];
  readonly #seen = new Set<string>();

  add(path: string, rule: string, value: unknown): void {
    this.raw(path, `${path || "(document)"}: ${rule}, got ${show(value)}`);
  }

  /** An error whose message is already written. */
  raw(path: string, message: string): void {
    if (this.#seen.has(message)) return;
    this.#seen.add(message);
    this.list.push({ path, message });
  }
}
