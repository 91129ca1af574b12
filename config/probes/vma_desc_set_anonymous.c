// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vma_desc_set_anonymous
 * Macro:    HAVE_VMA_DESC_SET_ANONYMOUS
 * Since:    7.2
 * Summary:  ``vma_desc_set_anonymous()``
 * Upstream: 17986198a7b9 ("drivers/char/mem: eliminate unnecessary use of
 *           success_hook": /dev/zero calls vma_desc_set_anonymous() instead
 *           of a success_hook), 7.2
 * Confirmed: find_string of the search tool: kernel.org's post-receive
 *           notices for the 7.2 mm branch (2026-06-05) and linux-next
 *           (2026-06-22) list it with this id, right after 4f5b8759262e
 *           (error_override, confirmed at v7.2-rc1); that this commit is the
 *           one adding the helper is read from its subject and /dev/zero's
 *           7.3 code, the diff itself was not found
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
