/**
 * anon_vma identities. A VMA gets an anon_vma at its first fault
 * (`anon_vma_prepare`); fork gives the child's VMA a new one whose root is
 * the parent's root (`anon_vma_fork`). Anon frames point at the anon_vma
 * they were faulted in (`folio->mapping`), and `ksm_might_need_to_copy`
 * compares roots. Ids start at 1; 0 means none.
 */
export class AnonVmaTable {
  #roots = new Int32Array(64);
  /** The last id handed out. */
  last = 0;

  /** A new anon_vma under `root` (its own root when `root` is 0). */
  create(root = 0): number {
    const id = ++this.last;
    if (id >= this.#roots.length) {
      const bigger = new Int32Array(this.#roots.length * 2);
      bigger.set(this.#roots);
      this.#roots = bigger;
    }
    this.#roots[id] = root === 0 ? id : root;
    return id;
  }

  /** The root of anon_vma `id` (0 for 0). */
  root(id: number): number {
    return id === 0 ? 0 : this.#roots[id]!;
  }
}
