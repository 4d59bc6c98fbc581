/**
 * Order labels: erase by identity over a search-tree library that can only
 * find by key.
 *
 * KSM links a node where its own descent ended and later erases it by
 * identity, even after the page behind it was rewritten and its content no
 * longer fits its position. A library that removes through its comparator
 * would search by the new contents and miss the node. So an order-label
 * backend hands the library handles that compare by a numeric `label` only:
 * labels always follow the tree's in-order sequence, whatever the pages do,
 * and the library's own insert/remove find a handle by its label.
 *
 * Labels are integers in [0, LABEL_LIMIT), so every one is an exact double.
 * A handle linked between `pred` and `succ` gets the midpoint of their labels
 * (a fixed step beyond an end of the order, where ascending keys go).
 * When that gap is used up, a run of neighbours is relabelled in place: the
 * smallest aligned label range around the gap (2, 4, 8, ... labels wide) that
 * is sparse enough, by the density rule of Bender et al., "Two simplified
 * algorithms for maintaining order in a list" (ESA 2002), is spread evenly.
 * That costs O(log n) relabels per link, amortized, whatever the pattern of
 * links. Relabelling only ever changes labels in order-preserving ways, so a
 * library tree ordered by labels stays valid without being touched.
 *
 * The tree that uses these labels is `OrderLabelTree` (order-label-tree.ts);
 * order-labels.ts exports both as `@ksm-sim/tree/order-labels`.
 */

/** One past the largest label. */
export const LABEL_LIMIT = 2 ** 53;
const LABEL_BITS = 53;

/** Anything that carries an order label (a backend's node handle). */
export interface Labelled {
  label: number;
}

/** The comparator an order-label backend gives its library: by label only, never by value. */
export function compareLabels(a: Labelled, b: Labelled): number {
  return a.label - b.label;
}

/** Yields labelled items in order, one per call, starting with the item it was opened at; null when done. */
export type LabelCursor<H> = () => H | null;

/** Opens a cursor at `from` (inclusive) walking up (`1`) or down (`-1`) the order. */
export type OpenCursor<H> = (from: H, dir: -1 | 1) => LabelCursor<H>;

/**
 * Density rule: after a relabel, an aligned range of 2^b labels holds at most
 * (2/T)^b items, so its items are at least T^b apart. With T = 1.3 the whole
 * label space holds 8.5e9 items before the rule is waived at the top range.
 */
const T = 1.3;
const CAPACITY: readonly number[] = Array.from({ length: LABEL_BITS + 1 }, (_, b) => Math.floor((2 / T) ** b));

/** How far past the last (or before the first) label a link at an end of the order goes, so ascending keys do not halve the space. */
const END_STEP = 2 ** 24;

/**
 * A label strictly between `pred` and `succ` (null: an end of the order), or
 * -1 if the gap is used up: the midpoint, except at one end of a non-empty
 * order, where it is at most END_STEP beyond the end item.
 */
export function labelBetween(pred: Labelled | null, succ: Labelled | null): number {
  const lo = pred === null ? -1 : pred.label;
  const hi = succ === null ? LABEL_LIMIT : succ.label;
  if (hi - lo < 2) return -1;
  const half = Math.floor((hi - lo) / 2);
  if (pred !== null && succ === null) return lo + Math.min(half, END_STEP);
  if (pred === null && succ !== null) return hi - Math.min(half, END_STEP);
  return lo + half;
}

// Scratch runs reused by every relabel: no allocation beyond the cursors.
const below: Labelled[] = [];
const above: Labelled[] = [];

/**
 * Give `fresh` a label between `pred` and `succ`, which are adjacent in the
 * order (either may be null at an end). If their gap is used up, relabel the
 * neighbours around it, walking with cursors opened by `open`. Returns how
 * many other items were relabelled (0 on the fast path).
 */
export function assignLabel<H extends Labelled>(fresh: H, pred: H | null, succ: H | null, open: OpenCursor<H>): number {
  const mid = labelBetween(pred, succ);
  if (mid >= 0) {
    fresh.label = mid;
    return 0;
  }
  return relabelAround(fresh, pred, succ, open);
}

function relabelAround<H extends Labelled>(fresh: H, pred: H | null, succ: H | null, open: OpenCursor<H>): number {
  below.length = above.length = 0; // in case a cursor threw during the last relabel
  // A used-up gap has at least one neighbour; anchor the ranges on it.
  const anchor = pred !== null ? pred.label : (succ as H).label;
  const down = pred === null ? null : open(pred, -1);
  const up = succ === null ? null : open(succ, 1);
  let lo = down === null ? null : down();
  let hi = up === null ? null : up();
  for (let bits = 1; ; bits++) {
    const size = 2 ** bits;
    const base = anchor - (anchor % size);
    while (lo !== null && lo.label >= base) {
      below.push(lo);
      lo = (down as LabelCursor<H>)();
    }
    while (hi !== null && hi.label < base + size) {
      above.push(hi);
      hi = (up as LabelCursor<H>)();
    }
    const count = below.length + above.length + 1;
    if (count <= (CAPACITY[bits] as number) || bits === LABEL_BITS) {
      spread(fresh, base, size / count);
      return count - 1;
    }
  }
}

/** Spread `below` (reversed), `fresh`, `above` evenly, `step` apart, from `base`; then empty the runs. */
function spread(fresh: Labelled, base: number, step: number): void {
  let j = 0.5;
  for (let i = below.length - 1; i >= 0; i--) (below[i] as Labelled).label = base + Math.floor(step * j++);
  fresh.label = base + Math.floor(step * j++);
  for (const item of above) item.label = base + Math.floor(step * j++);
  below.length = 0;
  above.length = 0;
}
