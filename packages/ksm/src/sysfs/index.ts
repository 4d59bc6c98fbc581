/** /sys/kernel/mm/ksm: the lib/kstrtox.c parsers, the knob table, store-side parsing and show formats. */

export {
  type KstrtoErrno,
  type KstrtoResult,
  kstrtobool,
  kstrtoint,
  kstrtol,
  kstrtoll,
  kstrtouint,
  kstrtoul,
  kstrtoulLow32,
  kstrtoull,
} from "./kstrto.js";
export { showKnob } from "./show.js";
export {
  KERNFS_WRITE_MAX,
  type KnobRequest,
  type KnobWriteContext,
  type KnobWriteErrno,
  type KnobWriteParse,
  kernfsWriteChunks,
  knobWriteText,
  parseKnobWrite,
  sysfsStreq,
} from "./store.js";
export {
  type AdvisorMode,
  isKnobName,
  isWritableKnob,
  type KernelVersion,
  KNOB_DEFAULTS,
  KNOB_NAMES,
  KNOBS,
  type KnobName,
  type KnobParser,
  type KnobShowValue,
  type KnobShowValueMap,
  type KnobSpec,
  type KnobWriteValue,
  type KnobWriteValueMap,
  READONLY_KNOB_NAMES,
  type ReadonlyKnobName,
  type StatefulErrno,
  type StoreRule,
  WRITABLE_KNOB_NAMES,
  type WritableKnobName,
} from "./table.js";
