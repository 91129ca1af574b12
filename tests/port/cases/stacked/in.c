// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: a 7.3-style stacked caller
 * (a .mmap hook that runs an mmap_prepare hook on a descriptor made from
 * the VMA, as the uio core does in Linux 7.3).
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static unsigned long stacked_pfn;

static int stacked_inner_prepare(struct vm_area_desc *desc)
{
	mmap_action_remap_full(desc, stacked_pfn);
	return 0;
}

static int stacked_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	err = stacked_inner_prepare(&desc);
	if (err)
		return err;
	return __compat_vma_mmap(&desc, vma);
}

static const struct file_operations stacked_inner_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = stacked_inner_prepare,
};

static const struct file_operations stacked_fops = {
	.owner = THIS_MODULE,
	.mmap = stacked_mmap,
};

static struct miscdevice stacked_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_si", .fops = &stacked_inner_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_so", .fops = &stacked_fops },
};

static int __init stacked_init(void)
{
	int err = misc_register(&stacked_misc[0]);

	if (err)
		return err;
	err = misc_register(&stacked_misc[1]);
	if (err)
		misc_deregister(&stacked_misc[0]);
	return err;
}

static void __exit stacked_exit(void)
{
	misc_deregister(&stacked_misc[1]);
	misc_deregister(&stacked_misc[0]);
}

module_init(stacked_init);
module_exit(stacked_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case stacked");
