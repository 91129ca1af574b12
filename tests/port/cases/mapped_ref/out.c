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
#include <linux/mmap_prepare_compat.h>

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

static int mapped_ref_vm_mapped(unsigned long start, unsigned long end,
				pgoff_t pgoff, const struct file *file,
				void **vm_private_data)
{
	struct miscdevice *misc = file->private_data;
	struct mapped_ref_dev *d = container_of(misc, typeof(*d), misc);

	kref_get(&d->ref);
	return 0;
}

static const struct vm_operations_struct mapped_ref_vm_ops = {
	.close = mapped_ref_vm_close,
	MMAP_PREPARE_MAPPED(mapped_ref_vm_mapped)
};

static int mapped_ref_mmap_prepare(struct vm_area_desc *desc)
{
	struct file *file = desc->file;
	struct miscdevice *misc = file->private_data;
	struct mapped_ref_dev *d = container_of(misc, typeof(*d), misc);

	if (desc->pgoff)
		return -EINVAL;
	desc->private_data = d;
	desc->vm_ops = &mapped_ref_vm_ops;
	mmap_action_remap(desc, desc->start, d->pfn, PAGE_SIZE);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(mapped_ref_mmap_prepare,
			       MMAP_PREPARE_MAPPED_ENTRY(&mapped_ref_vm_ops, mapped_ref_vm_mapped));

static const struct file_operations mapped_ref_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(mapped_ref_mmap_prepare),
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
