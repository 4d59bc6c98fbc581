/**
 * When ksmd may walk its unstable trees by the nodes' hints alone, and the
 * check that it was right to. The rule: from the trees' reset at the start
 * of a full scan, while nothing but ksmd runs, every node still maps at its
 * rmap_item's address the page it was linked or last visited with,
 * unchanged, so its hint is its page's. ksmd's own steps change the PTEs of
 * the scanned item and of its twin only, and both leave the tree before the
 * next descent. Anything else ends the trust until the next reset: a
 * `Machine.seq` that moved between two of ksmd's batches (every mutating
 * path of @ksm-sim/mm moves it), a KSM call other than a scan (sysfs,
 * prctl), or a page linked whose only remaining reference was ksmd's own.
 */
import type { Machine } from "@ksm-sim/mm";

/** The environment variable that sets KsmOptions.checkWalks's default (tests set it in vitest.shared.ts). */
export const CHECK_WALKS_ENV = "KSM_SIM_CHECK_WALKS";

/** KsmOptions.checkWalks when not given: the environment's KSM_SIM_CHECK_WALKS=1, read when an engine is made. */
export function defaultCheckWalks(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[CHECK_WALKS_ENV] === "1";
}

export class WalkTrust {
  /** Whether the trees may be walked by hints now. */
  trusted = false;
  /**
   * The stable trees' generation: moved by anything that may change whether
   * a stable node's page is alive, a node's rmap_hlist_len, or a chain's
   * dups (see StableNode.settledGen): by KSM's own changes to them
   * (`stableChanged`), and by everything that ends the unstable trees'
   * trust. A chain found settled in one generation is settled until it moves.
   */
  stableGen = 1;
  /** `machine.seq` at the end of ksmd's last batch. */
  private seq = -1;

  /**
   * `enabled`: KsmOptions.trustedWalks (false: every node of every walk is
   * verified). `check`: KsmOptions.checkWalks (every node a trusted walk
   * steers past by its hint alone is also verified, and one that would not
   * pass throws: the rule above was broken).
   */
  constructor(
    readonly enabled: boolean,
    readonly check: boolean,
  ) {}

  /** The unstable trees were reset (start of a full scan): empty trees, each node checked as it is linked. */
  treesReset(): void {
    this.trusted = this.enabled;
    this.stableGen++; // a full scan starts with lru_add_drain_all: frames held only by a batch may go
  }

  /** Something other than ksmd changed, or may have changed, what a node maps or whether a page is alive. */
  lose(): void {
    this.trusted = false;
    this.stableGen++;
  }

  /** The unstable trees only: a node was linked whose page a later walk must meet the kernel's way. */
  loseUnstable(): void {
    this.trusted = false;
  }

  /** KSM changed a stable node, a chain or a KSM page's mappings itself. */
  stableChanged(): void {
    this.stableGen++;
  }

  /** ksm_do_scan begins: anything that ran since ksmd's last batch ends the trust. */
  batchStart(m: Machine): void {
    if (m.seq !== this.seq) {
      this.trusted = false;
      this.stableGen++;
    }
  }

  /** ksm_do_scan ends. */
  batchEnd(m: Machine): void {
    this.seq = m.seq;
  }

  /** The stable generation as ksmd's next batch will see it: moved if anything ran since the last batch (-1 then). */
  stableGenFor(m: Machine): number {
    return m.seq === this.seq ? this.stableGen : -1;
  }

  /** checkWalks: a node a trusted walk passed by its hint, whose page `ok` says is (or is not) the one the hint describes. */
  verify(ok: boolean, item: number): void {
    if (!ok)
      throw new Error(
        `ksm: trusted unstable-tree walk passed rmap_item ${item}, whose page is not the one its hint describes`,
      );
  }
}
