/** A simulated kernel oops: thrown at the point of corruption, caught at the step boundary and reported as a value. */
import type { KsmState } from "./engine.js";

export class KsmOops extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KsmOops";
  }
}

/** BUG(): stop the simulated kernel here. */
export function ksmOops(_k: KsmState, message: string): never {
  throw new KsmOops(message);
}
