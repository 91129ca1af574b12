// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * vm_insert_pages() over the whole VMA
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

#define IP_PAGES	8

static struct page *ip_pages[IP_PAGES];

static int insert_pages_mmap_prepare(struct vm_area_desc *desc)
{
	unsigned long num = vma_desc_pages(desc);

	if (desc->pgoff || num > IP_PAGES)
		return -EINVAL;
	mmap_action_map_kernel_pages_full(desc, ip_pages);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(insert_pages_mmap_prepare);

static const struct file_operations insert_pages_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(insert_pages_mmap_prepare),
};

static struct miscdevice insert_pages_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_insert_pages",
	.fops = &insert_pages_fops,
};
module_misc_device(insert_pages_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case insert_pages");
