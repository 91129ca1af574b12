// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    __compat_vma_mmap_desc
 * Macro:    HAVE___COMPAT_VMA_MMAP_DESC
 * Since:    7.1
 * Summary:  exported ``__compat_vma_mmap(desc, vma)``
 * Upstream: same series as compat_set_desc_from_vma (mm tree for 7.1);
 *           the (f_op, file, vma) form came with bb666b7c2707 ("mm: add
 *           mmap_prepare() compatibility layer for nested file systems",
 *           6.16) and was renamed in 6.19; commit id of the (desc, vma)
 *           form unconfirmed
 * Confirmed: the (f_op, file, vma) form's bb666b7c2707 was confirmed on a mirror
 *           of linux.git with the search tool; the (desc, vma) form's id is
 *           unconfirmed
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
