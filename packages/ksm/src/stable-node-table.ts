/**
 * The live stable nodes by id: what a KSM frame's mapping names (the
 * keyhole). The scan looks a node up for every KSM page it meets, so the
 * table is an array indexed by id (ids are small and handed out in order)
 * rather than a Map; it reads like one.
 */
import type { StableNode } from "./stable-node.js";

export class StableNodeTable {
  private readonly byId: (StableNode | undefined)[] = [];
  private count = 0;

  /** The live node with id `id`, or undefined. */
  get(id: number): StableNode | undefined {
    return this.byId[id];
  }

  set(id: number, node: StableNode): void {
    if (this.byId[id] === undefined) this.count++;
    this.byId[id] = node;
  }

  delete(id: number): void {
    if (this.byId[id] === undefined) return;
    this.byId[id] = undefined;
    this.count--;
  }

  get size(): number {
    return this.count;
  }

  /** The live nodes, by increasing id. */
  *values(): IterableIterator<StableNode> {
    for (const node of this.byId) if (node !== undefined) yield node;
  }

  /** [id, node] of the live nodes, by increasing id. */
  *[Symbol.iterator](): IterableIterator<[number, StableNode]> {
    for (let id = 0; id < this.byId.length; id++) {
      const node = this.byId[id];
      if (node !== undefined) yield [id, node];
    }
  }
}
