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

/* The same with braces, as mmap_mem() in drivers/char/mem.c (Linux 6.1). */
static int error_override_braces_mmap(struct file *file,
				      struct vm_area_struct *vma)
{
	if (remap_pfn_range(vma, vma->vm_start, eo_pfn, PAGE_SIZE,
			    vma->vm_page_prot)) {
		return -EAGAIN;
	}
	return 0;
}

static const struct file_operations error_override_fops = {
	.owner = THIS_MODULE,
	.mmap = error_override_mmap,
};

static const struct file_operations error_override_braces_fops = {
	.owner = THIS_MODULE,
	.mmap = error_override_braces_mmap,
};

static struct miscdevice error_override_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_eo",
	  .fops = &error_override_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_eob",
	  .fops = &error_override_braces_fops },
};

static int __init error_override_init(void)
{
	int err = misc_register(&error_override_misc[0]);

	if (err)
		return err;
	err = misc_register(&error_override_misc[1]);
	if (err)
		misc_deregister(&error_override_misc[0]);
	return err;
}

static void __exit error_override_exit(void)
{
	misc_deregister(&error_override_misc[1]);
	misc_deregister(&error_override_misc[0]);
}

module_init(error_override_init);
module_exit(error_override_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case error_override");
