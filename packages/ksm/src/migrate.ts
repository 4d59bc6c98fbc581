/** Page migration and memory hot-remove, seen from KSM. */
import { ksmStableNodeOf, setKsm } from "@ksm-sim/mm";
import { freeStableNodeChain } from "./chain.js";
import type { KsmState } from "./engine.js";
import { removeNodeFromStableTree } from "./get-folio.js";

/** folio_migrate_ksm: the stable node follows its page to the new frame; the old frame keeps only the KSM flag. */
export function folioMigrateKsm(k: KsmState, newPfn: number, oldPfn: number): void {
  const id = ksmStableNodeOf(k.machine, oldPfn);
  if (id <= 0) return;
  const node = k.stableNodes.get(id);
  if (node === undefined) return;
  node.kpfn = newPfn;
  k.trust.stableChanged();
  setKsm(k.machine, oldPfn, 0); // folio_set_stable_node(folio, NULL)
}

/**
 * ksm_check_stable_tree (MEM_OFFLINE): every stable node, dup or
 * migrate_nodes member whose page lay in [startPfn, endPfn) is removed.
 */
export function ksmCheckStableTree(k: KsmState, startPfn: number, endPfn: number): void {
  const inRange = (pfn: number) => pfn >= startPfn && pfn < endPfn;
  for (let nid = 0; nid < k.nrNodeIds; nid++) {
    const tree = k.stableRoots[nid]!;
    for (const tn of [...tree.nodes()]) {
      const node = tn.value;
      if (node.isChain) {
        for (const dup of [...node.dups]) if (inRange(dup.kpfn)) removeNodeFromStableTree(k, dup);
        if (node.dups.length === 0) freeStableNodeChain(k, node, nid);
      } else if (inRange(node.kpfn)) {
        removeNodeFromStableTree(k, node);
      }
    }
  }
  for (const node of [...k.migrateNodes]) if (inRange(node.kpfn)) removeNodeFromStableTree(k, node);
}
