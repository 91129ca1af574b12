// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vm_area_desc_vm_file
 * Macro:    HAVE_VM_AREA_DESC_VM_FILE
 * Since:    6.18
 * Summary:  ``vm_area_desc.vm_file``
 * Upstream: af6703838ecb ("mm: specify separate file and vm_file params in
 *           vm_area_desc"), 6.18
 * Confirmed: find_string of the search tool: kernel.org's post-receive
 *           notice for akpm/mm of 2025-09-24 lists it with this id next to
 *           f7a741c53b71 ("mm: do not assume file == vma->vm_file in
 *           compat_vma_mmap_prepare()"), and a posted bisect log of the
 *           6.18 merge window marks the same id good; the member itself was
 *           read in the 7.3 sources
 * Export:   none
 * Fallback: compat struct vm_area_desc; a new vm_file is installed with get_file() and fput()
 *
 * struct vm_area_desc has a mutable struct file *vm_file next to the
 * immutable file (6.16/6.17 had only a mutable file).
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static void __maybe_unused mpc_probe_vm_area_desc_vm_file(struct vm_area_desc *desc)
{
	struct file **vm_file = &desc->vm_file;

	*vm_file = NULL;
}
