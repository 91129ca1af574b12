// SPDX-License-Identifier: GPL-2.0
/*
 * Fault-handler devices that set no VMA flag, so the kernel may merge a new
 * mapping into an existing one. On the compat path (5.10 - 6.12, and the
 * forced-compat copy on 7.2+) that merge happens before .mmap, so the hook
 * and its range check do not run; natively the hook runs first. The runtime
 * tests assert both. mpc_fault (hooks.c) is the same device done right.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

#include <linux/mmap_prepare_compat.h>

#include "mpc_example.h"

/* With per-mapping state and ->close: 5.10 and 6.1 never merge it. */
static int mpc_fault_merge_prepare(struct vm_area_desc *desc)
{
	return mpc_prepare_common(desc, MPC_EXAMPLE_PAGES, &mpc_fault_vm_ops);
}

/* Stateless: no ->mapped, no ->close, so every compat kernel merges it. */
static vm_fault_t mpc_plain_fault(struct vm_fault *vmf)
{
	struct page *page;

	if (vmf->pgoff >= MPC_EXAMPLE_PAGES)
		return VM_FAULT_SIGBUS;
	page = mpc_example.pages[vmf->pgoff];
	get_page(page);
	vmf->page = page;
	return 0;
}

static const struct vm_operations_struct mpc_plain_vm_ops = {
	.fault = mpc_plain_fault,
};

static int mpc_fault_plain_prepare(struct vm_area_desc *desc)
{
	if (desc->pgoff >= MPC_EXAMPLE_PAGES ||
	    vma_desc_pages(desc) > MPC_EXAMPLE_PAGES - desc->pgoff)
		return -EINVAL;
	desc->vm_ops = &mpc_plain_vm_ops;
	return 0;
}

MMAP_PREPARE_COMPAT_MAPPED_TABLE(mpc_merge_mapped,
				 MMAP_PREPARE_MAPPED_ENTRY(&mpc_fault_vm_ops, mpc_mapped));
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_fault_merge_prepare, mpc_merge_mapped);
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_fault_plain_prepare, mpc_merge_mapped);

static const struct file_operations mpc_fault_merge_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(mpc_fault_merge_prepare),
};

static const struct file_operations mpc_fault_plain_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(mpc_fault_plain_prepare),
};

static const struct mpc_example_device mpc_merge_device_array[] = {
	{ MPC_EXAMPLE_PREFIX "fault_merge", &mpc_fault_merge_fops },
	{ MPC_EXAMPLE_PREFIX "fault_plain", &mpc_fault_plain_fops },
};

const struct mpc_example_device_list mpc_merge_devices = {
	.devs = mpc_merge_device_array,
	.nr = ARRAY_SIZE(mpc_merge_device_array),
};
