// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    compat_set_desc_from_vma
 * Macro:    HAVE_COMPAT_SET_DESC_FROM_VMA
 * Since:    7.1
 * Summary:  exported ``compat_set_desc_from_vma()``
 * Upstream: "mm: export compat_set_desc_from_vma() and __compat_vma_mmap()
 *           for stacked drivers" (Lorenzo Stoakes, mm tree for 7.1, used
 *           by uio and vmbus); commit id unconfirmed
 * Confirmed: unconfirmed: no posting or commit found with the search tool
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
