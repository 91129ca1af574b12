// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: a legacy stacked caller, a
 * .mmap hook that checks its own conditions and then hands the VMA to the
 * .mmap hook of another device node of the same driver; and one that maps
 * another file through its f_op->mmap, which is left.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static unsigned long sl_pfn;
static struct file *sl_backing;

static int sl_inner_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, sl_pfn,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static int sl_outer_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & VM_SHARED))
		return -EACCES;
	return sl_inner_mmap(file, vma);
}

static int sl_other_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!sl_backing)
		return -ENODEV;
	return sl_backing->f_op->mmap(sl_backing, vma);
}

static const struct file_operations sl_inner_fops = {
	.owner = THIS_MODULE,
	.mmap = sl_inner_mmap,
};

static const struct file_operations sl_outer_fops = {
	.owner = THIS_MODULE,
	.mmap = sl_outer_mmap,
};

static const struct file_operations sl_other_fops = {
	.owner = THIS_MODULE,
	.mmap = sl_other_mmap,
};

static struct miscdevice sl_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_sli", .fops = &sl_inner_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_slo", .fops = &sl_outer_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_slx", .fops = &sl_other_fops },
};

static int __init sl_init(void)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(sl_misc); i++) {
		err = misc_register(&sl_misc[i]);
		if (err) {
			while (i--)
				misc_deregister(&sl_misc[i]);
			return err;
		}
	}
	return 0;
}

static void __exit sl_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(sl_misc); i++)
		misc_deregister(&sl_misc[i]);
}

module_init(sl_init);
module_exit(sl_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case stacked_legacy");
