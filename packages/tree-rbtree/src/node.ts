/**
 * `struct rb_node` on a tree's node storage (NodeStorage of @ksm-sim/tree/slots),
 * and the small helpers of include/linux/rbtree.h and rbtree_augmented.h
 * that touch it. Node `n` is four int32 in `s`:
 *
 *   s[4n]     rb_left              (a node, NIL: none)
 *   s[4n + 1] rb_right
 *   s[4n + 2] __rb_parent_color    parent << 1 | colour, packed as the kernel packs it (parent NIL for the root)
 *   s[4n + 3] the hint the tree's user keeps with the node (TreeWalk); the tree never reads it
 *
 * The lib/rbtree.c port (./insert.ts, ./erase.ts, ./erase-color.ts) reads
 * and writes nodes only through these accessors, so `node->rb_left` reads
 * `rbLeft(s, node)` and `parent->rb_right = tmp` reads `rbSetRight(s, parent, tmp)`.
 */

/** No node (the kernel's NULL); the same value as NO_NODE of @ksm-sim/tree. */
export const NIL = -1;
/** Colours as the low bit of __rb_parent_color (kernel: RB_RED 0, RB_BLACK 1). */
export const RB_RED = 0;
export const RB_BLACK = 1;

/** The tree's root (kernel: `struct rb_root`; `rootSlot` is its `rb_node`). */
export interface RbRoot {
  rootSlot: number;
}

// node->rb_left
export function rbLeft(s: Int32Array, n: number): number {
  return s[n << 2]!;
}

// node->rb_right
export function rbRight(s: Int32Array, n: number): number {
  return s[(n << 2) + 1]!;
}

// node->rb_left = child
export function rbSetLeft(s: Int32Array, n: number, child: number): void {
  s[n << 2] = child;
}

// node->rb_right = child
export function rbSetRight(s: Int32Array, n: number, child: number): void {
  s[(n << 2) + 1] = child;
}

// node->__rb_parent_color
export function rbPc(s: Int32Array, n: number): number {
  return s[(n << 2) + 2]!;
}

// node->__rb_parent_color = pc
export function rbSetPc(s: Int32Array, n: number, pc: number): void {
  s[(n << 2) + 2] = pc;
}

// mirrors rb_parent()
export function rbParent(s: Int32Array, n: number): number {
  return s[(n << 2) + 2]! >> 1;
}

// mirrors rb_is_red()
export function rbIsRed(s: Int32Array, n: number): boolean {
  return (s[(n << 2) + 2]! & 1) === RB_RED;
}

// `!node || rb_is_black(node)`, as lib/rbtree.c tests a child that may be NULL
export function rbIsBlackOrNil(s: Int32Array, n: number): boolean {
  return n === NIL || (s[(n << 2) + 2]! & 1) === RB_BLACK;
}

// mirrors rb_set_black()
export function rbSetBlack(s: Int32Array, n: number): void {
  s[(n << 2) + 2] = s[(n << 2) + 2]! | RB_BLACK;
}

// mirrors rb_set_parent()
export function rbSetParent(s: Int32Array, n: number, p: number): void {
  s[(n << 2) + 2] = (p << 1) | (s[(n << 2) + 2]! & 1);
}

// mirrors rb_set_parent_color()
export function rbSetParentColor(s: Int32Array, n: number, p: number, color: number): void {
  s[(n << 2) + 2] = (p << 1) | color;
}

/** The user's hint kept with node `n`. */
export function rbHint(s: Int32Array, n: number): number {
  return s[(n << 2) + 3]!;
}

export function rbSetHint(s: Int32Array, n: number, hint: number): void {
  s[(n << 2) + 3] = hint;
}

// mirrors __rb_change_child() in include/linux/rbtree_augmented.h
export function rbChangeChild(s: Int32Array, old: number, node: number, parent: number, root: RbRoot): void {
  if (parent !== NIL) {
    if (rbLeft(s, parent) === old) rbSetLeft(s, parent, node);
    else rbSetRight(s, parent, node);
  } else root.rootSlot = node;
}

// mirrors __rb_rotate_set_parents() in lib/rbtree.c
export function rbRotateSetParents(s: Int32Array, old: number, node: number, root: RbRoot, color: number): void {
  const pc = rbPc(s, old);
  rbSetPc(s, node, pc); // new->__rb_parent_color = old->__rb_parent_color
  rbSetParentColor(s, old, node, color);
  rbChangeChild(s, old, node, pc >> 1, root);
}

// mirrors rb_link_node() in include/linux/rbtree.h; the kernel's `rb_link` slot is given as `parent` plus side. A new node's hint is 0.
export function rbLinkNode(s: Int32Array, n: number, parent: number, left: boolean, root: RbRoot): void {
  rbSetParentColor(s, n, parent, RB_RED); // the parent pointer's low bit is 0: RB_RED
  rbSetLeft(s, n, NIL);
  rbSetRight(s, n, NIL);
  rbSetHint(s, n, 0);
  if (parent === NIL) root.rootSlot = n;
  else if (left) rbSetLeft(s, parent, n);
  else rbSetRight(s, parent, n);
}
