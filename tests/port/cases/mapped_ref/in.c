// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: a hook that takes a
 * reference for the mapping once the remap succeeded (as stm_char_mmap()
 * took a runtime PM reference in Linux 6.1), dropped by the vm_ops' ->close.
 */
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

struct mapped_ref_dev {
	struct miscdevice misc;
	struct kref ref;
	unsigned long pfn;
};

static void mapped_ref_release(struct kref *ref)
{
}

static struct mapped_ref_dev mapped_ref_dev;

static void mapped_ref_vm_close(struct vm_area_struct *vma)
{
	struct mapped_ref_dev *d = vma->vm_private_data;

	kref_put(&d->ref, mapped_ref_release);
}

static const struct vm_operations_struct mapped_ref_vm_ops = {
	.close = mapped_ref_vm_close,
};

static int mapped_ref_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct miscdevice *misc = file->private_data;
	struct mapped_ref_dev *d = container_of(misc, typeof(*d), misc);
	int ret;

	if (vma->vm_pgoff)
		return -EINVAL;
	vma->vm_private_data = d;
	vma->vm_ops = &mapped_ref_vm_ops;
	ret = remap_pfn_range(vma, vma->vm_start, d->pfn, PAGE_SIZE,
			      vma->vm_page_prot);
	if (ret)
		return ret;
	kref_get(&d->ref);
	return 0;
}

static const struct file_operations mapped_ref_fops = {
	.owner = THIS_MODULE,
	.mmap = mapped_ref_mmap,
};

static int __init mapped_ref_init(void)
{
	kref_init(&mapped_ref_dev.ref);
	mapped_ref_dev.misc.minor = MISC_DYNAMIC_MINOR;
	mapped_ref_dev.misc.name = "mpc_port_mref";
	mapped_ref_dev.misc.fops = &mapped_ref_fops;
	return misc_register(&mapped_ref_dev.misc);
}

static void __exit mapped_ref_exit(void)
{
	misc_deregister(&mapped_ref_dev.misc);
}

module_init(mapped_ref_init);
module_exit(mapped_ref_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case mapped_ref");
