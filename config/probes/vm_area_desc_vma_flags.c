// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vm_area_desc_vma_flags
 * Macro:    HAVE_VM_AREA_DESC_VMA_FLAGS
 * Since:    6.19
 * Summary:  ``vm_area_desc.vma_flags``
 * Upstream: 9ea35a25d51b ("mm: introduce VMA flags bitmap type"), 6.19
 *           (vma_flags in a union with vm_flags in struct vm_area_desc)
 * Confirmed: find_string of the search tool: cited by id and subject in
 *           Fixes: tags posted to linux-mm (2026) and in Lorenzo
 *           Stoakes' postings of January 2026
 * Export:   none
 * Fallback: compat vma_flags_t member, converted to and from vma->vm_flags
 *
 * struct vm_area_desc has a member vma_flags of type vma_flags_t (6.19 in a
 * union with vm_flags, 7.0 and later alone).
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static void __maybe_unused mpc_probe_vm_area_desc_vma_flags(struct vm_area_desc *desc)
{
	vma_flags_t *flags = &desc->vma_flags;

	(void)flags;
}
