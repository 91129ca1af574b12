// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * a private anonymous mapping of a device (/dev/zero-style)
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

static int anonymous_mmap_prepare(struct vm_area_desc *desc)
{
	if (vma_desc_test(desc, VMA_SHARED_BIT))
		return -EINVAL;
	vma_desc_set_anonymous(desc);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(anonymous_mmap_prepare);

static const struct file_operations anonymous_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(anonymous_mmap_prepare),
};

static struct miscdevice anonymous_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_anonymous",
	.fops = &anonymous_fops,
};
module_misc_device(anonymous_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case anonymous");
