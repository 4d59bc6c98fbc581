/** Codes of misuse that the rmap structures detect instead of corrupting themselves. */
export type RmapErrorCode =
  | "BAD_ITEM" // an id that was never allocated (0, negative, beyond the high-water mark)
  | "DOUBLE_FREE" // free() of an id that is already free
  | "BAD_ARGUMENT" // alloc() with an mm id that is not an int32 or an address that is not a page number
  | "ALREADY_REGISTERED" // a second slot for an mm (the kernel checks MMF_VM_MERGEABLE first)
  | "NOT_REGISTERED" // a slot that is not on this list
  | "SLOT_BUSY" // removeSlot() of the cursor's slot or of a slot that still has rmap_items
  | "NOT_CURSOR_SLOT"; // getNextRmapItem() for a slot the cursor is not in

/**
 * Thrown when a caller asks for something that would corrupt the kernel's
 * structures (free an rmap_item twice, unregister the slot under the cursor).
 * The KSM engine turns these into simulated oopses.
 */
export class RmapError extends Error {
  readonly code: RmapErrorCode;
  constructor(code: RmapErrorCode, message: string) {
    super(message);
    this.name = "RmapError";
    this.code = code;
  }
}
