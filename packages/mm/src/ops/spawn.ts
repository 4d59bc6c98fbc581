/** spawn: a new process with an empty address space. */
import { fail, show } from "../errors.js";
import type { Machine } from "../machine.js";
import { Mm } from "../space/mm-struct.js";
import { checkNode } from "./validate.js";

export interface SpawnOptions {
  /** Node of the CPU the process runs on ("local" placement starts there); default 0. */
  cpuNode?: number;
}

/** mm_alloc: a new address space with no VMAs. */
export function spawn(m: Machine, name?: string, options: SpawnOptions = {}): Mm {
  if (name !== undefined && (typeof name !== "string" || name === "")) {
    fail("EINVAL", `name: must be a non-empty string, got ${show(name)}`);
  }
  const cpuNode = options.cpuNode ?? 0;
  checkNode(m, cpuNode, "cpuNode");
  const id = m.nextMmId++;
  const mm = new Mm(id, name ?? `mm${id}`, cpuNode);
  m.mms.set(id, mm);
  return mm;
}
