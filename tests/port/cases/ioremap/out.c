// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * io_remap_pfn_range() with an uncached protection argument
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

static phys_addr_t io_phys;
static unsigned long io_len;

static int ioremap_mmap_prepare(struct vm_area_desc *desc)
{
	if (desc->pgoff + vma_desc_pages(desc) > io_len >> PAGE_SHIFT)
		return -EINVAL;
	desc->page_prot = pgprot_noncached(desc->page_prot);
	mmap_action_ioremap_full(desc, PHYS_PFN(io_phys) + desc->pgoff);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(ioremap_mmap_prepare);

static const struct file_operations ioremap_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(ioremap_mmap_prepare),
};

static struct miscdevice ioremap_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_ioremap",
	.fops = &ioremap_fops,
};
module_misc_device(ioremap_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case ioremap");
