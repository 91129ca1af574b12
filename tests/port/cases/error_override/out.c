// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * a special errno after a failed remap
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

static unsigned long eo_pfn;

static int error_override_mmap_prepare(struct vm_area_desc *desc)
{
	if (vma_desc_pages(desc) != 1)
		return -EINVAL;
	desc->action.error_override = -EAGAIN;
	mmap_action_remap(desc, desc->start, eo_pfn, PAGE_SIZE);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(error_override_mmap_prepare);

static const struct file_operations error_override_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(error_override_mmap_prepare),
};

static struct miscdevice error_override_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_error_override",
	.fops = &error_override_fops,
};
module_misc_device(error_override_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case error_override");
