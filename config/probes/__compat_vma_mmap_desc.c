// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    __compat_vma_mmap_desc
 * Macro:    HAVE___COMPAT_VMA_MMAP_DESC
 * Since:    7.1
 * Summary:  exported ``__compat_vma_mmap(desc, vma)``
 * Upstream: 668937b7b225 ("mm: allow handling of stacked mmap_prepare hooks
 *           in more drivers"), 7.1; the (f_op, file, vma) form came with
 *           bb666b7c2707 ("mm: add mmap_prepare() compatibility layer for
 *           nested file systems", 6.16) and was renamed in 6.19
 * Confirmed: find_string of the search tool: the commit list of the
 *           mm-stable-2026-04-13 merge for 7.1 (a posted shortlog) has it
 *           with this id, next to 3e4bb2706817 and f96e1d5f15b7;
 *           matched by its subject, the diff was not read; bb666b7c2707 on a
 *           mirror of linux.git
 * Export:   __compat_vma_mmap
 * Fallback: prefixed __compat_vma_mmap(desc, vma) in the shim
 *
 * int __compat_vma_mmap(struct vm_area_desc *, struct vm_area_struct *),
 * exported. 6.19 exported __compat_vma_mmap(f_op, file, vma); 7.0.4-7.0.y
 * export none.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static void __maybe_unused mpc_probe___compat_vma_mmap_desc(void)
{
	int (*fn)(struct vm_area_desc *, struct vm_area_struct *) =
		__compat_vma_mmap;

	(void)fn;
}
