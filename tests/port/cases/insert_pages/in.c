// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * vm_insert_pages() over the whole VMA
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define IP_PAGES	8

static struct page *ip_pages[IP_PAGES];

static int insert_pages_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long num = vma_pages(vma);

	if (vma->vm_pgoff || num > IP_PAGES)
		return -EINVAL;
	return vm_insert_pages(vma, vma->vm_start, ip_pages, &num);
}

static const struct file_operations insert_pages_fops = {
	.owner = THIS_MODULE,
	.mmap = insert_pages_mmap,
};

static struct miscdevice insert_pages_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_insert_pages",
	.fops = &insert_pages_fops,
};
module_misc_device(insert_pages_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case insert_pages");
