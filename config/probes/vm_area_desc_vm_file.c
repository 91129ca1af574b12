// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vm_area_desc_vm_file
 * Macro:    HAVE_VM_AREA_DESC_VM_FILE
 * Since:    6.18
 * Summary:  ``vm_area_desc.vm_file``
 * Upstream: "mm: add vm_file to struct vm_area_desc / const-ify desc->file"
 *           (Lorenzo Stoakes, series for 6.18); commit id unconfirmed
 * Confirmed: unconfirmed: the search tool found the posting (linux-fsdevel),
 *           not the merged commit; the member was read in the 7.3 sources
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
