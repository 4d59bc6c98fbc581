/** A recording that cannot start or cannot go on; the message says why and what to do. */
export class RecorderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecorderError";
  }
}

/** A failed write(2) to a kernel file: the errno's name (EINVAL, EBUSY, ERANGE, EACCES...). */
export class KernelWriteError extends Error {
  constructor(
    readonly errno: string,
    path: string,
  ) {
    super(`${path}: ${errno}`);
    this.name = "KernelWriteError";
  }
}
