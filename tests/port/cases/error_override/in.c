// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * a special errno after a failed remap
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static unsigned long eo_pfn;

static int error_override_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma_pages(vma) != 1)
		return -EINVAL;
	if (remap_pfn_range(vma, vma->vm_start, eo_pfn, PAGE_SIZE,
			    vma->vm_page_prot))
		return -EAGAIN;
	return 0;
}

static const struct file_operations error_override_fops = {
	.owner = THIS_MODULE,
	.mmap = error_override_mmap,
};

static struct miscdevice error_override_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_error_override",
	.fops = &error_override_fops,
};
module_misc_device(error_override_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case error_override");
