/**
 * The errnos an mm operation can fail with, named as the kernel names them:
 * ESRCH (no such process), EINVAL (bad argument), EFAULT (a page outside any
 * VMA), ENOMEM (no free frame on any node the policy allows), EBUSY (a frame
 * held by an unexplained reference), ENOENT (no page there), ENODEV (a node
 * with no memory, e.g. offline).
 */
export type Errno = "ESRCH" | "EINVAL" | "EFAULT" | "ENOMEM" | "EBUSY" | "ENOENT" | "ENODEV";

/**
 * Thrown by every operation that rejects its input or cannot be done. The
 * message names the field and the bad value, e.g.
 * `vma "heap" of process "A": page 70 outside its 64 pages`. Operations
 * validate everything before they change anything, so a thrown MmError
 * leaves the machine exactly as it was.
 */
export class MmError extends Error {
  readonly code: Errno;
  constructor(code: Errno, message: string) {
    super(message);
    this.name = "MmError";
    this.code = code;
  }
}

/** A value as it should read in an error message: `10`, `NaN`, `"x"`, `[1,2]`, `undefined`. */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || value === undefined) return String(value);
  if (typeof value === "function") return "a function";
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** Throws an MmError. */
export function fail(code: Errno, message: string): never {
  throw new MmError(code, message);
}
