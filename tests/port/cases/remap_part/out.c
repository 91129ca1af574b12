// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * remap_pfn_range() over the first page only, result checked
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

static unsigned long rp_pfn;

static int remap_part_mmap_prepare(struct vm_area_desc *desc)
{
	if (desc->pgoff)
		return -EINVAL;
	mmap_action_remap(desc, desc->start, rp_pfn, PAGE_SIZE);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(remap_part_mmap_prepare);

static const struct file_operations remap_part_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(remap_part_mmap_prepare),
};

static struct miscdevice remap_part_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_remap_part",
	.fops = &remap_part_fops,
};
module_misc_device(remap_part_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case remap_part");
