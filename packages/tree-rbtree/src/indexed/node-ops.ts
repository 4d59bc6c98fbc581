/**
 * The helpers of include/linux/rbtree.h and rbtree_augmented.h on arena slots
 * (see ./arena.ts for the layout): node n's fields are s[4n] (rb_left),
 * s[4n + 1] (rb_right) and s[4n + 2] (__rb_parent_color).
 */
import { IX_RED, NIL } from "./arena.js";

/** The tree's root slot (kernel: `struct rb_root`). */
export interface IxRoot {
  rbNode: number;
}

// mirrors rb_parent()
export function ixParent(s: Int32Array, n: number): number {
  return s[4 * n + 2]! >> 1;
}

// mirrors rb_is_red()
export function ixIsRed(s: Int32Array, n: number): boolean {
  return (s[4 * n + 2]! & 1) === IX_RED;
}

// mirrors rb_set_parent_color()
export function ixSetParentColor(s: Int32Array, n: number, p: number, color: number): void {
  s[4 * n + 2] = (p << 1) | color;
}

// mirrors rb_set_parent()
export function ixSetParent(s: Int32Array, n: number, p: number): void {
  s[4 * n + 2] = (p << 1) | (s[4 * n + 2]! & 1);
}

// mirrors __rb_change_child()
export function ixChangeChild(s: Int32Array, old: number, node: number, parent: number, root: IxRoot): void {
  if (parent !== NIL) {
    if (s[4 * parent] === old) s[4 * parent] = node;
    else s[4 * parent + 1] = node;
  } else root.rbNode = node;
}

// mirrors __rb_rotate_set_parents() in lib/rbtree.c
export function ixRotateSetParents(s: Int32Array, old: number, node: number, root: IxRoot, color: number): void {
  const pc = s[4 * old + 2]!;
  s[4 * node + 2] = pc; // new->__rb_parent_color = old->__rb_parent_color
  ixSetParentColor(s, old, node, color);
  ixChangeChild(s, old, node, pc >> 1, root);
}

// mirrors rb_link_node(); the kernel's `rb_link` slot is given as `parent` plus side
export function ixLinkNode(s: Int32Array, n: number, parent: number, left: boolean, root: IxRoot): void {
  s[4 * n] = NIL;
  s[4 * n + 1] = NIL;
  s[4 * n + 2] = (parent << 1) | IX_RED;
  if (parent === NIL) root.rbNode = n;
  else if (left) s[4 * parent] = n;
  else s[4 * parent + 1] = n;
}

// mirrors rb_first()
export function ixFirst(s: Int32Array, root: IxRoot): number {
  let n = root.rbNode;
  if (n === NIL) return NIL;
  while (s[4 * n] !== NIL) n = s[4 * n]!;
  return n;
}

// mirrors rb_next() (linked nodes only)
export function ixNext(s: Int32Array, node: number): number {
  let n = node;
  if (s[4 * n + 1] !== NIL) {
    n = s[4 * n + 1]!;
    while (s[4 * n] !== NIL) n = s[4 * n]!;
    return n;
  }
  let parent = ixParent(s, n);
  while (parent !== NIL && n === s[4 * parent + 1]) {
    n = parent;
    parent = ixParent(s, n);
  }
  return parent;
}
