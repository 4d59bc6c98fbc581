import { RmapError } from "./errors.js";

const INITIAL_CAPACITY = 64;

/**
 * Every `struct ksm_rmap_item` of the simulation (mm/ksm.c, allocated from
 * `rmap_item_cache`), stored as a struct of typed arrays indexed by item id.
 *
 * Ids are integers >= 1; 0 is NULL in every link field. A freed id is reused
 * by a later {@link alloc} (last freed, first reused, like a slab). Nothing is
 * allocated per item: the arrays double when full.
 *
 * The field getters return the current backing arrays. Read and write them
 * directly (`items.flags[id] |= STABLE_FLAG`), but do not keep an array across
 * a call to {@link alloc}: growth replaces every array.
 *
 * Fields per item (kernel field in brackets):
 * - `mm` (Int32): the mm id [`mm`]
 * - `address` (Float64): page number, the kernel's byte address >> 12 [`address & PAGE_MASK`]
 * - `flags` (Uint16): `SEQNR_MASK | UNSTABLE_FLAG | STABLE_FLAG` bits [low bits of `address`]
 * - `oldchecksum` (Uint32) [`oldchecksum`]
 * - `age`, `remainingSkips` (Uint8): smart-scan state [`age`, `remaining_skips`]
 * - `nid` (Int16): unstable tree index [`nid`]
 * - `anonVma` (Int32): anon_vma id while stable, 0 = none [`anon_vma`]
 * - `rmapNext` (Int32): next item in its mm's address-sorted list [`rmap_list`]
 * - `head` (Int32): owning stable node id, 0 = none [`head`]
 * - `hlistNext`, `hlistPrev` (Int32): links in the stable node's item list,
 *   owned by the engine [`hlist`]
 */
export class RmapItems {
  #capacity = INITIAL_CAPACITY;
  #top = 1; // next never-used id
  #freeHead = 0; // free ids, chained through rmapNext
  #count = 0; // ksm_rmap_items
  readonly #perMm = new Map<number, number>(); // mm->ksm_rmap_items, entries > 0 only, but for #pendingMm
  // alloc/free runs on one mm at a time: its count changes in #pendingDelta, folded into #perMm when another mm comes
  #pendingMm = -1;
  #pendingDelta = 0;

  #live = new Uint8Array(INITIAL_CAPACITY);
  #mm = new Int32Array(INITIAL_CAPACITY);
  #address = new Float64Array(INITIAL_CAPACITY);
  #flags = new Uint16Array(INITIAL_CAPACITY);
  #oldchecksum = new Uint32Array(INITIAL_CAPACITY);
  #age = new Uint8Array(INITIAL_CAPACITY);
  #remainingSkips = new Uint8Array(INITIAL_CAPACITY);
  #nid = new Int16Array(INITIAL_CAPACITY);
  #anonVma = new Int32Array(INITIAL_CAPACITY);
  #rmapNext = new Int32Array(INITIAL_CAPACITY);
  #head = new Int32Array(INITIAL_CAPACITY);
  #hlistNext = new Int32Array(INITIAL_CAPACITY);
  #hlistPrev = new Int32Array(INITIAL_CAPACITY);

  get mm(): Int32Array {
    return this.#mm;
  }
  get address(): Float64Array {
    return this.#address;
  }
  get flags(): Uint16Array {
    return this.#flags;
  }
  get oldchecksum(): Uint32Array {
    return this.#oldchecksum;
  }
  get age(): Uint8Array {
    return this.#age;
  }
  get remainingSkips(): Uint8Array {
    return this.#remainingSkips;
  }
  get nid(): Int16Array {
    return this.#nid;
  }
  get anonVma(): Int32Array {
    return this.#anonVma;
  }
  get rmapNext(): Int32Array {
    return this.#rmapNext;
  }
  get head(): Int32Array {
    return this.#head;
  }
  get hlistNext(): Int32Array {
    return this.#hlistNext;
  }
  get hlistPrev(): Int32Array {
    return this.#hlistPrev;
  }

  /** Global `ksm_rmap_items`: items allocated now. */
  get ksmRmapItems(): number {
    return this.#count;
  }

  /** `mm->ksm_rmap_items` for one mm id. */
  rmapItemsOf(mm: number): number {
    this.#flushPending();
    return this.#perMm.get(mm) ?? 0;
  }

  /** The mm ids with at least one item, and their counts. */
  perMmCounts(): ReadonlyMap<number, number> {
    this.#flushPending();
    return this.#perMm;
  }

  /** Count `delta` more items for `mm`. */
  #countFor(mm: number, delta: number): void {
    if (mm !== this.#pendingMm) {
      this.#flushPending();
      this.#pendingMm = mm;
    }
    this.#pendingDelta += delta;
  }

  #flushPending(): void {
    const mm = this.#pendingMm;
    if (mm === -1) return;
    const n = (this.#perMm.get(mm) ?? 0) + this.#pendingDelta;
    if (n > 0) this.#perMm.set(mm, n);
    else this.#perMm.delete(mm);
    this.#pendingMm = -1;
    this.#pendingDelta = 0;
  }

  /** Every id ever handed out is below this bound. */
  get highWater(): number {
    return this.#top;
  }

  /** Whether `id` is allocated now. */
  isAllocated(id: number): boolean {
    return id >= 1 && id < this.#top && this.#live[id] === 1;
  }

  /**
   * `alloc_rmap_item` (`kmem_cache_zalloc`, `ksm_rmap_items++`) plus the
   * `mm`/`address` setup and `mm->ksm_rmap_items++` of `get_next_rmap_item`.
   * Every other field is 0. Allocation never fails here.
   */
  alloc(mm: number, address: number): number {
    if ((mm | 0) !== mm || !(address >= 0) || !Number.isInteger(address)) {
      throw new RmapError("BAD_ARGUMENT", `alloc(${mm}, ${address}): mm must be an int32, address a page number`);
    }
    let id = this.#freeHead;
    if (id === 0) {
      // a never-used id: every field is still 0 (the arrays are zeroed when made)
      if (this.#top === this.#capacity) this.#grow();
      id = this.#top++;
      this.#live[id] = 1;
      this.#mm[id] = mm;
      this.#address[id] = address;
      this.#count++;
      this.#countFor(mm, 1);
      return id;
    }
    this.#freeHead = this.#rmapNext[id]!;
    this.#live[id] = 1;
    this.#mm[id] = mm;
    this.#address[id] = address;
    this.#flags[id] = 0;
    this.#oldchecksum[id] = 0;
    this.#age[id] = 0;
    this.#remainingSkips[id] = 0;
    this.#nid[id] = 0;
    this.#anonVma[id] = 0;
    this.#rmapNext[id] = 0;
    this.#head[id] = 0;
    this.#hlistNext[id] = 0;
    this.#hlistPrev[id] = 0;
    this.#count++;
    this.#countFor(mm, 1);
    return id;
  }

  /**
   * `free_rmap_item`: `ksm_rmap_items--`, `mm->ksm_rmap_items--`, and the id
   * becomes reusable. The caller has unlinked it from its mm's list and its
   * tree first. Throws `DOUBLE_FREE` / `BAD_ITEM`.
   */
  free(id: number): void {
    if (!(id >= 1 && id < this.#top) || (id | 0) !== id) {
      throw new RmapError("BAD_ITEM", `free(${id}): not an rmap_item id`);
    }
    if (this.#live[id] !== 1) throw new RmapError("DOUBLE_FREE", `free(${id}): already free`);
    this.#live[id] = 0;
    this.#countFor(this.#mm[id]!, -1);
    this.#count--;
    this.#rmapNext[id] = this.#freeHead;
    this.#freeHead = id;
  }

  #grow(): void {
    const cap = this.#capacity * 2;
    this.#capacity = cap;
    this.#live = grown(this.#live, new Uint8Array(cap));
    this.#mm = grown(this.#mm, new Int32Array(cap));
    this.#address = grown(this.#address, new Float64Array(cap));
    this.#flags = grown(this.#flags, new Uint16Array(cap));
    this.#oldchecksum = grown(this.#oldchecksum, new Uint32Array(cap));
    this.#age = grown(this.#age, new Uint8Array(cap));
    this.#remainingSkips = grown(this.#remainingSkips, new Uint8Array(cap));
    this.#nid = grown(this.#nid, new Int16Array(cap));
    this.#anonVma = grown(this.#anonVma, new Int32Array(cap));
    this.#rmapNext = grown(this.#rmapNext, new Int32Array(cap));
    this.#head = grown(this.#head, new Int32Array(cap));
    this.#hlistNext = grown(this.#hlistNext, new Int32Array(cap));
    this.#hlistPrev = grown(this.#hlistPrev, new Int32Array(cap));
  }
}

function grown<T extends { set(a: ArrayLike<number>): void }>(old: ArrayLike<number>, next: T): T {
  next.set(old);
  return next;
}
