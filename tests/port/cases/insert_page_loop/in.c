// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * the vm_insert_page() loop over a page array
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define IL_PAGES	8

static struct page *il_pages[IL_PAGES];

static int insert_page_loop_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long addr = vma->vm_start;
	unsigned long n = vma_pages(vma);
	int i, err;

	if (vma->vm_pgoff || n > IL_PAGES)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		err = vm_insert_page(vma, addr, il_pages[i]);
		if (err)
			return err;
		addr += PAGE_SIZE;
	}
	return 0;
}

static const struct file_operations insert_page_loop_fops = {
	.owner = THIS_MODULE,
	.mmap = insert_page_loop_mmap,
};

static struct miscdevice insert_page_loop_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_insert_page_loop",
	.fops = &insert_page_loop_fops,
};
module_misc_device(insert_page_loop_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case insert_page_loop");
