// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * io_remap_pfn_range() with an uncached protection argument
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static phys_addr_t io_phys;
static unsigned long io_len;

static int ioremap_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;
	int err;

	if (vma->vm_pgoff + vma_pages(vma) > io_len >> PAGE_SHIFT)
		return -EINVAL;
	err = io_remap_pfn_range(vma, vma->vm_start,
				 PHYS_PFN(io_phys) + vma->vm_pgoff, size,
				 pgprot_noncached(vma->vm_page_prot));
	return err;
}

static const struct file_operations ioremap_fops = {
	.owner = THIS_MODULE,
	.mmap = ioremap_mmap,
};

static struct miscdevice ioremap_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_ioremap",
	.fops = &ioremap_fops,
};
module_misc_device(ioremap_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case ioremap");
