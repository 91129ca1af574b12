// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vma_desc_set_anonymous
 * Macro:    HAVE_VMA_DESC_SET_ANONYMOUS
 * Since:    7.2
 * Summary:  ``vma_desc_set_anonymous()``
 * Upstream: series "remove mmap_action success, error hooks" (Lorenzo
 *           Stoakes, v3 2026-06-02; /dev/zero uses vma_desc_set_anonymous()
 *           instead of success_hook); commit id unconfirmed
 * Confirmed: unconfirmed: neither the posting nor the commit was found
 *           with the search tool
 * Export:   none
 * Fallback: compat helper (clears desc->vm_ops, as vma_set_anonymous())
 *
 * void vma_desc_set_anonymous(struct vm_area_desc *).
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static void __maybe_unused mpc_probe_vma_desc_set_anonymous(void)
{
	void (*fn)(struct vm_area_desc *) = vma_desc_set_anonymous;

	(void)fn;
}
