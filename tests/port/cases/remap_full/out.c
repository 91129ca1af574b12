// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * remap_pfn_range() over the whole VMA, returned directly
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

#define RF_PAGES	4

static unsigned long rf_pfn;

static const struct vm_operations_struct remap_full_vm_ops = {
};

static int remap_full_mmap_prepare(struct vm_area_desc *desc)
{
	unsigned long pages = vma_desc_pages(desc);

	if (desc->pgoff >= RF_PAGES || pages > RF_PAGES - desc->pgoff)
		return -EINVAL;

	desc->vm_ops = &remap_full_vm_ops;
	mmap_action_remap_full(desc, rf_pfn + desc->pgoff);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(remap_full_mmap_prepare);

static const struct file_operations remap_full_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(remap_full_mmap_prepare),
};

static struct miscdevice remap_full_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_remap_full",
	.fops = &remap_full_fops,
};
module_misc_device(remap_full_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case remap_full");
