/**
 * When a sleep of ksmd ends: schedule_timeout arms a timer for
 * `jiffies + timeout`, and the timer wheel (kernel/time/timer.c) files it
 * in a bucket whose expiry is rounded *up* to the level's granularity and
 * is always at least one jiffy past the requested expiry, so that a timer
 * never fires early. A timer armed in jiffy J for j jiffies (j < 63) fires
 * at the tick J + j + 1: ksmd's 20 ms sleep at HZ 250 (j = 5) ends 24 ms
 * after the tick in which its batch ended, tick-aligned.
 */

/** LVL_CLK_SHIFT: each level of the wheel is 8 times coarser than the one below. */
const LVL_CLK_SHIFT = 3;
/** LVL_BITS: 64 buckets per level. */
const LVL_BITS = 6;

/** LVL_SHIFT(n) */
const lvlShift = (n: number): number => n * LVL_CLK_SHIFT;
/** LVL_START(n): the smallest delta filed at level n. */
const lvlStart = (n: number): number => ((1 << LVL_BITS) - 1) * 2 ** ((n - 1) * LVL_CLK_SHIFT);

/** calc_index's bucket expiry: `expires` rounded up past itself at level `lvl`'s granularity. */
function bucketExpiry(expires: number, lvl: number): number {
  const gran = 2 ** lvlShift(lvl);
  return (Math.floor(expires / gran) + 1) * gran;
}

/**
 * calc_wheel_index's bucket expiry: the jiffy at which a timer for
 * `expires`, armed when the wheel's clock read `clk`, fires (LVL_DEPTH 9
 * for HZ > 100, else 8; too-distant timers are cut at the wheel's capacity).
 */
export function timerExpiryJiffies(expires: number, clk: number, hz: number): number {
  const depth = hz > 100 ? 9 : 8; // LVL_DEPTH
  const delta = expires - clk;
  if (delta < 0) return clk;
  for (let lvl = 0; lvl < depth - 1; lvl++) if (delta < lvlStart(lvl + 1)) return bucketExpiry(expires, lvl);
  const cutoff = lvlStart(depth); // WHEEL_TIMEOUT_CUTOFF
  const max = cutoff - 2 ** lvlShift(depth - 1); // WHEEL_TIMEOUT_MAX
  return bucketExpiry(delta >= cutoff ? clk + max : expires, depth - 1);
}

/** The jiffies count at simulated time `ns` (from 0 at 0), as the engine's `jiffies` reads it. */
export function jiffiesAt(ns: number, hz: number): number {
  const tick = 1e9 / hz;
  return Number.isInteger(tick) ? Math.floor(ns / tick) : Math.floor((ns * hz) / 1e9);
}

/** The first ns at which jiffies reads `j` (the tick's instant). */
export function tickNs(j: number, hz: number): number {
  const tick = 1e9 / hz;
  if (Number.isInteger(tick)) return j * tick;
  let ns = Math.ceil((j * 1e9) / hz);
  while (jiffiesAt(ns, hz) < j) ns++;
  return ns;
}
