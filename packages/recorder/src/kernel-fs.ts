/**
 * The file-system boundary between the recorder and the kernel: sysfs,
 * procfs and tracefs reads and writes. Tests replace it with a fake kernel.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { KernelWriteError } from "./errors.js";

export interface KernelFs {
  /** The file's text; throws when it cannot be read. */
  read(path: string): string;
  /** write(2) of exactly `text`; throws KernelWriteError with the errno name when the kernel refuses. */
  write(path: string, text: string): void;
  exists(path: string): boolean;
  /** Names in a directory ([] when it cannot be listed). */
  list(dir: string): string[];
}

/** The real files. */
export const realFs: KernelFs = {
  read: (path) => readFileSync(path, "utf8"),
  write(path, text) {
    try {
      writeFileSync(path, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code === "string" && /^E[A-Z]+$/.test(code)) throw new KernelWriteError(code, path);
      throw e;
    }
  },
  exists: (path) => existsSync(path),
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};
