// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * remap_pfn_range() over the whole VMA, returned directly
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define RF_PAGES	4

static unsigned long rf_pfn;

static const struct vm_operations_struct remap_full_vm_ops = {
};

static int remap_full_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long pages = vma_pages(vma);

	if (vma->vm_pgoff >= RF_PAGES || pages > RF_PAGES - vma->vm_pgoff)
		return -EINVAL;

	vma->vm_ops = &remap_full_vm_ops;
	return remap_pfn_range(vma, vma->vm_start, rf_pfn + vma->vm_pgoff,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct file_operations remap_full_fops = {
	.owner = THIS_MODULE,
	.mmap = remap_full_mmap,
};

static struct miscdevice remap_full_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_remap_full",
	.fops = &remap_full_fops,
};
module_misc_device(remap_full_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case remap_full");
