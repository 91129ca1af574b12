// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * the vm_insert_page() loop over a page array
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

#define IL_PAGES	8

static struct page *il_pages[IL_PAGES];

static int insert_page_loop_mmap_prepare(struct vm_area_desc *desc)
{
	unsigned long addr = desc->start;
	unsigned long n = vma_desc_pages(desc);

	if (desc->pgoff || n > IL_PAGES)
		return -EINVAL;
	mmap_action_map_kernel_pages(desc, addr, il_pages, n);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(insert_page_loop_mmap_prepare);

static const struct file_operations insert_page_loop_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(insert_page_loop_mmap_prepare),
};

static struct miscdevice insert_page_loop_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_insert_page_loop",
	.fops = &insert_page_loop_fops,
};
module_misc_device(insert_page_loop_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case insert_page_loop");
