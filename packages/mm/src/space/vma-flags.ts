/**
 * VMA flags that KSM looks at (`vm_flags`). The bit values are the
 * simulator's own, not the kernel's; the names are the kernel's. mm itself
 * treats every VMA as a private anonymous mapping: the flags other than
 * VM_MERGEABLE are labels that `ksm_madvise` checks for compatibility.
 */
export const VM_SHARED = 1 << 0;
export const VM_MAYSHARE = 1 << 1;
export const VM_IO = 1 << 2;
export const VM_DONTEXPAND = 1 << 3;
export const VM_PFNMAP = 1 << 4;
export const VM_MIXEDMAP = 1 << 5;
export const VM_HUGETLB = 1 << 6;
export const VM_DROPPABLE = 1 << 7;
export const VM_MERGEABLE = 1 << 8;

/** VM_SPECIAL of include/linux/mm.h. */
export const VM_SPECIAL = VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP;

export const VM_ALL_FLAGS = VM_SPECIAL | VM_SHARED | VM_MAYSHARE | VM_HUGETLB | VM_DROPPABLE | VM_MERGEABLE;

/** `mm->flags` bits KSM owns (stored here, as in mm_struct). */
export const MMF_VM_MERGEABLE = 1 << 0;
export const MMF_VM_MERGE_ANY = 1 << 1;
