// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * vm_iomap_memory() after an uncached protection, and an #else stub
 * (hpet-style)
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

struct iomap_dev {
	phys_addr_t phys;
	unsigned long len;
};

#ifdef CONFIG_MMU
static int iomap_mmap_prepare(struct vm_area_desc *desc)
{
	struct file *file = desc->file;
	struct iomap_dev *dev = file->private_data;

	if (dev->phys & (PAGE_SIZE - 1))
		return -ENODEV;

	desc->page_prot = pgprot_noncached(desc->page_prot);
	mmap_action_simple_ioremap(desc, dev->phys, dev->len);
	return 0;
}
#else
/* A stub that does not use its file: it must not get the local. */
static int iomap_mmap_prepare(struct vm_area_desc *desc)
{
	return -ENODEV;
}
#endif

MMAP_PREPARE_COMPAT_TRAMPOLINE(iomap_mmap_prepare);

static const struct file_operations iomap_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(iomap_mmap_prepare),
};

static struct miscdevice iomap_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_iomap",
	.fops = &iomap_fops,
};
module_misc_device(iomap_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case iomap");
