// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * a private anonymous mapping of a device (/dev/zero-style)
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static int anonymous_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return -EINVAL;
	vma_set_anonymous(vma);
	return 0;
}

static const struct file_operations anonymous_fops = {
	.owner = THIS_MODULE,
	.mmap = anonymous_mmap,
};

static struct miscdevice anonymous_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_anonymous",
	.fops = &anonymous_fops,
};
module_misc_device(anonymous_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case anonymous");
