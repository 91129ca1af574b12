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

/* The same with braces, as mmap_mem() in drivers/char/mem.c (Linux 6.1). */
static int error_override_braces_mmap_prepare(struct vm_area_desc *desc)
{
	desc->action.error_override = -EAGAIN;
	mmap_action_remap(desc, desc->start, eo_pfn, PAGE_SIZE);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(error_override_mmap_prepare);

static const struct file_operations error_override_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(error_override_mmap_prepare),
};

MMAP_PREPARE_COMPAT_TRAMPOLINE(error_override_braces_mmap_prepare);

static const struct file_operations error_override_braces_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(error_override_braces_mmap_prepare),
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
