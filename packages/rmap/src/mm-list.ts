import { RmapError } from "./errors.js";
import type { RmapItems } from "./rmap-items.js";

/**
 * `struct ksm_mm_slot`: one registered mm. `rmapList` is the first item id
 * of the mm's address-sorted rmap_item list (0 = empty); `prev`/`next` are the
 * circular `slot.mm_node` links through {@link MmList.head}.
 */
export class MmSlot {
  readonly mm: number;
  /** `ksm_mm_slot.rmap_list`. */
  rmapList = 0;
  /** `slot.mm_node.prev`. */
  prev: MmSlot;
  /** `slot.mm_node.next`. */
  next: MmSlot;
  constructor(mm: number) {
    this.mm = mm;
    this.prev = this;
    this.next = this;
  }
}

/**
 * `struct ksm_scan`, the one cursor of ksmd.
 *
 * `rmapLink` stands for `struct ksm_rmap_item **rmap_list`, the link where the
 * next item is or would be: 0 means `&mmSlot->rmap_list` (the slot's list
 * head), any other value is the item whose `rmapNext` field is the link. It is
 * meaningful only while `mmSlot` is not the list head.
 */
export interface KsmScan {
  /** `ksm_scan.mm_slot`; {@link MmList.head} between full scans. */
  mmSlot: MmSlot;
  /** `ksm_scan.address`, as a page number: the next address to examine. */
  address: number;
  /** `ksm_scan.rmap_list`: 0 = the slot head, else the item whose `rmapNext` is the link. */
  rmapLink: number;
  /** `ksm_scan.seqnr`: completed full scans (sysfs `full_scans`). */
  seqnr: number;
}

/**
 * The mm list of KSM: the `ksm_mm_head` sentinel of the circular list of
 * slots, `mm_slots_hash` (mm id -> slot) and the `ksm_scan` cursor. It owns
 * the three list operations the kernel uses (`list_add_tail`, `list_move`,
 * `hash_del` + `list_del`); the kernel's policies on top of them are
 * `ksmEnter` and `ksmExitPlacement`.
 */
export class MmList {
  readonly items: RmapItems;
  /** `ksm_mm_head`: the sentinel; its `mm` is -1 and it is never in the hash. */
  readonly head: MmSlot = new MmSlot(-1);
  /** `ksm_scan`. */
  readonly scan: KsmScan;
  readonly #hash = new Map<number, MmSlot>(); // mm_slots_hash

  constructor(items: RmapItems) {
    this.items = items;
    this.scan = { mmSlot: this.head, address: 0, rmapLink: 0, seqnr: 0 };
  }

  /** `list_empty(&ksm_mm_head.slot.mm_node)`. */
  isEmpty(): boolean {
    return this.head.next === this.head;
  }

  /** Registered slots. */
  get size(): number {
    return this.#hash.size;
  }

  /** `mm_slot_lookup(mm_slots_hash, mm)`. */
  slotOf(mm: number): MmSlot | undefined {
    return this.#hash.get(mm);
  }

  /** The slots in list order, head excluded. Do not unlink slots while iterating. */
  *slots(): IterableIterator<MmSlot> {
    for (let s = this.head.next; s !== this.head; s = s.next) yield s;
  }

  /**
   * `mm_slot_insert` + `list_add_tail(&slot->mm_node, &before->mm_node)`: a new
   * slot for `mm`, hashed and linked just before `before` (the tail when
   * `before` is the head). Throws `ALREADY_REGISTERED`.
   */
  addSlot(mm: number, before: MmSlot): MmSlot {
    if (this.#hash.has(mm)) throw new RmapError("ALREADY_REGISTERED", `mm ${mm} already has a slot`);
    this.#checkOnList(before);
    const slot = new MmSlot(mm);
    this.#hash.set(mm, slot);
    linkBetween(slot, before.prev, before);
    return slot;
  }

  /** `list_move(&slot->mm_node, &after->mm_node)`: unlink and relink just after `after`. */
  moveSlotAfter(slot: MmSlot, after: MmSlot): void {
    this.#checkRegistered(slot);
    this.#checkOnList(after);
    if (slot === after) return;
    unlink(slot);
    linkBetween(slot, after, after.next);
  }

  /**
   * `hash_del` + `list_del`: unregister a slot. Like every kernel caller, the
   * slot must have no rmap_items and must not be under the cursor
   * (`SLOT_BUSY`).
   */
  removeSlot(slot: MmSlot): void {
    this.#checkRegistered(slot);
    if (slot === this.scan.mmSlot) throw new RmapError("SLOT_BUSY", `mm ${slot.mm}: its slot is the cursor's`);
    if (slot.rmapList !== 0) throw new RmapError("SLOT_BUSY", `mm ${slot.mm}: its slot still has rmap_items`);
    this.#hash.delete(slot.mm);
    unlink(slot);
  }

  #checkRegistered(slot: MmSlot): void {
    if (this.#hash.get(slot.mm) !== slot) throw new RmapError("NOT_REGISTERED", `mm ${slot.mm}: slot not on this list`);
  }

  #checkOnList(slot: MmSlot): void {
    if (slot !== this.head) this.#checkRegistered(slot);
  }
}

function linkBetween(slot: MmSlot, prev: MmSlot, next: MmSlot): void {
  slot.prev = prev;
  slot.next = next;
  prev.next = slot;
  next.prev = slot;
}

function unlink(slot: MmSlot): void {
  slot.prev.next = slot.next;
  slot.next.prev = slot.prev;
  slot.prev = slot;
  slot.next = slot;
}
