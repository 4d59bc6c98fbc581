/**
 * A KSM tree over functional-red-black-tree: a persistent red-black tree
 * whose insert and remove copy the path they change and return a new
 * version. The adapter keeps the newest version; handles are ordered by
 * their order labels (see @ksm-sim/tree/order-labels).
 */
import type { TreeNode } from "@ksm-sim/tree";
import { compareLabels, type LabelCursor, OrderLabelNode, OrderLabelTree } from "@ksm-sim/tree/order-labels";
import type { CreateFrbt, FrbtLike, FrbtNodeLike } from "./frbt-like.js";

/** This backend's handle (a TreeNode); other backends' handles are refused as FOREIGN_NODE. */
export class FrbtHandle<T> extends OrderLabelNode<T> {}

export class FunctionalRedBlackTree<T> extends OrderLabelTree<T, FrbtNodeLike<FrbtHandle<T>>> {
  private lib: FrbtLike<FrbtHandle<T>>;

  constructor(
    readonly backend: string,
    private readonly createTree: CreateFrbt,
  ) {
    super();
    this.lib = createTree<FrbtHandle<T>>(compareLabels);
  }

  get size(): number {
    return this.lib.length;
  }

  newNode(value: T): FrbtHandle<T> {
    return new FrbtHandle(value);
  }

  protected isOwn(node: TreeNode<T>): node is FrbtHandle<T> {
    return node instanceof FrbtHandle;
  }

  protected rootNode(): FrbtNodeLike<FrbtHandle<T>> | null {
    return this.lib.root;
  }

  protected handleAt(node: FrbtNodeLike<FrbtHandle<T>>): FrbtHandle<T> {
    return node.key;
  }

  protected insert(handle: FrbtHandle<T>): void {
    this.lib = this.lib.insert(handle, undefined);
  }

  protected remove(handle: FrbtHandle<T>): void {
    const before = this.lib.length;
    this.lib = this.lib.remove(handle);
    if (this.lib.length === before) throw new Error("functional-red-black-tree: remove missed a held handle");
  }

  protected reset(): void {
    this.lib = this.createTree<FrbtHandle<T>>(compareLabels);
  }

  protected cursor(from: FrbtHandle<T> | null, dir: -1 | 1): LabelCursor<FrbtHandle<T>> {
    const it = from !== null ? this.lib.find(from) : dir > 0 ? this.lib.begin : this.lib.end;
    let started = false;
    return () => {
      if (!started) started = true;
      else if (dir > 0) it.next();
      else it.prev();
      return it.valid ? (it.key as FrbtHandle<T>) : null;
    };
  }
}
