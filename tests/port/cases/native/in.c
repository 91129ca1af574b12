// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: a driver already written
 * against the Linux 7.3 API (mmap_prepare, ->mapped), aligned the way
 * upstream aligns its initializers. It is only wired, and --unwire gives
 * this file back byte for byte.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include "native.h"

static atomic_t nat_maps = ATOMIC_INIT(0);

static int native_mapped(unsigned long start, unsigned long end, pgoff_t pgoff,
			 const struct file *file, void **vm_private_data)
{
	atomic_inc(&nat_maps);
	return 0;
}

static void native_close(struct vm_area_struct *vma)
{
	atomic_dec(&nat_maps);
}

static const struct vm_operations_struct native_vm_ops = {
	.close		= native_close,
	.mapped		= native_mapped,
};

static int native_mmap_prepare(struct vm_area_desc *desc)
{
	if (vma_desc_pages(desc) + desc->pgoff > NATIVE_PAGES)
		return -EINVAL;
	desc->vm_ops = &native_vm_ops;
	mmap_action_remap_full(desc, native_pfn + desc->pgoff);
	return 0;
}

/* The device node's operations. */
static const struct file_operations native_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= native_mmap_prepare,
	.llseek		= noop_llseek,
};

static struct miscdevice native_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_native",
	.fops = &native_fops,
};
module_misc_device(native_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case native");
