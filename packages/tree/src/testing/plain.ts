/**
 * A backend reduced to the base Tree interface: its trees without `walk`
 * and without `createIndexed`, with the same shapes. Experiments use it to
 * measure what the fast path saves (KSM then walks through `descend`, with
 * the same results), and tests use it as the verified oracle of a backend's
 * fast path.
 */
import type { DescentFn, Tree, TreeBackend, TreeNode } from "../types.js";

class PlainTree<T> implements Tree<T> {
  constructor(private readonly inner: Tree<T>) {}
  get backend(): string {
    return this.inner.backend;
  }
  get size(): number {
    return this.inner.size;
  }
  newNode(value: T): TreeNode<T> {
    return this.inner.newNode(value);
  }
  descend(fn: DescentFn<T>): TreeNode<T> | null {
    return this.inner.descend(fn);
  }
  link(node: TreeNode<T>): void {
    this.inner.link(node);
  }
  searchOrInsert(node: TreeNode<T>, fn: DescentFn<T>): TreeNode<T> {
    return this.inner.searchOrInsert(node, fn);
  }
  erase(node: TreeNode<T>): void {
    this.inner.erase(node);
  }
  replace(victim: TreeNode<T>, replacement: TreeNode<T>): void {
    this.inner.replace(victim, replacement);
  }
  holds(node: TreeNode<T>): boolean {
    return this.inner.holds(node);
  }
  nodes(): IterableIterator<TreeNode<T>> {
    return this.inner.nodes();
  }
  clear(): void {
    this.inner.clear();
  }
}

/** `backend` with only the base Tree interface (same name, `flags.walk` false, no createIndexed). */
export function plainBackend(backend: TreeBackend): TreeBackend {
  return Object.freeze({
    name: backend.name,
    flags: Object.freeze({ ...backend.flags, walk: false }),
    create: <T>() => new PlainTree<T>(backend.create<T>()),
  });
}
