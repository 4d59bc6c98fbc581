import type { RmapItems } from "./rmap-items.js";

/** `skip_age`: how many visits to skip after processing an item of this age. */
export function skipAge(age: number): number {
  if (age <= 3) return 1;
  if (age <= 5) return 2;
  if (age <= 8) return 4;
  return 8;
}

/**
 * `should_skip_rmap_item`, minus its side effects outside the item: on `true`
 * the caller counts `ksm_pages_skipped++` and calls
 * `remove_rmap_item_from_tree`. A KSM page is never skipped and its age is
 * not touched; otherwise `age` counts visits (saturating at 255).
 */
export function shouldSkipRmapItem(items: RmapItems, id: number, isKsmPage: boolean, smartScan: boolean): boolean {
  if (!smartScan) return false;
  if (isKsmPage) return false;
  const ages = items.age;
  const age = ages[id]!;
  if (age !== 255) ages[id] = age + 1;
  if (age < 3) return false;
  const skips = items.remainingSkips;
  if (skips[id] === 0) {
    skips[id] = skipAge(age);
    return false;
  }
  skips[id]!--;
  return true;
}
