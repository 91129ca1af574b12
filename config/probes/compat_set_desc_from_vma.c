// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    compat_set_desc_from_vma
 * Macro:    HAVE_COMPAT_SET_DESC_FROM_VMA
 * Since:    7.1
 * Summary:  exported ``compat_set_desc_from_vma()``
 * Upstream: 668937b7b225 ("mm: allow handling of stacked mmap_prepare hooks
 *           in more drivers"), 7.1, used by the uio and vmbus conversions
 * Confirmed: find_string of the search tool: the commit list of the
 *           mm-stable-2026-04-13 merge for 7.1 (a posted shortlog) has it
 *           with this id, next to 3e4bb2706817 and f96e1d5f15b7;
 *           matched by its subject and place before the uio and vmbus
 *           conversions, the diff was not read
 * Export:   compat_set_desc_from_vma
 * Fallback: prefixed compat_set_desc_from_vma() in the shim
 *
 * void compat_set_desc_from_vma(struct vm_area_desc *, const struct file *,
 * const struct vm_area_struct *), exported.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static void __maybe_unused mpc_probe_compat_set_desc_from_vma(void)
{
	void (*fn)(struct vm_area_desc *, const struct file *,
		   const struct vm_area_struct *) = compat_set_desc_from_vma;

	(void)fn;
}
