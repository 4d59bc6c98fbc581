import { RmapError } from "./errors.js";
import { STABLE_FLAG } from "./flags.js";

const INITIAL_CAPACITY = 64;
/** Addresses (page numbers) are below this: five bytes. */
const MAX_ADDRESS = 2 ** 40;
/** Bits of `#nidLive` above the nid: the id is allocated; its oldchecksum was set since. */
const LIVE = 64;
const CHECKSUM_SET = 128;
const NID_MASK = 63;
/** Mm table indexes fit 16 bits up to this many mms with items at once. */
const SMALL_MM_INDEX = 0xffff;

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
 * - `mm`: the mm id [`mm`] (`mmOf`), kept as a 16-bit index into a table of
 *   the mms that have items now (32-bit once more than 65 535 have)
 * - `address`: page number, the kernel's byte address >> 12 [`address & PAGE_MASK`], below
 *   2^40 (user addresses end at 2^47), kept in five bytes (`addressOf`, `setAddress`)
 * - `flags` (Uint16): `SEQNR_MASK | UNSTABLE_FLAG | STABLE_FLAG` bits [low bits of `address`]
 * - `oldchecksum` (Uint32) [`oldchecksum`]: what the page contents give as the
 *   page's checksum key (PageContents.checksumKey) at the last visit, once
 *   `hasOldChecksum`; before the first visit the kernel's value is 0
 * - `age`, `remainingSkips` (Uint8): smart-scan state [`age`, `remaining_skips`]
 * - `nid`: unstable tree index [`nid`] (`nidOf`, `setNid`), below MAX_NODES
 *   (64): six bits of a byte whose other two say the id is allocated and its
 *   oldchecksum was set
 * - the union (four Int32 in `nodeWords`, `nodeWords[4 * id]` on), as the
 *   kernel's: while the item is listed from a stable node, `head` (owning
 *   stable node id), `hlistNext`, `hlistPrev` (its links in the node's item
 *   list, owned by the engine) and `anonVma` (anon_vma id) [`head`, `hlist`,
 *   `anon_vma`]; while it is a node of an unstable tree, that node (an
 *   indexed tree given `nodeStorage` keeps it there) [`node`]. `headOf` is 0
 *   for an item without STABLE_FLAG, whatever the words hold.
 * - `rmapNext` (Int32): next item in its mm's address-sorted list [`rmap_list`]
 */
export class RmapItems {
  #capacity = INITIAL_CAPACITY;
  #top = 1; // next never-used id
  #freeHead = 0; // free ids, chained through rmapNext
  #count = 0; // ksm_rmap_items
  // the mms with items now: mm id -> index (>= 1) into #indexMm and #indexCount (mm->ksm_rmap_items)
  readonly #mmIndex = new Map<number, number>();
  #indexMm = new Int32Array(16);
  #indexCount = new Int32Array(16);
  #freeIndexes: number[] = [];
  #topIndex = 1;
  // alloc runs on one mm at a time: the last mm asked for and its index
  #lastMm = -1;
  #lastIndex = 0;

  #nidLive = new Uint8Array(INITIAL_CAPACITY);
  #mmOfItem: Uint16Array | Uint32Array = new Uint16Array(INITIAL_CAPACITY);
  /** The address's low 32 bits, and the bits above. */
  #addrLo = new Uint32Array(INITIAL_CAPACITY);
  #addrHi = new Uint8Array(INITIAL_CAPACITY);
  #flags = new Uint16Array(INITIAL_CAPACITY);
  #oldchecksum = new Uint32Array(INITIAL_CAPACITY);
  #age = new Uint8Array(INITIAL_CAPACITY);
  #remainingSkips = new Uint8Array(INITIAL_CAPACITY);

  #rmapNext = new Int32Array(INITIAL_CAPACITY);
  /** The union: four words an item (see above). */
  #words = new Int32Array(4 * INITIAL_CAPACITY);
  /** The union as node storage for an indexed tree group: `s` is `nodeWords`, replaced with it on growth. */
  readonly nodeStorage: { s: Int32Array } = { s: this.#words };

  /** Item `id`'s mm id [`rmap_item->mm`]. */
  mmOf(id: number): number {
    return this.#indexMm[this.#mmOfItem[id]!]!;
  }

  /**
   * Move item `id` to mm `mm` without counting it there (tests use this to
   * break the table on purpose).
   */
  setMm(id: number, mm: number): void {
    this.#mmOfItem[id] = this.#indexFor(mm);
  }
  /** Item `id`'s address (a page number). */
  addressOf(id: number): number {
    return this.#addrLo[id]! + this.#addrHi[id]! * 4294967296;
  }

  /** Set item `id`'s address (a page number below 2^40; tests use this to break the list on purpose). */
  setAddress(id: number, address: number): void {
    this.#addrLo[id] = address >>> 0;
    this.#addrHi[id] = Math.floor(address / 4294967296);
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
  /** Item `id`'s unstable tree [`rmap_item->nid`]. */
  nidOf(id: number): number {
    return this.#nidLive[id]! & NID_MASK;
  }
  setNid(id: number, nid: number): void {
    this.#nidLive[id] = (this.#nidLive[id]! & ~NID_MASK) | nid;
  }

  get rmapNext(): Int32Array {
    return this.#rmapNext;
  }
  /** The union's words (see above). */
  get nodeWords(): Int32Array {
    return this.#words;
  }

  /** `rmap_item->head`: the stable node id while the item has STABLE_FLAG, else 0. */
  headOf(id: number): number {
    return (this.#flags[id]! & STABLE_FLAG) !== 0 ? this.#words[id << 2]! : 0;
  }
  setHead(id: number, head: number): void {
    this.#words[id << 2] = head;
  }
  /** The next item on the stable node's list (0: none), while stable. */
  hlistNextOf(id: number): number {
    return this.#words[(id << 2) + 1]!;
  }
  setHlistNext(id: number, next: number): void {
    this.#words[(id << 2) + 1] = next;
  }
  /** The previous item on the stable node's list (0: the node itself), while stable. */
  hlistPrevOf(id: number): number {
    return this.#words[(id << 2) + 2]!;
  }
  setHlistPrev(id: number, prev: number): void {
    this.#words[(id << 2) + 2] = prev;
  }
  /** `rmap_item->anon_vma`, while stable. */
  anonVmaOf(id: number): number {
    return this.#words[(id << 2) + 3]!;
  }
  setAnonVma(id: number, anonVma: number): void {
    this.#words[(id << 2) + 3] = anonVma;
  }

  /** Global `ksm_rmap_items`: items allocated now. */
  get ksmRmapItems(): number {
    return this.#count;
  }

  /** `mm->ksm_rmap_items` for one mm id. */
  rmapItemsOf(mm: number): number {
    const at = this.#mmIndex.get(mm);
    return at === undefined ? 0 : this.#indexCount[at]!;
  }

  /** The mm ids with at least one item, and their counts. */
  perMmCounts(): ReadonlyMap<number, number> {
    const out = new Map<number, number>();
    for (const [mm, at] of this.#mmIndex) if (this.#indexCount[at]! > 0) out.set(mm, this.#indexCount[at]!);
    return out;
  }

  /** The table index of `mm`, made (with no items counted) if it has none. */
  #indexFor(mm: number): number {
    if (mm === this.#lastMm) return this.#lastIndex;
    let at = this.#mmIndex.get(mm);
    if (at === undefined) {
      at = this.#freeIndexes.pop() ?? this.#topIndex++;
      if (at >= this.#indexMm.length) {
        this.#indexMm = grown(this.#indexMm, new Int32Array(2 * at));
        this.#indexCount = grown(this.#indexCount, new Int32Array(2 * at));
      }
      if (at > SMALL_MM_INDEX && this.#mmOfItem instanceof Uint16Array) {
        this.#mmOfItem = grown(this.#mmOfItem, new Uint32Array(this.#capacity));
      }
      this.#indexMm[at] = mm;
      this.#indexCount[at] = 0;
      this.#mmIndex.set(mm, at);
    }
    this.#lastMm = mm;
    this.#lastIndex = at;
    return at;
  }

  /** One item less for table index `at`; an mm left with none leaves the table. */
  #uncount(at: number): void {
    if (--this.#indexCount[at]! > 0) return;
    const mm = this.#indexMm[at]!;
    if (this.#mmIndex.get(mm) !== at) return; // an index only setMm made
    this.#mmIndex.delete(mm);
    this.#freeIndexes.push(at);
    if (this.#lastMm === mm) this.#lastMm = -1;
  }

  /** Every id ever handed out is below this bound. */
  get highWater(): number {
    return this.#top;
  }

  /** Whether `id` is allocated now. */
  isAllocated(id: number): boolean {
    return id >= 1 && id < this.#top && (this.#nidLive[id]! & LIVE) !== 0;
  }

  /** Whether `oldchecksum[id]` was set since the item was made (else the kernel's oldchecksum is still 0). */
  hasOldChecksum(id: number): boolean {
    return (this.#nidLive[id]! & CHECKSUM_SET) !== 0;
  }

  /** `rmap_item->oldchecksum = checksum`, as a checksum key (see `oldchecksum`). */
  setOldChecksum(id: number, key: number): void {
    this.#oldchecksum[id] = key;
    this.#nidLive[id] = this.#nidLive[id]! | CHECKSUM_SET;
  }

  /**
   * `alloc_rmap_item` (`kmem_cache_zalloc`, `ksm_rmap_items++`) plus the
   * `mm`/`address` setup and `mm->ksm_rmap_items++` of `get_next_rmap_item`.
   * Every other field is 0. Allocation never fails here.
   */
  alloc(mm: number, address: number): number {
    if ((mm | 0) !== mm || !(address >= 0) || !Number.isInteger(address) || address >= MAX_ADDRESS) {
      throw new RmapError(
        "BAD_ARGUMENT",
        `alloc(${mm}, ${address}): mm must be an int32, address a page number below 2^40`,
      );
    }
    let id = this.#freeHead;
    if (id === 0) {
      // a never-used id: every field is still 0 (the arrays are zeroed when made)
      if (this.#top === this.#capacity) this.#grow();
      id = this.#top++;
      this.#nidLive[id] = LIVE;
      this.#countIn(id, mm);
      this.setAddress(id, address);
      return id;
    }
    this.#freeHead = this.#rmapNext[id]!;
    this.#nidLive[id] = LIVE;
    this.#countIn(id, mm);
    this.setAddress(id, address);
    this.#flags[id] = 0;
    this.#oldchecksum[id] = 0;
    this.#age[id] = 0;
    this.#remainingSkips[id] = 0;
    this.#rmapNext[id] = 0;
    this.#words.fill(0, id << 2, (id << 2) + 4);
    return id;
  }

  /** Item `id` becomes one of `mm`'s: `ksm_rmap_items++`, `mm->ksm_rmap_items++`. */
  #countIn(id: number, mm: number): void {
    const at = this.#indexFor(mm);
    this.#mmOfItem[id] = at;
    this.#indexCount[at]!++;
    this.#count++;
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
    if ((this.#nidLive[id]! & LIVE) === 0) throw new RmapError("DOUBLE_FREE", `free(${id}): already free`);
    this.#nidLive[id] = 0;
    this.#uncount(this.#mmOfItem[id]!);
    this.#count--;
    this.#rmapNext[id] = this.#freeHead;
    this.#freeHead = id;
  }

  /**
   * Make room for `n` more items at once (one growth instead of many): ksmd
   * reserves what an mm's page tables can ask of it as it comes to the mm.
   */
  reserve(n: number): void {
    const want = this.#top + n - (this.#top - 1 - this.#count); // free ids are reused first
    if (want <= this.#capacity) return;
    this.#grow(Math.max(want, nextCapacity(this.#capacity)));
  }

  #grow(cap = nextCapacity(this.#capacity)): void {
    this.#capacity = cap;
    this.#nidLive = grown(this.#nidLive, new Uint8Array(cap));
    this.#mmOfItem = grown(
      this.#mmOfItem,
      this.#mmOfItem instanceof Uint16Array ? new Uint16Array(cap) : new Uint32Array(cap),
    );
    this.#addrLo = grown(this.#addrLo, new Uint32Array(cap));
    this.#addrHi = grown(this.#addrHi, new Uint8Array(cap));
    this.#flags = grown(this.#flags, new Uint16Array(cap));
    this.#oldchecksum = grown(this.#oldchecksum, new Uint32Array(cap));
    this.#age = grown(this.#age, new Uint8Array(cap));
    this.#remainingSkips = grown(this.#remainingSkips, new Uint8Array(cap));

    this.#rmapNext = grown(this.#rmapNext, new Int32Array(cap));
    this.#words = grown(this.#words, new Int32Array(4 * cap));
    this.nodeStorage.s = this.#words;
  }
}

/**
 * The capacity after `cap` when full: doubling while small, then an eighth
 * more each time, so that a table of millions of items keeps little unused
 * room (at most an eighth) for the copies its growth costs.
 */
export function nextCapacity(cap: number): number {
  return cap < 1 << 16 ? cap * 2 : cap + Math.ceil(cap / 8);
}

function grown<T extends { set(a: ArrayLike<number>): void }>(old: ArrayLike<number>, next: T): T {
  next.set(old);
  return next;
}
