// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * remap_pfn_range() over the first page only, result checked
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static unsigned long rp_pfn;

static int remap_part_mmap(struct file *file, struct vm_area_struct *vma)
{
	int ret;

	if (vma->vm_pgoff)
		return -EINVAL;
	ret = remap_pfn_range(vma, vma->vm_start, rp_pfn, PAGE_SIZE,
			      vma->vm_page_prot);
	if (ret)
		return ret;
	return 0;
}

static const struct file_operations remap_part_fops = {
	.owner = THIS_MODULE,
	.mmap = remap_part_mmap,
};

static struct miscdevice remap_part_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_remap_part",
	.fops = &remap_part_fops,
};
module_misc_device(remap_part_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case remap_part");
